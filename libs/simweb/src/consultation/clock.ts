// When does a simulated unit answer a consultation? Working time counted on the official calendar
// (chinese-days: weekends, 法定节假日, 调休 working days) from the simulated posting time. No wall clock here.
import chineseDays from 'chinese-days';
import { cst, DAY_MS, fromCst, ymd } from '../util/time';

export type WorkdayFn = (ymd: string) => boolean;

export const officialWorkday: WorkdayFn = (d) => chineseDays.isWorkday(d);

export interface ReplyDelay {
  /** Whole working days (d, w units). */
  workingDays: number;
  /** Working minutes (h, m units). */
  workingMinutes: number;
}

export class ConsultationConfigError extends Error {
  readonly code = 'SIMWEB_CONSULTATION_CONFIG';
}

/** `4h`, `1d2h`, `30m`: d/w count working days, h/m count working time inside working hours. */
export function parseReplyDelay(span: string): ReplyDelay {
  const out = { workingDays: 0, workingMinutes: 0 };
  const text = span.trim();
  if (!/^(\d+\s*[wdhm]\s*)+$/.test(text)) throw new ConsultationConfigError(`reply delay "${span}" must use w, d, h, m units`);
  for (const [, n, u] of text.matchAll(/(\d+)\s*([wdhm])/g)) {
    const v = Number(n);
    if (u === 'w') out.workingDays += 5 * v;
    else if (u === 'd') out.workingDays += v;
    else if (u === 'h') out.workingMinutes += 60 * v;
    else out.workingMinutes += v;
  }
  return out;
}

const toMin = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Working periods of one CST day as [start, end) instants; empty on days off. */
function periodsOf(day: Date, hours: [string, string][], isWorkday: WorkdayFn): [number, number][] {
  if (!isWorkday(ymd(day))) return [];
  const c = cst(day);
  return hours.map(([a, b]) => {
    const s = toMin(a);
    const e = toMin(b);
    return [fromCst(c.y, c.m, c.d, Math.floor(s / 60), s % 60).getTime(), fromCst(c.y, c.m, c.d, Math.floor(e / 60), e % 60).getTime()];
  });
}

/**
 * The instant an answer is published for a question posted at `postedAt`, after `delay` of working time.
 * A working day (d) is worth the length of one day's working hours, so with 09:00–12:00 + 14:00–18:00
 * `1d` = 7 working hours: a question posted Friday 10:00 with `1d` is answered Monday 10:00 (no holiday).
 * Throws after 400 calendar days without enough working time (a broken calendar).
 */
export function answerTime(postedAt: Date, delay: ReplyDelay, hours: [string, string][], isWorkday: WorkdayFn = officialWorkday): Date {
  if (!hours.length) throw new ConsultationConfigError('working hours are empty');
  const perDay = hours.reduce((n, [a, b]) => n + toMin(b) - toMin(a), 0);
  if (perDay <= 0) throw new ConsultationConfigError('working hours must have positive length');
  let left = delay.workingDays * perDay + delay.workingMinutes;
  let t = postedAt.getTime();
  let day = postedAt;
  for (let guard = 0; guard < 400; guard++) {
    for (const [s, e] of periodsOf(day, hours, isWorkday)) {
      if (e <= t) continue;
      const from = Math.max(s, t);
      const avail = (e - from) / 60_000;
      // an answer is never published before the unit is at work, even with zero delay
      if (left <= avail) return new Date(from + left * 60_000);
      left -= avail;
      t = e;
    }
    const c = cst(day);
    day = new Date(fromCst(c.y, c.m, c.d).getTime() + DAY_MS);
  }
  throw new ConsultationConfigError('no working time found within 400 days of the posting time');
}
