// W-V1 security findings on the homepage: 暗链 (hidden off-site links), visible spam keyword blocks, title/keyword
// hijack, search-engine cloaking (homepage fetched as Baiduspider) and referrer redirects (fetched with a baidu Referer).
import type { FindingDraft } from '../finding';
import { analysePage } from '../local/analyse';
import { spamHits } from '../local/lexicon';
import { openLimits } from '../site-view';
import type { SiteView } from '../site-view';

export const SPIDER_UA = 'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)';
export const SEARCH_REFERER = 'https://www.baidu.com/s?wd=';
const SPAM_HOST = /bet|casino|bocai|ssc|caipiao|lottery|porn|sex|xxx|av\d|cao|amxpj|pj-?vip|\d{4,}[a-z-]*\.(com|net|cc)/i;

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
    // hidden tab panels of government links are layout, not 暗链: a hidden link counts when it leaves the government
    // web and is a frame, script-written, or spam by its text or host
    const host = new URL(l.url).hostname;
    if (host.endsWith('.gov.cn')) continue;
    if (l.tag !== 'script' && spamHits(l.text, view.lexicon) === 0 && !SPAM_HOST.test(host)) continue;
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
  const spider = await view.fetcher.fetch(view.homeUrl, { userAgent: SPIDER_UA, limits: openLimits(view) });
  if (spider.ok && spider.text) {
    const s = analysePage(spider.text, view.homeUrl, { asOf: view.asOf });
    const differs = s.title !== view.home.analysis.title;
    if (differs && (spamParts(s.title, view) >= 1 || spamHits(s.text, view.lexicon) >= 2)) {
      out.push({ ...base, type: 'defacement', evidence: s.title, key: 'search-engine-cloaking', attributes: { variant: 'search-engine-cloaking', userAgent: 'Baiduspider' } });
    }
  }
  const plain = await view.fetcher.fetch(view.homeUrl, { followRedirects: false, limits: openLimits(view) });
  const ref = await view.fetcher.fetch(view.homeUrl, { referer: SEARCH_REFERER, followRedirects: false, limits: openLimits(view) });
  const firstHop = (r: typeof ref) => r.redirects[0]?.location ?? (r.status !== null && r.status >= 300 && r.status < 400 ? r.headers.location : undefined);
  const loc = firstHop(ref);
  if (loc) {
    const target = new URL(loc, view.homeUrl).toString();
    const plainLoc = firstHop(plain);
    const plainTarget = plainLoc ? new URL(plainLoc, view.homeUrl).toString() : null;
    if (target !== plainTarget && offSite(view, target)) {
      out.push({ ...base, type: 'defacement', evidence: target, key: 'referrer-redirect', attributes: { variant: 'referrer-redirect', referer: SEARCH_REFERER } });
    }
  }
  return out;
}
