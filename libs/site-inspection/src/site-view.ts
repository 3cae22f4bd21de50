// What the checks read: every fetched page with its analysis, the homepage, and the column inventory
// (columns discovered from navigation, section pages, breadcrumbs and list-page structure).
import type { RuleSet } from '@govinspect/rule-sets';
import { analysePage, classifyColumn, type Lexicon, type ListItem, type PageAnalysis } from '@govinspect/page-analysis';
import { classWindow, olderThan } from './rules';
import type { ColumnCorrection, EvidenceArchive, Fetcher } from './types';

/** Classes shown as one page rather than an item list; never stale or blank. */
export const SINGLE_PAGE_CLASSES = new Set(['institution', 'leadership']);

/** A script-filled list whose items are not in the page (no inline data): only a browser can read it. */
export const unreadList = (l: PageAnalysis['lists'][number]) => l.container === 'script-filled' && !l.items.length;

export interface SiteInfo {
  id: string;
  name: string;
  url: string;
  siteCode: string;
  kind: 'portal' | 'department';
  regionCode: string;
  scopeHosts?: string[];
}

export interface ViewPage {
  url: string;
  status: number | null;
  ok: boolean;
  failure: string | null;
  foundOn: string | null;
  contentType: string | null;
  body: Buffer | null;
  html: string | null;
  archiveId: string | null;
  analysis: PageAnalysis | null;
}

export interface ColumnInventoryItem {
  url: string;
  name: string;
  breadcrumb: string;
  columnClass: string;
  level: 1 | 2;
  classifiedBy: 'classifier' | 'inspector';
  confidence: number;
  lastUpdated: string | null;
  itemCount: number;
  blank: boolean;
  stale: boolean;
  window: string | null;
  evidenceUrl: string | null;
  archiveId: string | null;
  /** A script-filled list we could not read statically: needs a browser (render: 'auto'). */
  needsRendering?: boolean;
}

export interface ColumnView extends ColumnInventoryItem {
  dir: string;
  single: boolean;
  items: ListItem[];
  newest: ListItem | null;
  page: ViewPage;
}

export interface SiteView {
  site: SiteInfo;
  asOf: string;
  ruleSet: RuleSet;
  homeUrl: string;
  home: ViewPage;
  pages: Map<string, ViewPage>;
  columns: ColumnView[];
  fetcher: Fetcher | null;
  archive: EvidenceArchive | null;
  lexicon: Lexicon;
  registry: { registeredHosts: string[]; closedHosts: string[] } | null;
  limitMs: number;
  rendering: boolean;
}

/** Request limits of the W-V2 "打不开" limit for one check request. */
export function openLimits(view: SiteView): { firstByteMs: number; totalMs: number } {
  return { firstByteMs: view.limitMs, totalMs: view.limitMs };
}

export const LIST_URL = /\/(index(_\d+)?\.s?html?)?$/i;
export const PAGINATION_URL = /\/index_\d+\.s?html?$/i;

export function dirOf(url: string): string {
  const u = new URL(url);
  u.search = '';
  u.pathname = u.pathname.replace(/[^/]*$/, '');
  return u.toString();
}

export function isColumnPage(url: string, a: PageAnalysis): boolean {
  if (a.article || !LIST_URL.test(new URL(url).pathname) || PAGINATION_URL.test(url)) return false;
  const crumbs = a.breadcrumb?.length ?? 0;
  return crumbs >= 3 || (!!a.meta.ColumnName && crumbs !== 2);
}

/** The column's own list: the biggest non-navigation list (homepage-style boxes on a column page are rare). */
function mainLists(a: PageAnalysis): PageAnalysis['lists'] {
  const dated = a.lists.filter((l) => l.container !== 'static' || l.items.some((i) => i.date));
  return dated.length ? dated : a.lists.filter((l) => l.container !== 'static');
}

