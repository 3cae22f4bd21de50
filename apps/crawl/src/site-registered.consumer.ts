import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { siteRegistered } from '@govinspect/contracts';
import { EventHandlerSpec, EventSubscriptions, MESSAGE_BUS, on } from '@govinspect/service-kit';
import { MessageBus } from '@govinspect/messaging';
import { DataSource } from 'typeorm';
import { ProbeScheduler } from './availability/probe-scheduler';
import { CLOCK, Clock } from './clock';
import { CRAWL_CONFIG, CrawlConfig } from './crawl-config';
import { CrawlSiteEntity, ProbeRequestEntity } from './entities';

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Windows run over whole China-time days (每天), so a site's monitoring starts at the next midnight (UTC+8, no DST). */
export function nextChinaMidnight(now: Date): Date {
  const day = 86_400_000;
  return new Date(Math.floor((now.getTime() + CHINA_OFFSET_MS) / day) * day + day - CHINA_OFFSET_MS);
}

/**
 * A newly registered site is copied into the crawl service, its first homepage probe is queued, and its W-V2
 * monitoring starts (a window of probe slots from the next China-time midnight).
 */
@Injectable()
export class SiteRegisteredConsumer extends EventSubscriptions {
  constructor(
    @Inject(MESSAGE_BUS) bus: MessageBus,
    dataSource: DataSource,
    private readonly scheduler: ProbeScheduler,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CRAWL_CONFIG) private readonly config: CrawlConfig,
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
        if (!this.config.monitorOnRegistration) return;
        const monitored = await manager.query(`SELECT 1 FROM probe_window WHERE site_id = $1 AND state = 'open' LIMIT 1`, [p.siteId]);
        if (!known || !monitored.length) await this.scheduler.planWindow(p.siteId, nextChinaMidnight(this.clock.now()), manager);
      }),
    ];
  }
}
