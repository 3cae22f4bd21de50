import type { TrapLimits } from './types';

export const DEFAULT_TRAP_LIMITS: Required<TrapLimits> = {
  maxQueryVariants: 64,
  maxCalendarSteps: 24,
  maxUrlLength: 1024,
  maxPathSegments: 16,
  maxSegmentRepeats: 2,
};

const DATE_KEY = /(^|_)(date|day|month|year|yr|mon|week|ym|ymd|cal|calendar|time|dt)s?($|_)|^(d|m|y)$/i;
// 2024, 2024-06, 2024-06-21, 202406, 20240621, 2024/06 split over segments is handled per segment
const DATE_VALUE = /^(19|20)\d{2}([-_./]?(0?[1-9]|1[0-2])([-_./]?(0?[1-9]|[12]\d|3[01]))?)?$/;

/**
 * The URL with every date-looking part replaced by a placeholder. Two URLs with the same shape that differ only
 * there are one calendar "step" apart when one links to the other.
 */
export function calendarShape(url: string): string | null {
  const u = new URL(url);
  let dated = false;
  const segs = u.pathname.split('/').map((s) => {
    if (DATE_VALUE.test(s)) {
      dated = true;
      return '{date}';
    }
    return s;
  });
  const q = [...u.searchParams].map(([k, v]) => {
    if ((DATE_KEY.test(k) && /^[\d\-_./:]+$/.test(v)) || DATE_VALUE.test(v)) {
      dated = true;
      return `${k}={date}`;
    }
    return `${k}=${v}`;
  });
  return dated ? `${u.host}${segs.join('/')}?${q.join('&')}` : null;
}

/** `/a/b/a/b/a/b` → true for maxRepeats 2: some block of segments occurs more than maxRepeats times in a row. */
export function repeatingPath(segments: string[], maxRepeats: number): boolean {
  const n = segments.length;
  for (let k = 1; k <= n / 2; k++) {
    for (let start = 0; start + k <= n; start++) {
      let reps = 1;
      for (let at = start + k; at + k <= n; at += k) {
        let same = true;
        for (let i = 0; i < k; i++) if (segments[start + i] !== segments[at + i]) { same = false; break; }
        if (!same) break;
        reps++;
      }
      // one-segment blocks get one extra repeat of slack (`/news/news/` exists on real sites)
      if (reps > maxRepeats + (k === 1 ? 1 : 0)) return true;
    }
  }
  return false;
}

/** Keeps the per-crawl state the trap defences need. One instance per crawl. */
export class TrapGuard {
  private readonly limits: Required<TrapLimits>;
  private readonly queryVariants = new Map<string, Set<string>>();
  private readonly calendarSteps = new Map<string, number>();

  constructor(limits: TrapLimits = {}) {
    this.limits = { ...DEFAULT_TRAP_LIMITS, ...limits };
  }

  /** The defence that rejects `url` found on `from` (null: fine). Accepting records the URL's state. */
  check(url: string, from: string | null): string | null {
    const l = this.limits;
    if (url.length > l.maxUrlLength) return 'url-length';
    const u = new URL(url);
    const segs = u.pathname.split('/').filter(Boolean);
    if (segs.length > l.maxPathSegments) return 'path-depth';
    if (repeatingPath(segs, l.maxSegmentRepeats)) return 'repeating-path';
    const shape = calendarShape(url);
    let steps = 0;
    if (shape && from) {
      const fromShape = calendarShape(from);
      if (fromShape === shape) steps = (this.calendarSteps.get(from) ?? 0) + 1;
      if (steps > l.maxCalendarSteps) {
        this.calendarSteps.set(url, steps);
        return 'calendar';
      }
    }
    if (u.search) {
      const key = `${u.protocol}//${u.host}${u.pathname}`;
      let set = this.queryVariants.get(key);
      if (!set) this.queryVariants.set(key, (set = new Set()));
      if (!set.has(u.search)) {
        if (set.size >= l.maxQueryVariants) return 'query-variants';
        set.add(u.search);
      }
    }
    if (shape) this.calendarSteps.set(url, steps);
    return null;
  }
}
