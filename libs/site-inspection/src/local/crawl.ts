// LOCAL crawler (until libs/site-crawler publishes crawlSite): best-first within the site's hosts, a page budget,
// bounded concurrency, robots.txt respected unless told otherwise. Same function shape as the coming crawlSite, so
// the swap is an import change.
import robotsParser from 'robots-parser';
import { decodeBody } from './decode';
import type { EvidenceArchive, FetchResult, Fetcher } from '../types';

export interface CrawledPage {
  url: string;
  finalUrl: string;
  depth: number;
  foundOn: string | null;
  status: number | null;
  ok: boolean;
  failure: FetchResult['failure'];
  contentType: string | null;
  html: string | null;
  body: Buffer | null;
  archiveId: string | null;
  fetchedAt: string;
}

export interface CrawlOptions {
  startUrls: string[];
  scopeHosts: string[];
  fetcher: Fetcher;
  pageBudget: number;
  maxDepth: number;
  concurrency?: number;
  ignoreRobots?: boolean;
  archive?: EvidenceArchive;
  /** Lower runs first; null = do not fetch. */
  priority?: (url: string, depth: number, foundOn: string | null) => number | null;
  /** Links of a fetched page to follow. */
  extractLinks: (page: CrawledPage) => string[];
  onPage?: (page: CrawledPage) => void;
}

export interface CrawlResult {
  pages: CrawledPage[];
  byUrl: Map<string, CrawledPage>;
  skipped: { url: string; reason: 'robots' | 'budget' | 'depth' | 'scope' }[];
  stats: { fetched: number; failed: number; ms: number };
  complete: boolean;
}

const UA = 'Mozilla/5.0 (compatible; govinspect/0.1)';

export async function crawlSite(o: CrawlOptions): Promise<CrawlResult> {
  const started = performance.now();
  const scope = new Set(o.scopeHosts.map((h) => h.toLowerCase()));
  const byUrl = new Map<string, CrawledPage>();
  const seen = new Set<string>();
  const skipped: CrawlResult['skipped'] = [];
  const queue: { url: string; depth: number; foundOn: string | null; prio: number }[] = [];
  const robots = new Map<string, ReturnType<typeof robotsParser> | null>();

  /** The fetcher's own robots.txt cache when it has one (web-fetch), else ours. */
  async function allowed(url: string): Promise<boolean> {
    if (o.ignoreRobots) return true;
    if (o.fetcher.robotsAllows) return o.fetcher.robotsAllows(url, UA);
    const rb = await robotsFor(new URL(url));
    return !rb || rb.isAllowed(url, UA) !== false;
  }
  async function robotsFor(u: URL) {
    if (!robots.has(u.origin)) {
      const r = await o.fetcher.fetch(`${u.origin}/robots.txt`, { retries: 1, ignoreRobots: true });
      robots.set(u.origin, r.ok && r.text ? robotsParser(`${u.origin}/robots.txt`, r.text) : null);
    }
    return robots.get(u.origin) ?? null;
  }

  const enqueue = (url: string, depth: number, foundOn: string | null) => {
    if (seen.has(url)) return;
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return;
    }
    if (!scope.has(u.hostname.toLowerCase())) return;
    seen.add(url);
    if (depth > o.maxDepth) return void skipped.push({ url, reason: 'depth' });
    const prio = o.priority ? o.priority(url, depth, foundOn) : depth;
    if (prio === null) return;
    queue.push({ url, depth, foundOn, prio });
  };
  o.startUrls.forEach((u) => enqueue(u, 0, null));

  let fetched = 0;
  let failed = 0;
  let budgetHit = false;
  let claimed = 0;
  const take = () => {
    let best = 0;
    for (let i = 1; i < queue.length; i++) if (queue[i].prio < queue[best].prio) best = i;
    return queue.splice(best, 1)[0];
  };
  async function visit(job: { url: string; depth: number; foundOn: string | null }): Promise<void> {
    if (!(await allowed(job.url))) {
      skipped.push({ url: job.url, reason: 'robots' });
      claimed--;
      return;
    }
    const r = await o.fetcher.fetch(job.url, { userAgent: UA, ignoreRobots: o.ignoreRobots });
    fetched++;
    if (!r.ok) failed++;
    const ctype = r.contentType ?? r.headers['content-type'] ?? null;
    // a page whose declared charset lies (GBK bytes labelled utf-8) comes back with U+FFFD: the bytes decide then
    const text = r.text !== null && r.text.includes('\ufffd') && r.body?.length ? decodeBody(r.body, r.headers['content-type']).text : r.text;
    const html = text !== null && /html|xml/i.test(ctype ?? 'text/html') ? text : null;
    const archiveId = o.archive && r.status !== null ? await o.archive.putResponse({ url: job.url, status: r.status, headers: r.headers, body: r.body, fetchedAt: r.fetchedAt }) : null;
    const page: CrawledPage = {
      url: job.url, finalUrl: r.finalUrl, depth: job.depth, foundOn: job.foundOn, status: r.status, ok: r.ok, failure: r.failure,
      contentType: ctype, html, body: r.body, archiveId, fetchedAt: r.fetchedAt,
    };
    byUrl.set(job.url, page);
    o.onPage?.(page);
    if (page.ok && html) for (const l of o.extractLinks(page)) enqueue(l, job.depth + 1, job.url);
  }
  // a pool of `concurrency` slots: each finished page may enqueue more work, so refill after every completion
  const running = new Set<Promise<void>>();
  const limit = o.concurrency ?? 4;
  for (;;) {
    while (queue.length && running.size < limit) {
      if (claimed >= o.pageBudget) {
        budgetHit = true;
        break;
      }
      claimed++;
      const p: Promise<void> = visit(take()).finally(() => running.delete(p));
      running.add(p);
    }
    if (!running.size) break;
    await Promise.race(running);
  }
  for (const q of queue) skipped.push({ url: q.url, reason: 'budget' });
  const pages = [...byUrl.values()];
  return { pages, byUrl, skipped, stats: { fetched, failed, ms: Math.round(performance.now() - started) }, complete: !budgetHit };
}
