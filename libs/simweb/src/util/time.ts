// All simulated times are instants (Date); everything a page shows is China Standard Time (UTC+8, no DST).
const CST_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
export { DAY_MS };

/** Wall-clock fields of an instant in China Standard Time. */
export function cst(d: Date): { y: number; m: number; d: number; hh: number; mi: number; ss: number; dow: number } {
  const t = new Date(d.getTime() + CST_MS);
  return {
    y: t.getUTCFullYear(),
    m: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    hh: t.getUTCHours(),
    mi: t.getUTCMinutes(),
    ss: t.getUTCSeconds(),
    dow: t.getUTCDay(),
  };
}

/** The instant of a CST wall-clock time. */
export function fromCst(y: number, m: number, d: number, hh = 0, mi = 0, ss = 0): Date {
  return new Date(Date.UTC(y, m - 1, d, hh, mi, ss) - CST_MS);
}

export const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of the CST calendar day. */
export function ymd(d: Date): string {
  const c = cst(d);
  return `${c.y}-${pad2(c.m)}-${pad2(c.d)}`;
}

/** `YYYY-MM-DD HH:mm` (the 47号 PubDate format). */
export function ymdhm(d: Date): string {
  const c = cst(d);
  return `${ymd(d)} ${pad2(c.hh)}:${pad2(c.mi)}`;
}

/** Start (00:00 CST) of the calendar day containing d. */
export function startOfCstDay(d: Date): Date {
  const c = cst(d);
  return fromCst(c.y, c.m, c.d);
}

const UNIT = /(\d+)\s*(y|M|w|d|h|m|s)/g;

/**
 * Parses a relative span such as `14d`, `6M`, `1y2M`, `3h30m` (y years, M months, w weeks, d days,
 * h hours, m minutes, s seconds) and returns `base` moved back by it (or forward when `sign` is +1).
 * Months and years move on the CST calendar, so `6M` before 2024-08-31 is 2024-02-29.
 */
export function shift(base: Date, span: string, sign: 1 | -1 = -1): Date {
  const text = span.trim();
  if (!/^(\d+\s*(y|M|w|d|h|m|s)\s*)+$/.test(text)) {
    throw new RelativeTimeError(`"${span}" is not a relative span like 14d, 6M, 1y2M or 3h30m`);
  }
  let months = 0;
  let ms = 0;
  for (const [, n, u] of text.matchAll(UNIT)) {
    const v = Number(n);
    if (u === 'y') months += 12 * v;
    else if (u === 'M') months += v;
    else ms += v * { w: 7 * DAY_MS, d: DAY_MS, h: 3600_000, m: 60_000, s: 1000 }[u as 'w' | 'd' | 'h' | 'm' | 's'];
  }
  let t = base;
  if (months) {
    const c = cst(base);
    const total = c.y * 12 + (c.m - 1) + sign * months;
    const y = Math.floor(total / 12);
    const m = (total % 12) + 1;
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    t = fromCst(y, m, Math.min(c.d, last), c.hh, c.mi, c.ss);
  }
  return new Date(t.getTime() + sign * ms);
}

/** Span length in ms measured back from `base` (calendar-aware). */
export function spanMs(base: Date, span: string): number {
  return base.getTime() - shift(base, span).getTime();
}

export class RelativeTimeError extends Error {
  readonly code = 'SIMWEB_RELATIVE_TIME';
}
