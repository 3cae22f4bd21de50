import { gunzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import type { CrawlFetcher } from './types';

export interface SitemapLimits {
  maxFiles?: number;
  maxUrls?: number;
  /** Decompressed bytes of one .xml.gz sitemap (a sitemap must not be a zip bomb). */
  maxBytes?: number;
}

/** `Sitemap:` lines of a robots.txt (absolute URLs; case-insensitive field name). */
export function robotsSitemaps(robotsTxt: string, base: string): string[] {
  const out: string[] = [];
  for (const line of robotsTxt.split(/\r?\n/)) {
    const m = /^\s*sitemap\s*:\s*(\S+)/i.exec(line);
    if (!m) continue;
    try {
      out.push(new URL(m[1], base).toString());
    } catch {
      // unusable line, ignored
    }
  }
  return out;
}

/** `<loc>`s of a urlset or sitemapindex document. */
export function parseSitemap(xml: string): { urls: string[]; sitemaps: string[] } {
  const $ = cheerio.load(xml, { xml: true });
  const locs = (sel: string) => $(sel).map((_, el) => $(el).text().trim()).get().filter(Boolean);
  return { urls: locs('urlset > url > loc'), sitemaps: locs('sitemapindex > sitemap > loc') };
}

function bodyText(body: Buffer, maxBytes: number): string {
  if (body.length > 2 && body[0] === 0x1f && body[1] === 0x8b) return gunzipSync(body, { maxOutputLength: maxBytes }).toString('utf8');
  return body.toString('utf8');
}

/**
 * Page URLs a site declares: robots.txt `Sitemap:` lines, else `/sitemap.xml`; sitemap indexes are followed.
 * Failures (absent, malformed, too big) give fewer URLs, never an error: the link graph still finds the pages.
 */
export async function discoverSitemapUrls(origin: string, fetcher: CrawlFetcher, limits: SitemapLimits = {}, ignoreRobots = false): Promise<{ urls: { url: string; sitemap: string }[]; sitemaps: string[] }> {
  const maxFiles = limits.maxFiles ?? 20;
  const maxUrls = limits.maxUrls ?? 50_000;
  const maxBytes = limits.maxBytes ?? 50 * 1024 * 1024;
  let queue: string[] = [];
  const robots = await fetcher.fetch(new URL('/robots.txt', origin).toString(), { ignoreRobots: true, retries: 0 });
  if (robots.ok && robots.status === 200) queue = robotsSitemaps(robots.text ?? robots.body.toString('utf8'), origin);
  if (!queue.length) queue = [new URL('/sitemap.xml', origin).toString()];
  const seen = new Set<string>();
  const urls: { url: string; sitemap: string }[] = [];
  while (queue.length && seen.size < maxFiles && urls.length < maxUrls) {
    const sm = queue.shift()!;
    if (seen.has(sm)) continue;
    seen.add(sm);
    const r = await fetcher.fetch(sm, { ignoreRobots, retries: 0 });
    if (!r.ok || r.status !== 200) continue;
    let parsed: { urls: string[]; sitemaps: string[] };
    try {
      parsed = parseSitemap(bodyText(r.body, maxBytes));
    } catch {
      continue;
    }
    for (const u of parsed.urls) if (urls.length < maxUrls) urls.push({ url: u, sitemap: sm });
    queue.push(...parsed.sitemaps);
  }
  return { urls, sitemaps: [...seen] };
}
