import { DURATION } from './schema';

/**
 * Window arithmetic on calendar days in China Standard Time (UTC+8, no DST): inspection windows such as
 * "监测时间点前2周内" are about calendar days, and a page date like 2022-06-21 has no time of day.
 */
const CST_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

export interface Duration {
  amount: number;
  unit: 'D' | 'W' | 'M' | 'Y';
}

export function parseDuration(text: string): Duration {
  const m = DURATION.exec(text);
  if (!m) throw new RangeError(`not a window duration: ${JSON.stringify(text)} (expected P7D, P2W, P6M, P1Y)`);
  return { amount: Number(m[1]), unit: m[2] as Duration['unit'] };
}

/** Calendar day number (days since 1970-01-01) in CST; date-only strings are taken as that CST day. */
export function cstDay(value: string | Date): number {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, mo, d] = value.split('-').map(Number);
    return Math.floor(Date.UTC(y, mo - 1, d) / DAY_MS);
  }
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${JSON.stringify(value)}`);
  return Math.floor((ms + CST_OFFSET_MS) / DAY_MS);
}

/** Shift a calendar day by ±duration; month arithmetic clamps to month end (08-31 − P6M = 02-28/29). */
export function shiftDay(day: number, d: Duration, sign: 1 | -1): number {
  if (d.unit === 'D') return day + sign * d.amount;
  if (d.unit === 'W') return day + sign * 7 * d.amount;
  const date = new Date(day * DAY_MS);
  const months = sign * d.amount * (d.unit === 'Y' ? 12 : 1);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Math.floor(Date.UTC(y, m, Math.min(date.getUTCDate(), lastDay)) / DAY_MS);
}

export function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
