import { Inject, Injectable } from '@nestjs/common';
import { findingsRecorded, inspectionRequested, siteRegistered } from '@govinspect/contracts';
import { MessageBus } from '@govinspect/messaging';
import { EventHandlerSpec, EventSubscriptions, MESSAGE_BUS, on } from '@govinspect/service-kit';
import { DataSource } from 'typeorm';
import { Rescorer } from './cards/rescorer';
import { ingestFindings, recordInspection, recordSite } from './findings/findings-ingest';

/**
 * Inputs of score cards: findings (crawl), the register (names, kinds, regions) and inspections (period, asOf, rule
 * set). Topics are not ordered with each other, so each handler re-scores whatever the new fact completes.
 */
@Injectable()
export class ScoringEventsConsumer extends EventSubscriptions {
  constructor(
    @Inject(MESSAGE_BUS) bus: MessageBus,
    dataSource: DataSource,
    private readonly rescorer: Rescorer,
  ) {
    super(bus, dataSource);
  }

  protected serviceName() {
    return 'scoring';
  }

  protected handlers(): EventHandlerSpec[] {
    return [
      on(findingsRecorded, async (event, m) => {
        const r = await ingestFindings(m, event.payload);
        if (r.periodKey && !r.stale) await this.rescorer.rescore(m, [r.targetId], r.periodKey, { actor: 'crawl', reason: `findings of check run ${event.payload.runId}` });
      }),
      on(inspectionRequested, async (event, m) => {
        const r = await recordInspection(m, event.payload);
        await this.rescorer.rescore(m, r.targets, r.periodKey, { actor: 'crawl', reason: `inspection ${event.payload.inspectionId} gave the period` });
      }),
      on(siteRegistered, async (event, m) => {
        const periods = await recordSite(m, event.payload);
        for (const p of periods) await this.rescorer.rescore(m, [event.payload.siteId], p, { actor: 'registry', reason: 'site registered (name, kind, region)' });
      }),
    ];
  }
}
