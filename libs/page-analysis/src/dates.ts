// Dates as government pages write them (checklist §8): 2022-06-21, 2022/6/21, 2022.6.21, 2022年6月21日,
// [06-21], 06-21, 6月21日, with optional times (2018/3/22 12:20:00, the odd 2007-08-20-23:59:59).
// Month-day dates get their year from the page context or asOf (a date after asOf is last year's).

export interface DateContext {
  /** Monitoring time point (ISO); needed to place month-day dates. */
  asOf?: string;
  /** Year the page's other dates point to (used for month-day dates before asOf). */
  contextYear?: number;
}

export interface FoundDate {
  /** yyyy-MM-dd */
  date: string;
  /** HH:mm when the text carries a time. */
  time: string | null;
  /** The matched text. */
  text: string;
  index: number;
  /** 'full' = year written; 'month-day' = year inferred. */
  kind: 'full' | 'month-day';
}

const pad = (n: number) => String(n).padStart(2, '0');

export function validYmd(y: number, m: number, d: number): boolean {
  if (y < 1949 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/** China-time calendar date (yyyy-MM-dd) of an ISO instant or plain date. */
export function chinaDate(iso: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  const d = new Date(t + 8 * 3600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

const TIME = String.raw`(?:[\sT\-]*(\d{1,2})[:：时](\d{2})(?:[:：分](\d{2})秒?)?)?`;
const FULL_NUM = new RegExp(String.raw`(?<![\d.])((?:19|20)\d{2})\s*([\-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?![\d])` + TIME, 'g');
const FULL_CN = new RegExp(String.raw`((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]` + TIME, 'g');
const MD_NUM = /(?<![\d\-/.:])(\[?)(\d{1,2})([\-/])(\d{1,2})(\]?)(?![\d\-/:.])/g;
const MD_CN = /(?<![\d年])(\d{1,2})月(\d{1,2})[日号]/g;

function timeOf(h?: string, mi?: string): string | null {
  if (h === undefined || mi === undefined) return null;
  const hh = Number(h);
  const mm = Number(mi);
  return hh < 24 && mm < 60 ? `${pad(hh)}:${pad(mm)}` : null;
}

function placeMonthDay(m: number, d: number, ctx: DateContext): string | null {
  const asOf = ctx.asOf ? chinaDate(ctx.asOf) : null;
  let y = ctx.contextYear ?? (asOf ? Number(asOf.slice(0, 4)) : NaN);
  if (!Number.isFinite(y)) return null;
  if (!validYmd(y, m, d) && !(m === 2 && d === 29)) return null;
  if (asOf && `${y}-${pad(m)}-${pad(d)}` > asOf) y -= 1;
  if (!validYmd(y, m, d)) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Every date in a text, in order of appearance. Month-day forms only when `monthDay` is not false. */
export function findDates(text: string, ctx: DateContext = {}, opts: { monthDay?: boolean } = {}): FoundDate[] {
  if (!text) return [];
  const out: FoundDate[] = [];
  const taken: [number, number][] = [];
  const overlaps = (a: number, b: number) => taken.some(([x, y]) => a < y && b > x);
  for (const re of [FULL_NUM, FULL_CN]) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const num = re === FULL_NUM;
      const [y, mo, d] = num ? [m[1], m[3], m[4]] : [m[1], m[2], m[3]];
      const [h, mi] = num ? [m[5], m[6]] : [m[4], m[5]];
      if (!validYmd(Number(y), Number(mo), Number(d))) continue;
      const idx = m.index!;
      if (overlaps(idx, idx + m[0].length)) continue;
      taken.push([idx, idx + m[0].length]);
      out.push({ date: `${y}-${pad(Number(mo))}-${pad(Number(d))}`, time: timeOf(h, mi), text: m[0].trim(), index: idx, kind: 'full' });
    }
  }
  if (opts.monthDay !== false) {
    for (const m of text.matchAll(MD_NUM)) {
      const idx = m.index!;
      if (overlaps(idx, idx + m[0].length)) continue;
      // "[06-21]" or "06-21" / "6/21"; brackets must pair
      if ((m[1] === '[') !== (m[5] === ']')) continue;
      const date = placeMonthDay(Number(m[2]), Number(m[4]), ctx);
      if (!date) continue;
      taken.push([idx, idx + m[0].length]);
      out.push({ date, time: null, text: m[0], index: idx, kind: 'month-day' });
    }
    for (const m of text.matchAll(MD_CN)) {
      const idx = m.index!;
      if (overlaps(idx, idx + m[0].length)) continue;
      const date = placeMonthDay(Number(m[1]), Number(m[2]), ctx);
      if (!date) continue;
      taken.push([idx, idx + m[0].length]);
      out.push({ date, time: null, text: m[0], index: idx, kind: 'month-day' });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/** The first date of a text as yyyy-MM-dd (labels like 发布时间： are allowed around it). */
export function parseDateText(text: string, ctx: DateContext = {}): string | null {
  return findDates(text, ctx)[0]?.date ?? null;
}

/** The first date with its time: yyyy-MM-ddTHH:mm when a time is written, else yyyy-MM-dd. */
export function parseDateTimeText(text: string, ctx: DateContext = {}): string | null {
  const f = findDates(text, ctx)[0];
  if (!f) return null;
  return f.time ? `${f.date}T${f.time}` : f.date;
}

/** Labels that introduce a publication date on article pages. */
export const DATE_LABEL = /(发布时间|发布日期|发文日期|发表时间|更新时间|成文日期|日期|时间)\s*[：:]\s*/;

/** Labelled dates (发布时间：…) in a text. */
export function findLabelledDates(text: string, ctx: DateContext = {}): (FoundDate & { label: string })[] {
  const out: (FoundDate & { label: string })[] = [];
  const re = new RegExp(DATE_LABEL.source, 'g');
  for (const m of text.matchAll(re)) {
    const rest = text.slice(m.index! + m[0].length, m.index! + m[0].length + 40);
    const f = findDates(rest, ctx, { monthDay: false })[0];
    if (f && f.index === 0) out.push({ ...f, index: m.index!, text: m[0] + f.text, label: m[1] });
  }
  return out;
}
