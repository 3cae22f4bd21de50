import { Injectable } from '@nestjs/common';
import { probeRecorded } from '@govinspect/contracts';
import { EventHandlerSpec, EventSubscriptions } from '@govinspect/service-kit';
import { ProbeObservationEntity } from './probe-observation.entity';

/** Keeps every probe as an observation; the W-V2 counts are computed per window on demand. */
@Injectable()
export class ProbeRecordedConsumer extends EventSubscriptions {
  protected serviceName() {
    return 'scoring';
  }

  protected handlers(): EventHandlerSpec[] {
    return [
      {
        contract: probeRecorded,
        handle: async (event, manager) => {
          const p = event.payload as ReturnType<typeof probeRecorded.schema.parse>;
          await manager
            .createQueryBuilder()
            .insert()
            .into(ProbeObservationEntity)
            .values({ probeId: p.probeId, siteId: p.siteId, probedAt: new Date(p.probedAt), ok: p.ok, voided: p.voided, failure: p.failure })
            .orIgnore()
            .execute();
        },
      },
    ];
  }
}
