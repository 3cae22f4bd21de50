import { createHash } from 'node:crypto';
import { Frontier, type FrontierItem } from './frontier';
import { extractLinks as defaultExtractLinks, isAssetUrl, isAttachmentUrl, isHtmlType, needsRender as defaultNeedsRender } from './links';
import { normaliseUrlDetailed } from './normalise';
import { RenderError } from './renderer';
import { discoverSitemapUrls } from './sitemap';
import { TrapGuard } from './traps';
import type { CrawledPage, CrawlFetchResult, CrawlOptions, CrawlResult, Skip, SkipReason } from './types';

export class CrawlConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CrawlConfigError';
  }
}

function header(h: Record<string, string>, name: string): string | null {
  const v = h[name] ?? Object.entries(h).find(([k]) => k.toLowerCase() === name)?.[1];
  return v ?? null;
}

function looksLikeHtml(r: CrawlFetchResult): boolean {
  if (r.contentType) return isHtmlType(r.contentType);
  return !!r.text && /^\s*(<!doctype html|<html|<head|<body)/i.test(r.text.slice(0, 512));
}

/**
 * Crawls one site breadth-first inside `scopeHosts`, within `pageBudget` pages and `maxDepth` link hops.
 * Never throws for what a site does (errors, traps, hangs, garbage): those become pages with a `failure` or
 * `skipped` entries with a reason. Throws `CrawlConfigError` only for unusable options.
 */
