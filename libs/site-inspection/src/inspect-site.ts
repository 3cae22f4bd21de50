// inspectSite: crawl one site, build its column inventory, run every check, hand back contract findings.
import { Finding } from '@govinspect/contracts';
import type { RuleSet } from '@govinspect/rule-sets';
import { homepageNotUpdated, columnFreshness } from './checks/columns';
import { lexiconHits, privacyLeaks } from './checks/content';
import { cloakingAndRedirects, hiddenLinks, spamContent } from './checks/defacement';
import { footerLabels, metaTags } from './checks/footer';
import { institutionInfo, leaderInfo } from './checks/institution';
import { interpretationCoverage, interpretationLinks } from './checks/interpretation';
import { brokenLinks } from './checks/links';
import { accessibilityViolations } from './checks/accessibility';
import { messageDates, messages } from './checks/messages';
import { domainRule, reachability } from './checks/reachability';
import { siteSearch } from './checks/search';
import { surveys } from './checks/survey';
import { FindingDraft, toFinding } from './finding';
import { analysePage, classifyColumn, loadLexicon, type FooterLabels, type Lexicon, type PageAnalysis } from '@govinspect/page-analysis';
import { crawlSite, normaliseUrl, type CrawledPage } from '@govinspect/site-crawler';
import { openLimitMs, RULE_PARAMS, ruleParam, type RuleParamKey } from './rules';
import { buildColumns, ColumnInventoryItem, inventoryItem, isColumnPage, LIST_URL, PAGINATION_URL, SiteInfo, SiteView, unreadList, ViewPage } from './site-view';
import type { AxeViolation, ColumnCorrection, EvidenceArchive, Fetcher, PageStore, Renderer } from './types';

export interface InspectSiteInput {
  runId: string;
  site: SiteInfo;
  /** 监测时间点: every window counts back from it; the wall clock is never read by a rule. */
  asOf: string;
  ruleSet: RuleSet;
  fetcher: Fetcher;
  crawl?: {
    pageBudget?: number; maxDepth?: number; ignoreRobots?: boolean; render?: 'never' | 'always' | 'auto'; concurrency?: number;
    /** Stops the crawl; pages already fetched are in `store`, so a later run of the same inspection re-uses them. */
    signal?: AbortSignal;
    /** Newest articles read per list column for the content sweeps (interaction columns: every item in the lookback). */
    articlesPerColumn?: number;
  };
  renderer?: Renderer;
  archive?: EvidenceArchive;
  /** Pages of this run already fetched (site-crawler's PageStore, scoped to the run): re-used without a request. */
  store?: PageStore;
  registry?: { registeredHosts: string[]; closedHosts: string[] };
  /** page-analysis's lexicon (loadLexicon(version)); default: its current version. */
  lexicon?: Lexicon;
  corrections?: ColumnCorrection[];
  onFindings?: (batch: Finding[]) => Promise<void>;
}

export interface InspectSiteResult {
  status: 'completed' | 'partial' | 'failed';
  error?: string;
  findings: Finding[];
  columns: ColumnInventoryItem[];
  footer: FooterLabels;
  pagesFetched: number;
  /** axe-core violations of the homepage (rendering on); each rule is also an `accessibility-violation` finding. */
  accessibility?: AxeViolation[];
  /** Attachments that could not be read (classified), and checks that failed (the others still ran). */
  problems: { where: string; error: string; detail: string }[];
}

export const DEFAULT_CRAWL = { pageBudget: 500, maxDepth: 6, concurrency: 4, articlesPerColumn: 10 };

const SKIP_EXT = /\.(jpe?g|png|gif|bmp|ico|svg|css|js|docx?|xlsx?|pdf|wps|et|zip|rar|mp4|mp3|flv|swf)(\?|$)/i;
const FOLLOW_PAGINATION = new Set(['message-public', 'survey', 'consultation']);

const EMPTY_FOOTER: FooterLabels = {
  conac: { present: false, href: null }, siteCode: { value: null, valid: false, text: null, source: null, metaValue: null },
  icp: { value: null, valid: false, text: null }, psb: { value: null, valid: false, text: null }, hostUnit: { value: null }, errorReport: { present: false, href: null },
};

function scopeOf(site: SiteInfo): string[] {
  return [new URL(site.url).hostname.toLowerCase(), ...(site.scopeHosts ?? []).map((h) => h.toLowerCase())];
}

