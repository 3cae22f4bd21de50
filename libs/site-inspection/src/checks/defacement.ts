// W-V1 security findings on the homepage: 暗链 (hidden off-site links), visible spam keyword blocks, title/keyword
// hijack, search-engine cloaking (homepage fetched as Baiduspider) and referrer redirects (fetched with a baidu Referer).
import { analysePage, findSpam, type SpamSign } from '@govinspect/page-analysis';
import type { FindingDraft } from '../finding';
import { openLimits } from '../site-view';
import type { SiteView } from '../site-view';

export const SPIDER_UA = 'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)';
export const SEARCH_REFERER = 'https://www.baidu.com/s?wd=';

function offSite(view: SiteView, url: string): boolean {
  const host = new URL(url).hostname.toLowerCase();
  return host !== new URL(view.homeUrl).hostname.toLowerCase() && !(view.site.scopeHosts ?? []).includes(host);
}

/** 暗链: page-analysis judges which hidden links leave the government web (link farms); one finding per target. */
export function hiddenLinks(view: SiteView): FindingDraft[] {
  const a = view.home.analysis;
  if (!a) return [];
  const seen = new Set<string>();
  const out: FindingDraft[] = [];
  for (const l of a.hiddenLinks) {
    if (!offSite(view, l.url) || seen.has(l.url)) continue;
    seen.add(l.url);
    out.push({ type: 'hidden-link', url: view.homeUrl, breadcrumb: '首页', archiveId: view.home.archiveId, evidence: l.url, key: l.url, attributes: { technique: l.technique, text: l.text || undefined } });
  }
  return out;
}

const spamOf = (view: SiteView, html: string | null): SpamSign[] => (html ? findSpam(html, view.lexicon, view.homeUrl) : []);

export function spamContent(view: SiteView): FindingDraft[] {
  const a = view.home.analysis;
  if (!a) return [];
  const out: FindingDraft[] = [];
  const base = { url: view.homeUrl, breadcrumb: '首页', archiveId: view.home.archiveId };
  for (const s of spamOf(view, view.home.html)) {
    if (s.kind === 'spam-keywords') out.push({ ...base, type: 'illegal-content', evidence: s.evidence, key: s.evidence, attributes: { variant: 'spam-keywords' } });
    else if (s.kind === 'title-hijack' || s.kind === 'keyword-hijack') out.push({ ...base, type: 'defacement', evidence: s.evidence, key: s.kind, attributes: { variant: s.kind } });
  }
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
    // what the spider is shown carries spam the reader's page does not
    if (differs && spamOf(view, spider.text).some((x) => x.kind !== 'redirect-script')) {
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
