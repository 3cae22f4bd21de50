import { Inject, Injectable } from '@nestjs/common';
import { inspectionRequested } from '@govinspect/contracts';
import { MessageBus } from '@govinspect/messaging';
import { loadRuleSet } from '@govinspect/rule-sets';
import { EventHandlerSpec, EventSubscriptions, MESSAGE_BUS, on } from '@govinspect/service-kit';
import { DataSource } from 'typeorm';
import { InspectionScopeError, enqueueInspection } from './enqueue';
import { InspectionWorker } from './inspection-worker';

/** `reporting.inspection-requested` → an inspection and one queued job per site (the worker runs them). */
@Injectable()
export class InspectionRequestedConsumer extends EventSubscriptions {
  constructor(
    @Inject(MESSAGE_BUS) bus: MessageBus,
    dataSource: DataSource,
    private readonly worker: InspectionWorker,
  ) {
    super(bus, dataSource);
  }

  protected serviceName() {
    return 'crawl';
  }

  protected handlers(): EventHandlerSpec[] {
    return [
      on(inspectionRequested, async (event, manager) => {
        const p = event.payload;
        try {
          loadRuleSet(p.ruleSetId, p.ruleSetVersion);
        } catch (e) {
          // The rule set will not appear by retrying: dead-letter the request with the reason.
          throw new InspectionScopeError(`rule set ${p.ruleSetId}${p.ruleSetVersion ? `@${p.ruleSetVersion}` : ''}: ${(e as Error).message}`);
        }
        await enqueueInspection(manager, p);
        setImmediate(() => this.worker.kick());
      }),
    ];
  }
}
