/** Query keys that carry a session, not content: the same page under endless URLs. */
const SESSION_KEYS = /^(jsessionid|phpsessid|sid|sessionid|session_id|session|aspsessionid[a-z]*|asp\.net_sessionid|cfid|cftoken|zenid|oscsid|wt\.mc_id|_ga|utm_[a-z]+)$/i;
/** `;jsessionid=…` path parameters (Java servlets) and ASP.NET cookieless `/(S(…))/` segments. */
const PATH_SESSION = /;(jsessionid|phpsessid|sid|sessionid)=[^/?#;]*/gi;
const ASPNET_COOKIELESS = /\/\((?:[A-Z]\([^)]*\))+\)(?=\/)/g;

export type NormaliseOutcome = { ok: true; url: string } | { ok: false; reason: 'non-http' | 'bad-url' };

/**
 * Canonical form used as the crawl's identity of a page: lower-case scheme and host, no fragment, no default
 * port, dot segments resolved, session ids stripped, query parameters sorted by key (stable for repeated keys).
 */
export function normaliseUrlDetailed(href: string, base: string): NormaliseOutcome {
  const raw = href.trim().replace(/[\t\n\r]/g, '');
  if (/^(javascript|mailto|tel|sms|data|ftp|file|about|blob|vbscript):/i.test(raw)) return { ok: false, reason: 'non-http' };
  let u: URL;
  try {
    u = new URL(raw, base);
  } catch {
    return { ok: false, reason: 'bad-url' };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, reason: 'non-http' };
  if (!u.hostname) return { ok: false, reason: 'bad-url' };
  u.hash = '';
  u.username = '';
  u.password = '';
  // URL already lower-cases the host, drops default ports and resolves dot segments
  let path = u.pathname.replace(PATH_SESSION, '').replace(ASPNET_COOKIELESS, '');
  if (path !== u.pathname) u.pathname = path;
  const params = [...u.searchParams].filter(([k]) => !SESSION_KEYS.test(k));
  params.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  u.search = params.length ? new URLSearchParams(params).toString() : '';
  path = u.toString();
  return { ok: true, url: path };
}

/** `null` for javascript:/mailto:/tel:/data: and for hrefs that are not URLs. */
export function normaliseUrl(href: string, base: string): string | null {
  const r = normaliseUrlDetailed(href, base);
  return r.ok ? r.url : null;
}
