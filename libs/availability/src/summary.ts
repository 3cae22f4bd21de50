import { DAY_MS } from './slots';

/**
 * Why a probe does not count against the site: our side could not make it.
 * - `missed`: the scheduler never ran the slot;
 * - `late`: it started later than its slot by more than the tolerance (scheduler overrun);
 * - `self-check`: our own loopback health check failed at the same time (our network or process was down);
 * - `egress`: the egress guard or our dispatcher refused before any connection was made.
 */
export type VoidReason = 'missed' | 'late' | 'self-check' | 'egress';
export const VOID_REASONS: readonly VoidReason[] = ['missed', 'late', 'self-check', 'egress'];

/** One probe (or planned slot) as the summary sees it. */
export interface ProbeRecord {
  /** The slot instant, when the probe was scheduled; absent for ad-hoc probes. */
  plannedAt?: Date | null;
  /** When the probe actually started; null = the slot was never run. */
  startedAt: Date | null;
  ok: boolean;
  /** Failure class (`@govinspect/contracts` ProbeFailure) when not ok. */
  failure?: string | null;
  /** Result of the self-check made with this probe; null/undefined = none made. */
  selfCheckOk?: boolean | null;
  /** A reason the recorder already knew (e.g. our dispatcher was closing). */
  voidReason?: VoidReason | null;
}

export interface VoidOptions {
  /** How late a probe may start after its slot and still count. */
  lateToleranceMs: number;
}

/** Failure classes raised on our side before any connection (the egress guard). */
const OUR_FAILURES = new Set(['guarded']);

/** Why this probe is voided, or null when it counts. A successful probe always counts: it was made. */
export function voidReason(p: ProbeRecord, opts: VoidOptions): VoidReason | null {
  if (!p.startedAt) return 'missed';
  if (p.voidReason) return p.voidReason;
  if (p.plannedAt && p.startedAt.getTime() - p.plannedAt.getTime() > opts.lateToleranceMs) return 'late';
  if (p.ok) return null;
  if (p.failure && OUR_FAILURES.has(p.failure)) return 'egress';
  if (p.selfCheckOk === false) return 'self-check';
  return null;
}

export interface SummaryOptions extends VoidOptions {
  /** 监测时间点: the window is [asOf − windowDays, asOf). */
  asOf: Date;
  windowDays: number;
  /** Counted probes each day needs for the window to be complete (rule set's minProbesPerDay). */
  minProbesPerDay: number;
}

export interface DaySummary {
  day: number;
  from: Date;
  counted: number;
  failures: number;
  voided: number;
}

export interface AvailabilitySummary {
  counted: number;
  failures: number;
  voided: number;
  voidedBy: Record<VoidReason, number>;
  /** failures / counted; null when nothing counted. */
  ratio: number | null;
  /** Every day of the window holds at least minProbesPerDay counted probes. */
  complete: boolean;
  byDay: DaySummary[];
}

/** The W-V2 counts over the window before asOf. The threshold is scoring's business (rule set), not applied here. */
export function summariseAvailability(probes: Iterable<ProbeRecord>, opts: SummaryOptions): AvailabilitySummary {
  const start = opts.asOf.getTime() - opts.windowDays * DAY_MS;
  const byDay: DaySummary[] = Array.from({ length: opts.windowDays }, (_, day) => ({
    day,
    from: new Date(start + day * DAY_MS),
    counted: 0,
    failures: 0,
    voided: 0,
  }));
  const voidedBy = Object.fromEntries(VOID_REASONS.map((r) => [r, 0])) as Record<VoidReason, number>;
  for (const p of probes) {
    const at = (p.plannedAt ?? p.startedAt)?.getTime();
    if (at === undefined || at < start || at >= opts.asOf.getTime()) continue;
    const day = byDay[Math.floor((at - start) / DAY_MS)];
    const reason = voidReason(p, opts);
    if (reason) {
      day.voided++;
      voidedBy[reason]++;
    } else {
      day.counted++;
      if (!p.ok) day.failures++;
    }
  }
  const sum = (k: 'counted' | 'failures' | 'voided') => byDay.reduce((n, d) => n + d[k], 0);
  const counted = sum('counted');
  const failures = sum('failures');
  return {
    counted,
    failures,
    voided: sum('voided'),
    voidedBy,
    ratio: counted ? failures / counted : null,
    complete: byDay.every((d) => d.counted >= opts.minProbesPerDay),
    byDay,
  };
}
