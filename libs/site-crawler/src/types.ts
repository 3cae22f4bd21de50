import type { Fetcher } from '@govinspect/web-fetch';
import type { EvidenceArchive } from './archive';
import type { Renderer } from './renderer';

/** The part of `@govinspect/web-fetch`'s `Fetcher` the crawler and renderer use (a wrapper that counts or logs fits). */
export type CrawlFetcher = Pick<Fetcher, 'fetch' | 'robotsAllows'>;
export type { FetchResult as CrawlFetchResult, FetchRequest as CrawlFetchRequest } from '@govinspect/web-fetch';

export interface CrawledPage {
  url: string;
  finalUrl: string;
  depth: number;
  foundOn: string | null;
  status: number | null;
  ok: boolean;
  failure: string | null;
  contentType: string | null;
  /** Decoded HTML (the rendered DOM when `rendered`). */
  html: string | null;
  /** Raw body of a non-HTML resource (attachments docx/xlsx/pdf), capped by the fetcher's limits. */
  body: Buffer | null;
  contentHash: string | null;
  /** URL of the first page in this crawl with the same bytes. */
  duplicateOf: string | null;
  rendered: boolean;
  archiveId: string | null;
  screenshotId: string | null;
  etag: string | null;
  lastModified: string | null;
  notModified: boolean;
  fetchedAt: string;
}

export type SkipReason =
  | 'out-of-scope'
  | 'trap'
  | 'robots'
  | 'budget'
  | 'depth'
  | 'duplicate-url'
  | 'non-http'
  /** href that is not a URL at all (`http://[x`, bare `%`). */
  | 'bad-url'
  /** attachment link while `attachments` is off. */
  | 'attachment';

export interface Skip {
  url: string;
  reason: SkipReason;
  from: string | null;
  /** Which defence or limit, e.g. `calendar`, `query-variants`, `repeating-path`, `url-length`. */
  detail?: string;
}

export interface TrapLimits {
  /** Distinct query strings per scheme+host+path (endless faceted/search variants). */
  maxQueryVariants?: number;
  /** Consecutive links between URLs that differ only in a date-looking part (prev/next month). */
  maxCalendarSteps?: number;
  maxUrlLength?: number;
  maxPathSegments?: number;
  /** A block of path segments repeated more often than this in a row (`/a/b/a/b/`) is a trap. */
  maxSegmentRepeats?: number;
}

export interface PageStore {
  get(url: string): Promise<CrawledPage | null>;
  put(page: CrawledPage): Promise<void>;
}

export interface CrawlOptions {
  startUrls: string[];
  /** The site's host and its registered sub-domains (exact host names). */
  scopeHosts: string[];
  fetcher: CrawlFetcher;
  pageBudget: number;
  maxDepth: number;
  /** Requests in flight for this crawl (the fetcher still applies its per-host limits). Default 4. */
  concurrency?: number;
  useSitemap?: boolean;
  ignoreRobots?: boolean;
  attachments?: boolean;
  extractLinks?: (page: CrawledPage) => string[];
  priority?: (url: string, from: CrawledPage) => number;
  /**
   * Resume + incremental. A stored page fetched at or after `freshAfter` (ISO instant) is reused as-is, without a
   * request (resume of an interrupted run); an older one is revalidated with If-None-Match / If-Modified-Since
   * and a 304 keeps its html/body (`notModified`). Without `freshAfter` every stored page is reused: the caller
   * decides freshness by passing a store scoped to the run. Stored network failures (status null) are refetched.
   */
  store?: PageStore;
  freshAfter?: string;
  archive?: EvidenceArchive;
  /** Only `render` is used, so an adapter around a `Renderer` fits. */
  renderer?: Pick<Renderer, 'render'>;
  render?: 'never' | 'always' | 'auto';
  needsRender?: (page: CrawledPage) => boolean;
  /** Screenshot every rendered page into the archive (default true when an archive is given). */
  screenshots?: boolean;
  traps?: TrapLimits;
  onPage?: (p: CrawledPage) => void | Promise<void>;
  signal?: AbortSignal;
  /** Wall clock for `stats.ms` only. */
  now?: () => number;
}

export interface CrawlResult {
  pages: CrawledPage[];
  byUrl: Map<string, CrawledPage>;
  skipped: Skip[];
  stats: { fetched: number; fromStore: number; notModified: number; rendered: number; failed: number; ms: number };
  /** Every in-scope URL found was visited: no budget cut, no abort. */
  complete: boolean;
}
