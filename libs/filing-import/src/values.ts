// Cell values as offices type them: full-width characters, dates in several spellings, Excel serial dates.

/** Full-width ASCII → half-width, ideographic space → space, trimmed. */
export function halfWidth(s: string): string {
  return s
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
}

/** Excel's 1900 date system: serial 1 is 1900-01-01, with the fictitious 1900-02-29 (so day 0 is 1899-12-30 from 61 on). */
function fromSerial(n: number): string | null {
  if (!Number.isFinite(n) || n < 1 || n >= 2958466) return null;
  const days = Math.floor(n);
  const base = Date.UTC(1899, 11, days >= 61 ? 30 : 31);
  return new Date(base + days * 86_400_000).toISOString().slice(0, 10);
}

function ymdValid(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return t.toISOString().slice(0, 10);
}

/** YYYY-MM-DD, or null when the value is not a real date (e.g. 2021-02-30). */
export function parseDate(v: unknown): string | null {
  if (typeof v === 'number') return fromSerial(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  const s = halfWidth(String(v));
  if (/^\d{5}(\.\d+)?$/.test(s)) return fromSerial(Number(s));
  const m = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s);
  if (m) return ymdValid(Number(m[1]), Number(m[2]), Number(m[3]));
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (compact) return ymdValid(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  return null;
}

/**
 * An http(s) URL with a dotted host. Exports often omit the scheme (`www.x.gov.cn`): that reads as http.
 * Returns the normalised href or null.
 */
export function parseUrl(v: string): string | null {
  const s = halfWidth(v).replace(/\s+/g, '');
  if (!s) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(s) ? s : `http://${s}`;
  try {
    const u = new URL(withScheme);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(u.hostname) && !/^\[.*\]$/.test(u.hostname)) return null;
    return u.href;
  } catch {
    return null;
  }
}
