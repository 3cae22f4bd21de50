import { Injectable } from '@nestjs/common';
import { siteRegistered } from '@govinspect/contracts';
import { EventHandlerSpec, EventSubscriptions, on } from '@govinspect/service-kit';
import { ConsultationTargetEntity } from './consultation-target.entity';

/** Every registered site must offer an online consultation channel (W-V5), so every site becomes a test target. */
@Injectable()
export class SiteRegisteredConsumer extends EventSubscriptions {
  protected serviceName() {
    return 'interaction-test';
  }

  protected handlers(): EventHandlerSpec[] {
    return [
      on(siteRegistered, async (event, manager) => {
        const p = event.payload;
        await manager
          .createQueryBuilder()
          .insert()
          .into(ConsultationTargetEntity)
          .values({ siteId: p.siteId, regionCode: p.regionCode, siteUrl: p.url, state: 'awaiting-channel', addedAt: new Date(event.occurredAt) })
          .orIgnore()
          .execute();
      }),
    ];
  }
}
