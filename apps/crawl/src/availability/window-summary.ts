import { ProbeRecord, SummaryOptions, VoidReason, summariseAvailability, AvailabilitySummary } from '@govinspect/availability';
import { EntityManager } from 'typeorm';

interface SlotRow {
  planned_at: Date;
  state: string;
  probed_at: Date | null;
  ok: boolean | null;
  failure: string | null;
  self_check_ok: boolean | null;
  void_reason: string | null;
}

/** The W-V2 summary of a site's planned slots in [asOf − windowDays, asOf), read from probe_slot ⟕ probe. */
export async function summariseSiteWindow(manager: EntityManager, siteId: string, opts: SummaryOptions): Promise<AvailabilitySummary> {
  const from = new Date(opts.asOf.getTime() - opts.windowDays * 86_400_000);
  const rows: SlotRow[] = await manager.query(
    `SELECT s.planned_at, s.state, p.probed_at, p.ok, p.failure, p.self_check_ok, p.void_reason
       FROM probe_slot s LEFT JOIN probe p ON p.slot_id = s.id
      WHERE s.site_id = $1 AND s.planned_at >= $2 AND s.planned_at < $3 AND s.state IN ('done', 'missed')`,
    [siteId, from, opts.asOf],
  );
  const records: ProbeRecord[] = rows.map((r) => ({
    plannedAt: r.planned_at,
    startedAt: r.probed_at,
    ok: r.ok ?? false,
    failure: r.failure,
    selfCheckOk: r.self_check_ok,
    voidReason: (r.void_reason as VoidReason | null) ?? null,
  }));
  return summariseAvailability(records, opts);
}
