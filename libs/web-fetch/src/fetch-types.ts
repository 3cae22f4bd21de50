import { EgressPolicy } from './egress';

export interface FetchLimits {
  /** TCP (+TLS) connect. */
  connectMs: number;
  /** Until the response headers are in, counted from the moment the request may start (after queueing). */
  firstByteMs: number;
  /** The whole exchange of one attempt, redirects and body included; an exact timer, not undici's coarse ones. */
  totalMs: number;
  maxRedirects: number;
  /** Raw bytes read from the wire. */
  maxBytes: number;
  /** Bytes after gzip/deflate/br decompression (bomb guard). */
  maxDecodedBytes: number;
}

export type FetchFailure =
  | 'dns' | 'refused' | 'reset' | 'tls' | 'timeout' | 'http-status' | 'guarded' | 'too-large'
  | 'decompression-bomb' | 'redirect-loop' | 'too-many-redirects' | 'robots-disallowed' | 'bad-url' | 'other';

export type FailureClass = 'permanent' | 'transient';

export interface FetchRequest {
  method?: 'GET' | 'HEAD' | 'POST';
  headers?: Record<string, string>;
  /** POST application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  userAgent?: string;
  referer?: string;
  /** Incremental re-crawl. */
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  /** Force one address family (IPv6 reachability check). */
  family?: 'ipv4' | 'ipv6';
  limits?: Partial<FetchLimits>;
  /** Default true. */
  followRedirects?: boolean;
  /** Overrides the fetcher's default for this request. */
  retries?: number;
  /** Operator override per inspection. */
  ignoreRobots?: boolean;
}

export interface FetchResult {
  url: string;
  finalUrl: string;
  /** Each hop that redirected: its URL, status and where it sent us (absolute). */
  redirects: { url: string; status: number; location: string }[];
  /** 2xx or 304 after redirects, within all limits. */
  ok: boolean;
  status: number | null;
  /** Lower-case names; repeated headers joined with ", " (set-cookie with "\n"). */
  headers: Record<string, string>;
  /** Decompressed, capped. */
  body: Buffer;
  truncated: boolean;
  /** Mime type only, lower-case. */
  contentType: string | null;
  /** Decoded when textual (html, xml, text, json, js). */
  text: string | null;
  /** Canonical: 'utf-8' | 'gb18030' | 'big5' | ... */
  charset: string | null;
  charsetSource: 'header' | 'bom' | 'meta' | 'sniff' | 'default' | null;
  failure: FetchFailure | null;
  failureClass: FailureClass | null;
  detail: string | null;
  attempts: number;
  /** Wall time of the last attempt. */
  ms: number;
  /** ISO time from the injected clock, at the start of the last attempt. */
  fetchedAt: string;
  remoteAddress: string | null;
}

export interface FetcherOptions {
  policy: EgressPolicy;
  insecureTls?: boolean;
  caCertPem?: string;
  limits?: Partial<FetchLimits>;
  perHostConcurrency?: number;
  perHostDelayMs?: number;
  globalConcurrency?: number;
  retries?: number;
  retryBaseMs?: number;
  userAgent?: string;
  respectRobots?: boolean;
  now?: () => Date;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  connectMs: 10_000,
  firstByteMs: 15_000,
  totalMs: 30_000,
  maxRedirects: 10,
  maxBytes: 10 * 1024 * 1024,
  maxDecodedBytes: 20 * 1024 * 1024,
};

/** A failure we detect ourselves (limits, redirects, robots); carries its class so nothing has to guess. */
export class FetchError extends Error {
  constructor(
    readonly failure: FetchFailure,
    message: string,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}
