// Input shapes this library consumes. They mirror the interfaces the web-fetch, site-crawler and page-analysis
// libraries are building (brief of issue 4); while those are not published we declare them structurally here, so a
// real Fetcher / crawler drops in without a change on our side.

export type FetchFailure = 'dns' | 'refused' | 'reset' | 'tls' | 'timeout' | 'http-status' | 'guarded' | 'too-large' | 'other';

export interface FetchOptions {
  userAgent?: string;
  referer?: string;
  family?: 'ipv4' | 'ipv6';
  method?: 'GET' | 'POST' | 'HEAD';
  form?: Record<string, string>;
  ignoreRobots?: boolean;
  /** Do not follow redirects (referrer-redirect check reads the first hop). */
  noRedirect?: boolean;
  limits?: { timeoutMs?: number; maxBytes?: number; retries?: number };
}

export interface FetchResult {
  ok: boolean;
  status: number | null;
  url: string;
  finalUrl: string;
  redirects: { url: string; status: number; location: string }[];
  headers: Record<string, string>;
  body: Buffer | null;
  text: string | null;
  charset: string | null;
  failure: FetchFailure | null;
  failureClass?: string | null;
  detail?: string | null;
  ms: number;
  fetchedAt: string;
}

export interface Reachability {
  ipv4: boolean;
  ipv6: boolean;
  https: boolean;
}

export interface Fetcher {
  fetch(url: string, opts?: FetchOptions): Promise<FetchResult>;
  reachability?(url: string): Promise<Reachability>;
  robotsAllows?(url: string, userAgent?: string): Promise<boolean>;
  close?(): Promise<void>;
}

export interface EvidenceArchive {
  putResponse(rec: { url: string; status: number | null; headers: Record<string, string>; body: Buffer | null; fetchedAt: string }): Promise<string>;
  putScreenshot?(url: string, png: Buffer): Promise<string>;
  get?(id: string): Promise<unknown>;
}

export interface Renderer {
  render(url: string, opts?: { screenshot?: boolean; axe?: boolean }): Promise<{ html: string; screenshot?: Buffer; axe?: { violations: AxeViolation[] } }>;
  close?(): Promise<void>;
}

export interface AxeViolation {
  id: string;
  impact?: string | null;
  description?: string;
  nodes?: unknown[];
}

/** Not used by this library yet (the crawler may keep pages there); accepted so the crawl service can pass it. */
export type PageStore = unknown;

export interface Lexicon {
  wordingErrors: { wrong: string; right: string }[];
  outdatedNames: { old: string; new: string; since: string }[];
  spamKeywords: string[];
}

/** Inspector correction of one column; wins over the classifier. */
export interface ColumnCorrection {
  url: string;
  columnClass?: string;
  level?: 1 | 2;
  correctedUrl?: string;
  name?: string;
}
