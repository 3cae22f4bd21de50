import { randomUUID } from 'node:crypto';
import { probeRecorded } from '@govinspect/contracts';
import { enqueueEvent } from '@govinspect/messaging';
import { ProbeOutcome } from '@govinspect/web-fetch';
import { EntityManager } from 'typeorm';
import { ProbeEntity } from '../entities';

export interface ProbeToRecord {
  siteId: string;
  regionCode: string;
  url: string;
  /** When the probe started, on the service clock. */
  probedAt: Date;
  outcome: ProbeOutcome;
  slotId?: string | null;
  plannedAt?: Date | null;
  selfCheckOk?: boolean | null;
  /** Set when our side could not make the probe; the probe is then voided and never counts. */
  voidReason?: string | null;
}

/** Insert the probe and its `crawl.probe-recorded` event in the caller's transaction. */
export async function recordProbe(manager: EntityManager, p: ProbeToRecord): Promise<ProbeEntity> {
  const row: ProbeEntity = {
    id: randomUUID(),
    siteId: p.siteId,
    url: p.url,
    probedAt: p.probedAt,
    ok: p.outcome.ok,
    httpStatus: p.outcome.httpStatus,
    ms: p.outcome.ms,
    failure: p.outcome.failure,
    detail: p.outcome.detail,
    voided: !!p.voidReason,
    slotId: p.slotId ?? null,
    plannedAt: p.plannedAt ?? null,
    selfCheckOk: p.selfCheckOk ?? null,
    voidReason: p.voidReason ?? null,
  };
  await manager.insert(ProbeEntity, row);
  await enqueueEvent(
    manager,
    probeRecorded,
    p.siteId,
    {
      probeId: row.id,
      siteId: p.siteId,
      regionCode: p.regionCode,
      url: p.url,
      probedAt: p.probedAt.toISOString(),
      ok: row.ok,
      httpStatus: row.httpStatus,
      ms: row.ms,
      failure: p.outcome.failure,
      voided: row.voided,
    },
    'crawl',
  );
  return row;
}
