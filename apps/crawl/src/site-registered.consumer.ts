import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { siteRegistered } from '@govinspect/contracts';
import { EventHandlerSpec, EventSubscriptions, MESSAGE_BUS, on } from '@govinspect/service-kit';
import { MessageBus } from '@govinspect/messaging';
import { DataSource } from 'typeorm';
import { ProbeScheduler } from './availability/probe-scheduler';
import { CLOCK, Clock } from './clock';
import { CrawlSiteEntity, ProbeRequestEntity } from './entities';

/**
 * A newly registered site is copied into the crawl service, its first homepage probe is queued, and its W-V2
 * monitoring starts (a window of probe slots from now).
 */
@Injectable()
export class SiteRegisteredConsumer extends EventSubscriptions {
  constructor(
    @Inject(MESSAGE_BUS) bus: MessageBus,
    dataSource: DataSource,
    private readonly scheduler: ProbeScheduler,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super(bus, dataSource);
  }

  protected serviceName() {
    return 'crawl';
  }

  protected handlers(): EventHandlerSpec[] {
    return [
      on(siteRegistered, async (event, manager) => {
        const p = event.payload;
        const known = await manager.findOneBy(CrawlSiteEntity, { siteId: p.siteId });
        await manager.upsert(
          CrawlSiteEntity,
          { siteId: p.siteId, url: p.url, regionCode: p.regionCode, name: p.name, siteCode: p.siteCode, kind: p.kind, hostUnit: p.hostUnit },
          ['siteId'],
        );
        await manager.insert(ProbeRequestEntity, {
          id: randomUUID(),
          siteId: p.siteId,
          state: 'pending',
          reason: 'registration',
          requestedAt: this.clock.now(),
          claimedAt: null,
        });
        const monitored = await manager.query(`SELECT 1 FROM probe_window WHERE site_id = $1 AND state = 'open' LIMIT 1`, [p.siteId]);
        if (!known || !monitored.length) await this.scheduler.planWindow(p.siteId, this.clock.now(), manager);
      }),
    ];
  }
}
