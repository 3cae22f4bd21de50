// W-V1 security findings on the homepage: 暗链 (hidden off-site links), visible spam keyword blocks, title/keyword
// hijack, search-engine cloaking (homepage fetched as Baiduspider) and referrer redirects (fetched with a baidu Referer).
import type { FindingDraft } from '../finding';
import { analysePage } from '../local/analyse';
import { spamHits } from '../local/lexicon';
import type { SiteView } from '../site-view';

export const SPIDER_UA = 'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)';
export const SEARCH_REFERER = 'https://www.baidu.com/s?wd=';

function offSite(view: SiteView, url: string): boolean {
  const host = new URL(url).hostname.toLowerCase();
  return host !== new URL(view.homeUrl).hostname.toLowerCase() && !(view.site.scopeHosts ?? []).includes(host);
}

export function hiddenLinks(view: SiteView): FindingDraft[] {
  const a = view.home.analysis;
  if (!a) return [];
  const seen = new Set<string>();
  const out: FindingDraft[] = [];
  for (const l of a.links) {
    if (!l.hidden || !offSite(view, l.url) || seen.has(l.url)) continue;
    seen.add(l.url);
    out.push({ type: 'hidden-link', url: view.homeUrl, breadcrumb: '首页', archiveId: view.home.archiveId, evidence: l.url, key: l.url, attributes: { technique: l.technique, text: l.text || undefined } });
  }
  return out;
}

/** Parts of a keyword run (a|b|c, a_b_c, a,b,c) that hit the spam lexicon. */
function spamParts(text: string, view: SiteView): number {
  return text.split(/[|_,，、\s]+/).filter((p) => p && spamHits(p, view.lexicon) > 0).length;
}

export function spamContent(view: SiteView): FindingDraft[] {
  const a = view.home.analysis;
  if (!a) return [];
  const out: FindingDraft[] = [];
  const base = { url: view.homeUrl, breadcrumb: '首页', archiveId: view.home.archiveId };
  const seen = new Set<string>();
  for (const b of a.blocks) {
    if (b.hidden || seen.has(b.text) || b.text.length > 400) continue;
    if (spamParts(b.text, view) >= 2) {
      seen.add(b.text);
      out.push({ ...base, type: 'illegal-content', evidence: b.text, key: b.text, attributes: { variant: 'spam-keywords' } });
    }
  }
  if (spamParts(a.title, view) >= 1) out.push({ ...base, type: 'defacement', evidence: a.title, key: 'title-hijack', attributes: { variant: 'title-hijack' } });
  const kw = a.meta.keywords ?? a.meta.Keywords ?? '';
  if (spamParts(kw, view) >= 1) out.push({ ...base, type: 'defacement', evidence: kw, key: 'keyword-hijack', attributes: { variant: 'keyword-hijack' } });
  return out;
}

export async function cloakingAndRedirects(view: SiteView): Promise<FindingDraft[]> {
  if (!view.fetcher || !view.home.analysis) return [];
  const out: FindingDraft[] = [];
  const base = { url: view.homeUrl, breadcrumb: '首页', archiveId: view.home.archiveId };
  const spider = await view.fetcher.fetch(view.homeUrl, { userAgent: SPIDER_UA, limits: { timeoutMs: view.limitMs } });
  if (spider.ok && spider.text) {
    const s = analysePage(spider.text, view.homeUrl, { asOf: view.asOf });
    const differs = s.title !== view.home.analysis.title;
    if (differs && (spamParts(s.title, view) >= 1 || spamHits(s.text, view.lexicon) >= 2)) {
      out.push({ ...base, type: 'defacement', evidence: s.title, key: 'search-engine-cloaking', attributes: { variant: 'search-engine-cloaking', userAgent: 'Baiduspider' } });
    }
  }
  const plain = await view.fetcher.fetch(view.homeUrl, { noRedirect: true, limits: { timeoutMs: view.limitMs } });
  const ref = await view.fetcher.fetch(view.homeUrl, { referer: SEARCH_REFERER, noRedirect: true, limits: { timeoutMs: view.limitMs } });
  const loc = ref.redirects[0]?.location;
  if (loc) {
    const target = new URL(loc, view.homeUrl).toString();
    const plainTarget = plain.redirects[0] ? new URL(plain.redirects[0].location, view.homeUrl).toString() : null;
    if (target !== plainTarget && offSite(view, target)) {
      out.push({ ...base, type: 'defacement', evidence: target, key: 'referrer-redirect', attributes: { variant: 'referrer-redirect', referer: SEARCH_REFERER } });
    }
  }
  return out;
}