export function buildColumns(pages: Map<string, ViewPage>, asOf: string, ruleSet: RuleSet, corrections: ColumnCorrection[], rendering: boolean): ColumnView[] {
  const cols: ColumnView[] = [];
  const byDir = new Map<string, ColumnView>();
  for (const p of pages.values()) {
    const a = p.analysis;
    if (!p.ok || !a || !isColumnPage(p.url, a)) continue;
    const dir = dirOf(p.url);
    if (byDir.has(dir)) continue;
    const crumbs = a.breadcrumb && a.breadcrumb.length >= 2 ? a.breadcrumb : ['首页', a.meta.ColumnName ?? a.title];
    const name = crumbs[crumbs.length - 1] || a.meta.ColumnName || a.title;
    const corr = corrections.find((c) => c.url === p.url || c.url === dir);
    const auto = classifyColumn(name, { breadcrumb: crumbs });
    const columnClass = corr?.columnClass ?? auto.columnClass;
    const level = (corr?.level ?? (Math.min(2, Math.max(1, crumbs.length - 2)) as 1 | 2)) as 1 | 2;
    const lists = mainLists(a);
    const single = SINGLE_PAGE_CLASSES.has(columnClass) || (!lists.length && !a.lists.length);
    const col: ColumnView = {
      url: corr?.correctedUrl ?? p.url, name: corr?.name ?? name, breadcrumb: crumbs.join('>'), columnClass, level,
      classifiedBy: corr?.columnClass || corr?.level ? 'inspector' : 'classifier', confidence: corr?.columnClass ? 1 : auto.confidence,
      lastUpdated: null, itemCount: 0, blank: false, stale: false, window: null, evidenceUrl: p.url, archiveId: p.archiveId,
      dir, single, items: lists.flatMap((l) => l.items), newest: null, page: p,
      needsRendering: lists.some(unreadList) && !rendering,
    };
    byDir.set(dir, col);
    cols.push(col);
  }
  // further list pages (index_1.html …) add their items to the column
  for (const p of pages.values()) {
    if (!p.ok || !p.analysis || !PAGINATION_URL.test(p.url)) continue;
    const col = byDir.get(dirOf(p.url));
    if (col) col.items.push(...mainLists(p.analysis).flatMap((l) => l.items));
  }
  for (const c of cols) {
    const seen = new Set<string>();
    c.items = c.items.filter((i) => (seen.has(i.url) ? false : (seen.add(i.url), true)));
    c.itemCount = c.items.length;
    if (c.single) continue;
    const dated = c.items.filter((i) => !i.pinned && i.date);
    let newest = dated.reduce<ListItem | null>((m, i) => (!m || i.date! > m.date! ? i : m), null);
    if (!newest && c.items.length) {
      // no dates in the list: the articles' own dates
      for (const i of c.items) {
        const art = pages.get(i.url)?.analysis?.article;
        if (art?.publishedAt && !i.pinned) {
          const cand = { ...i, date: art.publishedAt.slice(0, 10), dateTime: art.publishedAt.length > 10 ? art.publishedAt : null };
          if (!newest || cand.date > newest.date!) newest = cand;
        }
      }
    }
    c.newest = newest;
    c.lastUpdated = newest?.date ?? null;
    c.blank = c.items.length === 0 && !c.needsRendering;
    c.window = classWindow(ruleSet, c.columnClass);
    c.stale = !!(c.lastUpdated && c.window && olderThan(c.lastUpdated, asOf, c.window));
  }
  return cols;
}

/** The column an article belongs to: the column whose directory is the longest prefix of the article URL. */
export function columnOf(view: SiteView, url: string): ColumnView | null {
  let best: ColumnView | null = null;
  for (const c of view.columns) if (url.startsWith(c.dir) && (!best || c.dir.length > best.dir.length)) best = c;
  return best;
}

export function inventoryItem(c: ColumnView): ColumnInventoryItem {
  const { dir: _d, single: _s, items: _i, newest: _n, page: _p, ...rest } = c;
  return rest;
}

export { analysePage };
