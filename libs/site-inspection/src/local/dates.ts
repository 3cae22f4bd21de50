// LOCAL (page-analysis's parseDateText is not published yet): the date renderings of Chinese government list and
// article pages → ISO calendar date (CST). Dates without a year (06-21, [06-21]) take the latest year that does
// not put them after the monitoring time point.
import { cstDay, dayToIso } from '@govinspect/rule-sets';

const FULL = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?/;
const MONTH_DAY = /(?:^|[^\d])(\d{2})-(\d{2})(?:[^\d]|$)/;

function valid(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1990 || y > 2100) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCMonth() === m - 1;
}

const pad = (n: number) => String(n).padStart(2, '0');

export interface ParsedDate {
  /** yyyy-MM-dd */
  date: string;
  /** yyyy-MM-dd HH:mm when the text carries a time */
  dateTime: string | null;
  text: string;
}

export function parseDateText(text: string, asOf: string): ParsedDate | null {
  const f = FULL.exec(text);
  if (f) {
    const [y, m, d] = [Number(f[1]), Number(f[2]), Number(f[3])];
    if (valid(y, m, d)) {
      const date = `${y}-${pad(m)}-${pad(d)}`;
      return { date, dateTime: f[4] ? `${date} ${pad(Number(f[4]))}:${f[5]}` : null, text: f[0] };
    }
  }
  const md = MONTH_DAY.exec(text);
  if (md) {
    const [m, d] = [Number(md[1]), Number(md[2])];
    const asOfDay = cstDay(asOf);
    const y0 = Number(dayToIso(asOfDay).slice(0, 4));
    for (const y of [y0, y0 - 1]) {
      if (!valid(y, m, d)) continue;
      const date = `${y}-${pad(m)}-${pad(d)}`;
      if (cstDay(date) <= asOfDay) return { date, dateTime: null, text: md[0].trim() };
    }
  }
  return null;
}

/** All full dates in a text (survey periods: 2024年3月28日至2024年4月12日). */
export function allDates(text: string): string[] {
  const out: string[] = [];
  const re = new RegExp(FULL.source, 'g');
  for (const m of text.matchAll(re)) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    // survey periods may be forged into the past (2000年), so the lower bound is relaxed here
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && y >= 1900) out.push(`${y}-${pad(mo)}-${pad(d)}`);
  }
  return out;
}
