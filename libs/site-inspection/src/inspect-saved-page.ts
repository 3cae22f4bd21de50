// inspectSavedPage: the offline part of the inspection on one saved HTML page (for the CLI and for fixtures):
// columns and their dates (the page's own list, or a homepage's column blocks), footer labels, and the findings a
// single page can prove (freshness, footer, meta tags, hidden links, spam, personal data, lexicon).
import { Finding } from '@govinspect/contracts';
import type { RuleSet } from '@govinspect/rule-sets';
import { columnFreshness, homepageNotUpdated } from './checks/columns';
import { lexiconHits } from './checks/content';
import { hiddenLinks, spamContent } from './checks/defacement';
import { footerFindings, metaTags } from './checks/footer';
import { toFinding } from './finding';
import { analysePage, classifyColumn, findPrivacyLeaks, loadLexicon, type FooterLabels, type Lexicon, type ListItem, type PageAnalysis } from '@govinspect/page-analysis';
import { classWindow, olderThan, openLimitMs } from './rules';
import { buildColumns, ColumnInventoryItem, ColumnView, inventoryItem, SINGLE_PAGE_CLASSES, SiteView, ViewPage } from './site-view';

export interface SavedPageResult {
  page: PageAnalysis;
  columns: ColumnInventoryItem[];
  footer: FooterLabels;
  findings: Finding[];
}

function blockColumns(page: ViewPage, asOf: string, ruleSet: RuleSet): ColumnView[] {
  const a = page.analysis!;
  const out: ColumnView[] = [];
  for (const l of a.lists) {
    if (!l.heading || !l.items.length) continue;
    const { columnClass, confidence } = classifyColumn(l.heading);
    const dated = l.items.filter((i) => i.date && !i.pinned);
    const newest = dated.reduce<ListItem | null>((m, i) => (!m || i.date! > m.date! ? i : m), null);
    const window = classWindow(ruleSet, columnClass);
    out.push({
      url: l.moreUrl ?? page.url, name: l.heading, breadcrumb: `首页>${l.heading}`, columnClass, level: 1, classifiedBy: 'classifier', confidence,
      lastUpdated: newest?.date ?? null, itemCount: l.items.length, blank: false, window,
      stale: !!(newest?.date && window && olderThan(newest.date, asOf, window)),
      evidenceUrl: page.url, archiveId: null, dir: page.url, single: SINGLE_PAGE_CLASSES.has(columnClass), items: l.items, newest, page,
    });
  }
  return out;
}

export function inspectSavedPage(html: string, url: string, opts: { asOf: string; ruleSet: RuleSet; siteCode?: string; siteId?: string; lexicon?: Lexicon }): SavedPageResult {
  const analysis = analysePage(html, url, { asOf: opts.asOf });
  const page: ViewPage = { url, status: 200, ok: true, failure: null, foundOn: null, contentType: 'text/html', body: null, html, archiveId: null, analysis };
  const pages = new Map([[url, page]]);
  const isHome = /^\/(index\.s?html?)?$/i.test(new URL(url).pathname);
  let columns = buildColumns(pages, opts.asOf, opts.ruleSet, [], false);
  if (!columns.length) columns = blockColumns(page, opts.asOf, opts.ruleSet);
  const view: SiteView = {
    site: { id: opts.siteId ?? new URL(url).hostname, name: analysis.meta.SiteName ?? analysis.title, url, siteCode: opts.siteCode ?? '', kind: 'department', regionCode: '' },
    asOf: opts.asOf, ruleSet: opts.ruleSet, homeUrl: url, home: page, pages, columns, fetcher: null, archive: null,
    lexicon: opts.lexicon ?? loadLexicon(), registry: null, limitMs: openLimitMs(opts.ruleSet), rendering: false,
  };
  const drafts = [
    ...(isHome ? homepageNotUpdated(view) : []),
    ...columnFreshness(view).filter((d) => d.type !== 'column-blank' || columns.length === 1),
    ...footerFindings(analysis.footer, url, opts.siteCode || undefined, null, isHome ? '首页' : analysis.breadcrumb?.join('>') || undefined),
    ...(isHome ? metaTags(view) : []),
    ...hiddenLinks(view),
    ...spamContent(view),
    ...lexiconHits(view),
    ...(analysis.article
      ? findPrivacyLeaks(analysis.article.bodyText).map((h) => ({ type: 'privacy-leak' as const, url, evidence: h.masked, key: h.masked, attributes: { privacyKind: h.kind, where: 'article' } }))
      : []),
  ];
  const ctx = { targetId: view.site.id, asOf: opts.asOf };
  const byId = new Map<string, Finding>();
  for (const d of drafts) {
    const f = toFinding(ctx, d);
    byId.set(f.id, f);
  }
  return { page: analysis, columns: columns.map(inventoryItem), footer: analysis.footer, findings: [...byId.values()] };
}
