// Whose link is it: the page's own site, another government site, a known service, or a foreign host.
// Hidden-link findings are about link farms, so they need this judgement (see findHiddenLinks).
import { hostOf } from './dom';

const SECOND_LEVEL = new Set(['gov', 'com', 'net', 'org', 'edu', 'ac', 'mil']);

/** Registrable scope of a host: alt.gov.cn for www.alt.gov.cn, example.com for a.b.example.com. */
export function siteScope(host: string): string {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (/^\d+\.\d+\.\d+\.\d+$/.test(h) || h.includes(':')) return h;
  const labels = h.split('.');
  if (labels.length <= 2) return h;
  const n = labels.length;
  const take = SECOND_LEVEL.has(labels[n - 2]) && labels[n - 1].length === 2 ? 3 : 2;
  return labels.slice(-take).join('.');
}

/** Government domains (.gov.cn, .政务, .gov): links there are not link-farm material. */
export function isGovernmentHost(host: string): boolean {
  const h = host.toLowerCase();
  return /(^|\.)gov\.cn$/.test(h) || /(^|\.)gov$/.test(h) || h.endsWith('.政务') || h.endsWith('.xn--zfr164b') || /(^|\.)mil\.cn$/.test(h);
}

export function sameSite(url: string, pageUrl: string): boolean {
  const a = hostOf(url);
  const b = hostOf(pageUrl);
  return !!a && !!b && siteScope(a) === siteScope(b);
}

/** Host matches one of the patterns (exact host or any sub-domain of it). */
export function hostMatches(host: string, patterns: readonly string[]): boolean {
  const h = host.toLowerCase();
  return patterns.some((p) => h === p || h.endsWith(`.${p}`));
}
