/** Chinese official-document formats for dates and shares, as the real bulletins print them. */

/** '2026-12-01' (or an ISO instant, read in China time) → 2026年12月1日 */
export function formatChineseDate(date: string): string {
  const ymd = /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : chinaDate(date);
  const [y, m, d] = ymd.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The calendar date in China (UTC+8, no DST) of an instant: 2026-11-30T17:00Z → 2026-12-01. */
export function chinaDate(iso: string | Date): string {
  const t = (typeof iso === 'string' ? new Date(iso) : iso).getTime() + 8 * 3600_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** 0.988 → 98.8%, 1 → 100%; one decimal as the reports print (99.64% style needs more data than a quarter has). */
export function percent(r: number | null): string {
  if (r === null) return '—';
  return `${trim((r * 100).toFixed(1))}%`;
}

export function score(n: number | null): string {
  return n === null ? '—' : trim(n.toFixed(1));
}

const trim = (s: string) => s.replace(/\.0$/, '');

/** 较上一轮提升4个百分点 / 下降 / 持平; '' when there is nothing to compare with. */
export function changeText(now: number | null, before: number | null): string {
  if (now === null || before === null) return '';
  const diff = Math.round((now - before) * 1000) / 10;
  if (diff === 0) return '，与上一轮持平';
  return `，较上一轮${diff > 0 ? '提升' : '下降'}${trim(Math.abs(diff).toFixed(1))}个百分点`;
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 1 → （一） */
export function ordinal(i: number): string {
  const n = i + 1;
  const text = n <= 10 ? NUMERALS[n - 1] : n < 20 ? `十${NUMERALS[n - 11]}` : String(n);
  return `（${text}）`;
}
