import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { siteRegistered } from '@govinspect/contracts';
import { EventHandlerSpec, EventSubscriptions, on } from '@govinspect/service-kit';
import { CrawlSiteEntity, ProbeRequestEntity } from './entities';

/** A newly registered site is copied into the crawl service and its first homepage probe is queued. */
@Injectable()
export class SiteRegisteredConsumer extends EventSubscriptions {
  protected serviceName() {
    return 'crawl';
  }

  protected handlers(): EventHandlerSpec[] {
    return [
      on(siteRegistered, async (event, manager) => {
        const p = event.payload;
        await manager.upsert(CrawlSiteEntity, { siteId: p.siteId, url: p.url, regionCode: p.regionCode }, ['siteId']);
        await manager.insert(ProbeRequestEntity, {
          id: randomUUID(),
          siteId: p.siteId,
          state: 'pending',
          reason: 'registration',
          requestedAt: new Date(),
          claimedAt: null,
        });
      }),
    ];
  }
}