/** Crawl order: section and column pages first, then the articles their lists show (newest first), then related pages. */
function planner(asOf: string, articlesPerColumn: number) {
  const analyses = new Map<string, PageAnalysis>();
  const prio = new Map<string, number>();
  const extractLinks = (page: CrawledPage): string[] => {
    if (!page.html) return [];
    const a = analysePage(page.html, page.finalUrl || page.url, { asOf });
    analyses.set(page.url, a);
    const listPage = isColumnPage(page.url, a) || PAGINATION_URL.test(page.url);
    const crumbs = a.breadcrumb ?? [];
    const cls = listPage ? classifyColumn(crumbs[crumbs.length - 1] ?? a.meta.ColumnName ?? '', { breadcrumb: crumbs }).columnClass : null;
    const order = new Map<string, number>();
    a.lists.forEach((l) => l.items.forEach((it, n) => order.has(it.url) || order.set(it.url, n)));
    const out: string[] = [];
    for (const l of a.links) {
      if (l.hidden || SKIP_EXT.test(l.url)) continue;
      const u = new URL(l.url);
      if (u.search && !/[?&](page|pageNo|pageIndex)=\d+/.test(u.search)) continue;
      let p: number;
      if (PAGINATION_URL.test(u.pathname)) {
        if (!cls || !FOLLOW_PAGINATION.has(cls)) continue;
        p = 4 + Number(/_(\d+)\./.exec(u.pathname)?.[1] ?? 0) / 100;
      } else if (LIST_URL.test(u.pathname)) p = 1;
      else if (order.has(l.url)) {
        // list columns: a sample of the newest articles; interaction columns: all (their checks count every item)
        if (listPage && !FOLLOW_PAGINATION.has(cls!) && order.get(l.url)! >= articlesPerColumn) continue;
        p = 2 + order.get(l.url)! / 1000;
      }
      else p = page.depth === 0 ? 2.5 : 3;
      // keyed as the crawler asks: by the normalised URL (sorted query, session ids dropped)
      const key = normaliseUrl(l.url, l.url) ?? l.url;
      if (!prio.has(key) || prio.get(key)! > p) prio.set(key, p);
      out.push(l.url);
    }
    return out;
  };
  // the crawler asks after extractLinks ran on the page the URL was found on, so `prio` already has it
  return { analyses, extractLinks, priority: (url: string) => prio.get(url) ?? 5 };
}

