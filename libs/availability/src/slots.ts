import { createHash } from 'node:crypto';

export const DAY_MS = 86_400_000;

export interface PlanOptions {
  siteId: string;
  /** Start of the monitoring window (inclusive). */
  from: Date;
  windowDays: number;
  /** Probes per day (at least the rule set's minProbesPerDay). */
  perDay: number;
  /** Keys the jitter, so a plan is reproducible and two sites are not probed in lock-step. */
  seed: string | number;
  /** No two slots of a site closer than this; default a third of the spacing. */
  minGapMs?: number;
}

export interface ProbeSlot {
  siteId: string;
  plannedAt: Date;
  /** Day of the window, 0-based, counted in 24 h periods from `from`. */
  day: number;
  /** Slot number within the day. */
  index: number;
}

/** A uniform number in [0, 1) from the key (48 bits of SHA-256): deterministic jitter without a clock or RNG state. */
export function keyedUnit(...key: Array<string | number>): number {
  const h = createHash('sha256').update(key.join('|')).digest();
  return h.readUIntBE(0, 6) / 2 ** 48;
}

/**
 * 每天间隔性访问: each day is cut into `perDay` equal intervals and each slot falls at a keyed-random point of its
 * interval, no later than `minGapMs` before the next interval starts. So every day holds exactly `perDay` slots,
 * spread over the whole day, and consecutive slots are at least `minGapMs` apart.
 */
export function planProbeSlots(opts: PlanOptions): ProbeSlot[] {
  const { siteId, from, windowDays, perDay, seed } = opts;
  if (!Number.isInteger(windowDays) || windowDays < 1) throw new RangeError(`windowDays must be a positive integer, got ${windowDays}`);
  if (!Number.isInteger(perDay) || perDay < 1) throw new RangeError(`perDay must be a positive integer, got ${perDay}`);
  if (Number.isNaN(from.getTime())) throw new RangeError('from is not a valid date');
  const spacing = DAY_MS / perDay;
  const minGap = opts.minGapMs ?? Math.floor(spacing / 3);
  if (minGap < 0 || minGap >= spacing) throw new RangeError(`minGapMs must be in [0, ${Math.floor(spacing)}) for ${perDay} probes a day`);
  const slots: ProbeSlot[] = [];
  for (let day = 0; day < windowDays; day++) {
    for (let index = 0; index < perDay; index++) {
      const start = from.getTime() + day * DAY_MS + index * spacing;
      const jitter = Math.floor(keyedUnit(seed, siteId, day, index) * (spacing - minGap));
      slots.push({ siteId, plannedAt: new Date(Math.floor(start) + jitter), day, index });
    }
  }
  return slots;
}