export async function crawlSite(opts: CrawlOptions): Promise<CrawlResult> {
  const now = opts.now ?? (() => performance.now());
  const started = now();
  if (!opts.startUrls.length) throw new CrawlConfigError('startUrls is empty');
  if (!(opts.pageBudget >= 0) || !(opts.maxDepth >= 0)) throw new CrawlConfigError('pageBudget and maxDepth must be ≥ 0');
  const scope = new Set(opts.scopeHosts.map((h) => h.toLowerCase().replace(/\.$/, '')));
  const inScope = (url: string) => scope.has(new URL(url).hostname.replace(/\.$/, ''));
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const extract = opts.extractLinks ?? defaultExtractLinks;
  const wantsRender = opts.needsRender ?? defaultNeedsRender;
  const renderMode = opts.renderer ? (opts.render ?? 'auto') : 'never';
  const traps = new TrapGuard(opts.traps);
  const freshAfter = opts.freshAfter === undefined ? null : Date.parse(opts.freshAfter);
  if (freshAfter !== null && Number.isNaN(freshAfter)) throw new CrawlConfigError(`freshAfter "${opts.freshAfter}" is not an ISO date`);

  const frontier = new Frontier();
  const seen = new Set<string>();
  const skipped: Skip[] = [];
  const skipKeys = new Set<string>();
  const hashes = new Map<string, string>();
  const pages: CrawledPage[] = [];
  const byUrl = new Map<string, CrawledPage>();
  const stats = { fetched: 0, fromStore: 0, notModified: 0, rendered: 0, failed: 0, ms: 0 };

  const skip = (url: string, reason: SkipReason, from: string | null, detail?: string) => {
    const key = `${reason}\u0000${url}`;
    if (skipKeys.has(key)) return;
    skipKeys.add(key);
    skipped.push(detail ? { url, reason, from, detail } : { url, reason, from });
  };

  const consider = (href: string, from: CrawledPage | null, depth: number, foundOn: string | null, priorityFrom: CrawledPage | null) => {
    const n = normaliseUrlDetailed(href, from?.finalUrl ?? foundOn ?? href);
    if (!n.ok) return skip(href, n.reason, foundOn);
    const url = n.url;
    if (seen.has(url)) {
      // the same page under another spelling (session id, parameter order): worth recording once
      let raw = href;
      try {
        const u = new URL(href, from?.finalUrl ?? url);
        u.hash = '';
        raw = u.toString();
      } catch {
        // already normalised successfully above; unreachable in practice
      }
      if (raw !== url) skip(raw, 'duplicate-url', foundOn, url);
      return;
    }
    if (!inScope(url)) return skip(url, 'out-of-scope', foundOn);
    if (depth > opts.maxDepth) return skip(url, 'depth', foundOn);
    if (isAttachmentUrl(url) && !opts.attachments) return skip(url, 'attachment', foundOn);
    if (isAssetUrl(url)) return skip(url, 'attachment', foundOn, 'asset');
    const trap = traps.check(url, foundOn);
    if (trap) {
      seen.add(url);
      return skip(url, 'trap', foundOn, trap);
    }
    seen.add(url);
    const priority = priorityFrom && opts.priority ? opts.priority(url, priorityFrom) : 0;
    frontier.push({ url, depth, foundOn, priority });
  };

  for (const s of opts.startUrls) consider(s, null, 0, null, null);

  if (opts.useSitemap !== false) {
    const origins = new Set<string>();
    for (const s of opts.startUrls) {
      try {
        const u = new URL(s);
        if (inScope(u.toString())) origins.add(u.origin);
      } catch {
        // recorded as bad-url above
      }
    }
    for (const origin of origins) {
      if (opts.signal?.aborted) break;
      const sm = await discoverSitemapUrls(origin, opts.fetcher, {}, opts.ignoreRobots).catch(() => ({ urls: [], sitemaps: [] }));
      // the sitemap stands in for the page a URL was found on (priority functions get a page-shaped argument)
      const pseudo = (doc: string): CrawledPage => ({
        url: doc, finalUrl: doc, depth: 0, foundOn: null, status: 200, ok: true, failure: null, contentType: 'application/xml', html: null, body: null,
        contentHash: null, duplicateOf: null, rendered: false, archiveId: null, screenshotId: null, etag: null, lastModified: null, notModified: false, fetchedAt: '',
      });
      for (const u of sm.urls) {
        const doc = pseudo(u.sitemap);
        consider(u.url, doc, 1, u.sitemap, doc);
      }
    }
  }

  const visit = async (item: FrontierItem): Promise<boolean> => {
    const store = opts.store;
    const prev = store ? await store.get(item.url) : null;
    let page: CrawledPage;
    // reuse: a stored answer from this run (resume). A stored network failure (no status) is worth another try.
    if (prev && prev.status !== null && (freshAfter === null || Date.parse(prev.fetchedAt) >= freshAfter)) {
      page = { ...prev, depth: item.depth, foundOn: item.foundOn };
      stats.fromStore++;
    } else {
      if (!opts.ignoreRobots && !(await opts.fetcher.robotsAllows(item.url).catch(() => true))) {
        skip(item.url, 'robots', item.foundOn);
        return false;
      }
      const r = await opts.fetcher.fetch(item.url, {
        referer: item.foundOn ?? undefined,
        ignoreRobots: opts.ignoreRobots,
        ifNoneMatch: prev?.etag ?? undefined,
        ifModifiedSince: prev?.lastModified ?? undefined,
      });
      if (r.failure === 'robots-disallowed') {
        skip(item.url, 'robots', item.foundOn);
        return false;
      }
      if (r.status === 304 && prev) {
        page = { ...prev, depth: item.depth, foundOn: item.foundOn, notModified: true, fetchedAt: r.fetchedAt };
        stats.notModified++;
      } else {
        page = await pageFromFetch(item, r);
        stats.fetched++;
        if (!page.ok) stats.failed++;
      }
      if (store) await store.put(page);
    }
    pages.push(page);
    byUrl.set(page.url, page);
    const finalNorm = normaliseUrlDetailed(page.finalUrl, page.finalUrl);
    if (finalNorm.ok && finalNorm.url !== page.url) seen.add(finalNorm.url); // reached by redirect: do not fetch again
    if (opts.onPage) await opts.onPage(page);
    if (page.html && !page.duplicateOf && page.ok && inScope(page.finalUrl)) {
      let links: string[] = [];
      try {
        links = extract(page);
      } catch {
        // a custom extractor that throws on one page costs that page's links only
      }
      for (const href of links) consider(href, page, item.depth + 1, page.url, page);
    }
    return true;
  };

  const pageFromFetch = async (item: FrontierItem, r: CrawlFetchResult): Promise<CrawledPage> => {
    const html = r.status !== null && looksLikeHtml(r) ? (r.text ?? r.body.toString('utf8')) : null;
    const contentHash = r.ok && r.body.length ? createHash('sha256').update(r.body).digest('hex') : null;
    let duplicateOf: string | null = null;
    if (contentHash) {
      const first = hashes.get(contentHash);
      if (first && first !== item.url) duplicateOf = first;
      else hashes.set(contentHash, item.url);
    }
    let archiveId: string | null = null;
    if (opts.archive && r.status !== null) {
      archiveId = await opts.archive.putResponse({ url: r.finalUrl, status: r.status, headers: r.headers, body: r.body, fetchedAt: r.fetchedAt });
    }
    const page: CrawledPage = {
      url: item.url, finalUrl: r.finalUrl, depth: item.depth, foundOn: item.foundOn, status: r.status, ok: r.ok, failure: r.failure,
      contentType: r.contentType, html, body: !html && r.ok && opts.attachments ? r.body : null, contentHash, duplicateOf,
      rendered: false, archiveId, screenshotId: null, etag: header(r.headers, 'etag'), lastModified: header(r.headers, 'last-modified'),
      notModified: false, fetchedAt: r.fetchedAt,
    };
    if (html && r.ok && !duplicateOf && opts.renderer && (renderMode === 'always' || (renderMode === 'auto' && wantsRender(page)))) {
      try {
        const shot = !!opts.archive && opts.screenshots !== false;
        const out = await opts.renderer.render(r.finalUrl, { screenshot: shot });
        page.html = out.html;
        page.rendered = true;
        stats.rendered++;
        if (out.screenshot && opts.archive) page.screenshotId = await opts.archive.putScreenshot(r.finalUrl, out.screenshot, r.fetchedAt);
      } catch (e) {
        // the static page stays; a page the browser cannot load is still evidence of what the server sent
        if (!(e instanceof RenderError)) throw e;
      }
    }
    return page;
  };

  // scheduler: up to `concurrency` visits in flight; the budget counts pages taken, so it is never overshot
  const active = new Set<Promise<void>>();
  let taken = 0;
  let aborted = false;
  let fatal: unknown = null;
  let wake: () => void = () => undefined;
  const onAbort = () => {
    aborted = true;
    wake();
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  if (opts.signal?.aborted) aborted = true;
  try {
    for (;;) {
      while (!aborted && active.size < concurrency && frontier.size) {
        const item = frontier.pop()!;
        if (taken >= opts.pageBudget) {
          skip(item.url, 'budget', item.foundOn);
          continue;
        }
        taken++;
        const p: Promise<void> = visit(item)
          .then((counted) => {
            if (!counted) taken--;
          })
          // the store, the archive or onPage failing is ours, not the site's: stop and report it
          .catch((e: unknown) => {
            fatal ??= e;
            aborted = true;
          })
          .finally(() => {
            active.delete(p);
            wake();
          });
        active.add(p);
      }
      if (!active.size || aborted) break;
      await new Promise<void>((r) => (wake = r));
    }
    // in-flight pages still land in the store, so a resumed crawl does not fetch them again
    await Promise.allSettled([...active]);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
  if (fatal) throw fatal;
  // a URL first skipped for depth or budget may have been reached later by a shorter path
  const final = skipped.filter((s) => !((s.reason === 'depth' || s.reason === 'budget') && byUrl.has(s.url)));
  stats.ms = Math.round(now() - started);
  return { pages, byUrl, skipped: final, stats, complete: !aborted && !final.some((s) => s.reason === 'budget') };
}
