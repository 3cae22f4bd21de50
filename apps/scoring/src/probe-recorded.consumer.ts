import { Injectable } from '@nestjs/common';
import { probeRecorded } from '@govinspect/contracts';
import { EventHandlerSpec, EventSubscriptions, on } from '@govinspect/service-kit';
import { ProbeObservationEntity } from './probe-observation.entity';

/** Keeps every probe as an observation; the W-V2 counts are computed per window on demand. */
@Injectable()
export class ProbeRecordedConsumer extends EventSubscriptions {
  protected serviceName() {
    return 'scoring';
  }

  protected handlers(): EventHandlerSpec[] {
    return [
      on(probeRecorded, async (event, manager) => {
        const p = event.payload;
        await manager
          .createQueryBuilder()
          .insert()
          .into(ProbeObservationEntity)
          .values({ probeId: p.probeId, siteId: p.siteId, probedAt: new Date(p.probedAt), ok: p.ok, voided: p.voided, failure: p.failure })
          .orIgnore()
          .execute();
      }),
    ];
  }
}