export async function inspectSite(input: InspectSiteInput): Promise<InspectSiteResult> {
  const { site, asOf, ruleSet } = input;
  // a rule set without the numbers the checks read fails before any request (RuleSetError 'rule-set-invalid')
  for (const k of Object.keys(RULE_PARAMS) as RuleParamKey[]) ruleParam(ruleSet, k);
  const homeUrl = new URL(site.url).toString();
  const rendering = !!input.renderer && (input.crawl?.render ?? 'auto') !== 'never';
  const plan = planner(asOf, input.crawl?.articlesPerColumn ?? DEFAULT_CRAWL.articlesPerColumn);
  // script-filled lists (no inline data): what a browser shows is what counts, so the crawler renders them
  const wantedRender = new Set<string>();
  const needsRender = (p: CrawledPage) => {
    const a = p.html ? analysePage(p.html, p.finalUrl || p.url, { asOf }) : null;
    const wanted = !!a?.lists.some(unreadList);
    if (wanted) wantedRender.add(p.url);
    return wanted;
  };
  const crawl = await crawlSite({
    startUrls: [homeUrl], scopeHosts: scopeOf(site), fetcher: input.fetcher,
    pageBudget: input.crawl?.pageBudget ?? DEFAULT_CRAWL.pageBudget, maxDepth: input.crawl?.maxDepth ?? DEFAULT_CRAWL.maxDepth,
    concurrency: input.crawl?.concurrency ?? DEFAULT_CRAWL.concurrency, ignoreRobots: input.crawl?.ignoreRobots,
    // the planner samples what list pages show; sitemap seeds would bypass the sample and spend the page budget
    useSitemap: false,
    archive: input.archive, store: input.store, signal: input.crawl?.signal,
    ...(rendering ? { renderer: input.renderer, render: input.crawl?.render ?? 'auto', needsRender } : {}),
    priority: plan.priority, extractLinks: plan.extractLinks,
  });
  const pages = new Map<string, ViewPage>();
  for (const p of crawl.pages) {
    // a page re-used from the store was never handed to extractLinks in this process: analyse it here
    const analysis = plan.analyses.get(p.url) ?? (p.html && p.ok ? analysePage(p.html, p.finalUrl, { asOf }) : null);
    pages.set(p.url, { url: p.url, status: p.status, ok: p.ok, failure: p.failure, foundOn: p.foundOn, contentType: p.contentType, body: p.body, html: p.html, archiveId: p.archiveId, analysis });
  }
  const home = pages.get(homeUrl);
  if (!home || !home.ok || !home.analysis) {
    const why = home ? (home.status !== null ? `HTTP ${home.status}` : home.failure) : 'not fetched';
    return { status: 'failed', error: `homepage-unreachable: ${homeUrl} (${why})`, findings: [], columns: [], footer: EMPTY_FOOTER, pagesFetched: crawl.stats.fetched, problems: [] };
  }
  const problems: InspectSiteResult['problems'] = [];
  let accessibility: AxeViolation[] | undefined;
  for (const url of wantedRender) if (!crawl.byUrl.get(url)?.rendered) problems.push({ where: url, error: 'render-failed', detail: 'the browser could not load the page; its static HTML was inspected' });
  if (input.renderer && rendering) {
    // the homepage once more with axe-core (accessibility), whether or not the crawler rendered it
    try {
      const r = await input.renderer.render(homeUrl, { axe: true });
      home.html = r.html;
      home.analysis = analysePage(r.html, homeUrl, { asOf });
      if (r.axe) accessibility = r.axe;
    } catch (err) {
      problems.push({ where: homeUrl, error: 'render-failed', detail: (err as Error).message });
    }
  }
  const columns = buildColumns(pages, asOf, ruleSet, input.corrections ?? [], rendering);
  const view: SiteView = {
    site, asOf, ruleSet, homeUrl, home, pages, columns, fetcher: input.fetcher, archive: input.archive ?? null,
    lexicon: input.lexicon ?? loadLexicon(), registry: input.registry ?? null, limitMs: openLimitMs(ruleSet), rendering,
  };
  const ctx = { targetId: site.id, asOf };
  const byId = new Map<string, Finding>();
  const emit = async (name: string, run: () => FindingDraft[] | Promise<FindingDraft[]>) => {
    let drafts: FindingDraft[];
    try {
      drafts = await run();
    } catch (err) {
      problems.push({ where: name, error: 'check-failed', detail: (err as Error).stack ?? String(err) });
      return;
    }
    const batch: Finding[] = [];
    for (const d of drafts) {
      const f = toFinding(ctx, d);
      if (byId.has(f.id)) continue;
      byId.set(f.id, f);
      batch.push(f);
    }
    if (batch.length && input.onFindings) await input.onFindings(batch);
  };
  await emit('columns', () => [...homepageNotUpdated(view), ...columnFreshness(view)]);
  await emit('footer', () => [...footerLabels(view), ...metaTags(view)]);
  await emit('defacement', async () => [...hiddenLinks(view), ...spamContent(view), ...(await cloakingAndRedirects(view))]);
  await emit('content', async () => {
    const p = await privacyLeaks(view);
    for (const e of p.attachmentErrors) problems.push({ where: e.url, error: `attachment-${e.error}`, detail: e.detail });
    return [...p.findings, ...lexiconHits(view)];
  });
  await emit('institution', () => [...institutionInfo(view), ...leaderInfo(view)]);
  await emit('interaction', () => [...surveys(view), ...messages(view), ...messageDates(view)]);
  await emit('accessibility', () => accessibilityViolations(view, accessibility));
  await emit('interpretation', () => [...interpretationLinks(view), ...interpretationCoverage(view)]);
  await emit('links', () => brokenLinks(view));
  await emit('search', () => siteSearch(view));
  await emit('reachability', async () => [...(await reachability(view)), ...domainRule(view)]);
  return {
    status: crawl.complete && !problems.some((p) => p.error === 'check-failed') ? 'completed' : 'partial',
    findings: [...byId.values()], columns: columns.map(inventoryItem), footer: home.analysis.footer,
    pagesFetched: crawl.stats.fetched, accessibility, problems,
  };
}
