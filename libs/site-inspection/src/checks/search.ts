// 站内搜索: search a title the site itself published through the homepage search form; the article must come back.
import type { FindingDraft } from '../finding';
import { analysePage } from '@govinspect/page-analysis';
import { openLimits } from '../site-view';
import type { SiteView } from '../site-view';

export async function siteSearch(view: SiteView): Promise<FindingDraft[]> {
  const home = view.home.analysis;
  if (!home || !view.fetcher) return [];
  const form = home.searchForm;
  // a known article: the newest item of a news column, else any crawled article outside the message board
  const col = view.columns.find((c) => c.columnClass === 'news' && c.newest) ?? view.columns.find((c) => c.newest && c.columnClass !== 'message-public');
  const known = col?.newest ?? null;
  const base = { breadcrumb: '首页>搜索', archiveId: view.home.archiveId };
  if (!form) {
    return [{ ...base, type: 'search-broken', url: view.homeUrl, evidence: '首页未提供站内搜索', key: 'missing', attributes: { mode: 'missing' } }];
  }
  // a POST-only search form cannot be tried by URL: no finding either way
  if (!known || !form.urlTemplate) return [];
  const url = form.urlTemplate.replace('{q}', '');
  const r = await view.fetcher.fetch(form.urlTemplate.replace('{q}', encodeURIComponent(known.title)), { limits: openLimits(view) });
  let mode: string | null = null;
  if (r.status === null) mode = r.failure ?? 'unreachable';
  else if (r.status >= 400) mode = String(r.status);
  else {
    const a = analysePage(r.text ?? '', r.finalUrl, { asOf: view.asOf });
    const path = new URL(known.url).pathname;
    const found = a.links.some((l) => l.region !== 'nav' && (new URL(l.url).pathname === path || l.text === known.title));
    if (!found) mode = /系统维护|维护中|暂停服务/.test(a.text) ? 'maintenance' : 'no-results';
  }
  if (!mode) return [];
  return [{ ...base, type: 'search-broken', url, evidence: `站内搜索不可用（${mode}）`, key: 'search', attributes: { mode, query: known.title, status: r.status ?? undefined } }];
}
