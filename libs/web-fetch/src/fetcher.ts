import { Agent, Dispatcher, request } from 'undici';
import { readCappedBody } from './body';
import { decodeBody } from './charset';
import { createDispatcher } from './dispatcher';
import { classifyFetchError, failureClassOf } from './failure-class';
import {
  DEFAULT_FETCH_LIMITS, FetchError, FetchFailure, FetcherOptions, FetchLimits, FetchRequest, FetchResult,
} from './fetch-types';
import { ROBOTS_MAX_BYTES, RobotsCache } from './robots';
import { HostScheduler } from './scheduler';

export const DEFAULT_USER_AGENT = 'govinspect/0.1 (+https://github.com/govinspect/govinspect)';
const DEFAULTS = { perHostConcurrency: 2, perHostDelayMs: 250, globalConcurrency: 16, retries: 2, retryBaseMs: 500 };
/** A Retry-After beyond this is not waited for: the retry budget is for short hiccups, not maintenance windows. */
const MAX_RETRY_AFTER_MS = 30_000;
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function textual(mime: string | null): boolean {
  if (!mime) return false;
  return (
    mime.startsWith('text/') || mime.endsWith('+xml') || mime.endsWith('+json') ||
    ['application/xml', 'application/json', 'application/javascript', 'application/x-javascript', 'application/ecmascript', 'application/xhtml+xml'].includes(mime)
  );
}

/** Without a Content-Type we still decode what looks like text (no NUL byte near the start). */
function looksTextual(body: Buffer): boolean {
  return body.length > 0 && !body.subarray(0, 1024).includes(0);
}

function flatHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(k.toLowerCase() === 'set-cookie' ? '\n' : ', ') : String(v);
  }
  return out;
}

function retryAfterMs(value: string | undefined, now: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : Math.max(0, t - now);
}

function originKey(u: URL): string {
  return `${u.protocol}//${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
}

/** Parse a URL we may fetch: http(s) only; anything else is `bad-url`, never a throw. */
function parseFetchUrl(raw: string, base?: string): URL {
  let u: URL;
  try {
    u = new URL(raw, base);
  } catch {
    throw new FetchError('bad-url', `not a URL: ${JSON.stringify(raw).slice(0, 200)}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new FetchError('bad-url', `not an http(s) URL: ${u.protocol}`);
  u.hash = '';
  return u;
}

/** A caller's bad limit is reported like any other failure (no throw), before anything is sent. */
function checkLimits(limits: FetchLimits): void {
  for (const [k, v] of Object.entries(limits)) {
    const bad = typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (k !== 'maxRedirects' && v === 0);
    if (bad) throw new FetchError('other', `invalid fetch limit ${k}: ${String(v)}`);
  }
}

interface Attempt {
  result: FetchResult;
  retryAfter: number | null;
}

/**
 * The crawler's fetcher: every request goes through the egress guard (every hop, every answer), politeness
 * (per-host and global concurrency, per-host delay), robots.txt, exact time limits and streaming size caps, and
 * comes back as a `FetchResult` with a classified failure instead of an exception.
 */
export class Fetcher {
  private readonly limits: FetchLimits;
  private readonly scheduler: HostScheduler;
  private readonly agents = new Map<string, Agent>();
  /** Address of the last socket opened per agent and origin, for `remoteAddress`. */
  private readonly remote = new Map<string, string>();
  private readonly robots: RobotsCache;
  private readonly now: () => Date;
  private readonly userAgent: string;
  private readonly retries: number;
  private readonly retryBaseMs: number;
  private closed = false;

  constructor(private readonly opts: FetcherOptions) {
    this.limits = { ...DEFAULT_FETCH_LIMITS, ...opts.limits };
    this.scheduler = new HostScheduler(
      opts.perHostConcurrency ?? DEFAULTS.perHostConcurrency,
      opts.perHostDelayMs ?? DEFAULTS.perHostDelayMs,
      opts.globalConcurrency ?? DEFAULTS.globalConcurrency,
    );
    this.now = opts.now ?? (() => new Date());
    this.userAgent = opts.userAgent ?? DEFAULT_USER_AGENT;
    this.retries = opts.retries ?? DEFAULTS.retries;
    this.retryBaseMs = opts.retryBaseMs ?? DEFAULTS.retryBaseMs;
    this.robots = new RobotsCache((robotsUrl) =>
      this.fetch(robotsUrl, { ignoreRobots: true, retries: 0, limits: { maxBytes: ROBOTS_MAX_BYTES, maxDecodedBytes: ROBOTS_MAX_BYTES, maxRedirects: 5 } }),
    );
  }

  async fetch(url: string, req: FetchRequest = {}): Promise<FetchResult> {
    const limits: FetchLimits = { ...this.limits, ...req.limits };
    const userAgent = req.userAgent ?? this.userAgent;
    try {
      parseFetchUrl(url);
      if (this.closed) throw new FetchError('other', 'the fetcher is closed');
      checkLimits(limits);
    } catch (err) {
      return this.failed(url, err, 0, 0);
    }
    if (this.opts.respectRobots !== false && !req.ignoreRobots) {
      if (!(await this.robotsAllows(url, userAgent))) {
        return this.failed(url, new FetchError('robots-disallowed', `robots.txt disallows ${url} for ${userAgent}`), 0, 0);
      }
      const crawlDelay = await this.robots.crawlDelayMs(url, userAgent).catch(() => null);
      if (crawlDelay) this.scheduler.slowDown(new URL(url).hostname, crawlDelay);
    }
    // A POST is not retried unless asked: a second submission of a form is not harmless.
    const wanted = Number(req.retries ?? (req.method === 'POST' ? 0 : this.retries));
    const retries = Number.isFinite(wanted) ? Math.max(0, Math.floor(wanted)) : 0;
    for (let attempt = 1; ; attempt++) {
      const { result, retryAfter } = await this.attempt(url, req, limits, userAgent);
      result.attempts = attempt;
      if (result.failureClass !== 'transient' || attempt > retries) return result;
      const backoff = this.retryBaseMs * 2 ** (attempt - 1);
      await sleep(Math.max(backoff, Math.min(retryAfter ?? 0, MAX_RETRY_AFTER_MS)));
    }
  }

  async robotsAllows(url: string, userAgent?: string): Promise<boolean> {
    try {
      return await this.robots.allows(url, userAgent ?? this.userAgent);
    } catch {
      return true; // an unparsable URL is refused by fetch as bad-url, not here
    }
  }

  /** The homepage over IPv4 and over IPv6 (plain HTTP), and over HTTPS. robots.txt does not apply to this probe. */
  async reachability(url: string): Promise<{ ipv4: FetchResult; ipv6: FetchResult; https: FetchResult }> {
    let httpUrl = url;
    let httpsUrl = url;
    try {
      const u = parseFetchUrl(url);
      httpUrl = `http://${u.protocol === 'http:' ? u.host : u.hostname}/`;
      httpsUrl = `https://${u.protocol === 'https:' ? u.host : u.hostname}/`;
    } catch {
      // every check below reports bad-url
    }
    const [ipv4, ipv6, https] = await Promise.all([
      this.fetch(httpUrl, { family: 'ipv4', ignoreRobots: true }),
      this.fetch(httpUrl, { family: 'ipv6', ignoreRobots: true }),
      this.fetch(httpsUrl, { ignoreRobots: true }),
    ]);
    return { ipv4, ipv6, https };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.remote.clear();
    const agents = [...this.agents.values()];
    this.agents.clear();
    await Promise.all(agents.map((a) => a.close()));
  }

  private agent(family: FetchRequest['family'], connectMs: number): { agent: Agent; key: string } {
    const key = `${family ?? 'any'}|${connectMs}`;
    let agent = this.agents.get(key);
    if (!agent) {
      agent = createDispatcher({
        policy: this.opts.policy,
        insecureTls: this.opts.insecureTls,
        caCertPem: this.opts.caCertPem,
        family,
        connectMs,
        connectionsPerOrigin: this.opts.perHostConcurrency ?? DEFAULTS.perHostConcurrency,
        onConnected: (origin, address) => this.remote.set(`${key}|${origin}`, address),
      });
      this.agents.set(key, agent);
    }
    return { agent, key };
  }

  private requestHeaders(req: FetchRequest, userAgent: string): Record<string, string> {
    const h: Record<string, string> = {
      'user-agent': userAgent,
      accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5',
      // We decompress ourselves, under the decoded-size cap.
      'accept-encoding': 'gzip, deflate, br',
    };
    if (req.referer) h.referer = req.referer;
    if (req.ifNoneMatch) h['if-none-match'] = req.ifNoneMatch;
    if (req.ifModifiedSince) h['if-modified-since'] = req.ifModifiedSince;
    for (const [k, v] of Object.entries(req.headers ?? {})) h[k.toLowerCase()] = v;
    if (req.form) h['content-type'] = 'application/x-www-form-urlencoded';
    return h;
  }

  /** One attempt: the request and its redirects, each hop queued for its own host, all within `totalMs`. */
  private async attempt(url: string, req: FetchRequest, limits: FetchLimits, userAgent: string): Promise<Attempt> {
    const fetchedAt = this.now().toISOString();
    let started = performance.now();
    const { agent, key } = this.agent(req.family, limits.connectMs);
    const total = new AbortController();
    let totalTimer: NodeJS.Timeout | null = null;
    const redirects: FetchResult['redirects'] = [];
    let current = parseFetchUrl(url);
    let method: 'GET' | 'HEAD' | 'POST' = req.method ?? 'GET';
    let body: string | undefined = req.form ? new URLSearchParams(req.form).toString() : undefined;
    let headers = this.requestHeaders(req, userAgent);
    const visited = new Set([current.toString()]);
    const base = { url, fetchedAt, redirects, remoteAddress: null as string | null };
    let status: number | null = null;
    let responseHeaders: Record<string, string> = {};
    try {
      for (;;) {
        if (redirects.length && this.opts.respectRobots !== false && !req.ignoreRobots && !(await this.robotsAllows(current.toString(), userAgent))) {
          throw new FetchError('robots-disallowed', `robots.txt disallows the redirect target ${current} for ${userAgent}`);
        }
        const release = await this.scheduler.acquire(current.hostname);
        if (!totalTimer) {
          // The clock starts when the request may go out, not while it waits its turn in the queue.
          started = performance.now();
          totalTimer = setTimeout(() => total.abort(new FetchError('timeout', `the whole exchange exceeded ${limits.totalMs} ms`)), limits.totalMs);
        }
        const hop = new AbortController();
        const firstByte = setTimeout(() => hop.abort(new FetchError('timeout', `no response headers within ${limits.firstByteMs} ms`)), limits.firstByteMs);
        const signal = AbortSignal.any([total.signal, hop.signal]);
        try {
          let res: Dispatcher.ResponseData;
          try {
            res = await request(current, {
              dispatcher: agent, method, headers, body, signal,
              // Our own timers enforce the limits exactly; undici's would fire late and with vaguer errors.
              headersTimeout: 0, bodyTimeout: 0,
            });
          } catch (err) {
            throw signal.aborted ? signal.reason : err;
          } finally {
            clearTimeout(firstByte);
          }
          base.remoteAddress = this.remote.get(`${key}|${originKey(current)}`) ?? null;
          status = res.statusCode;
          responseHeaders = flatHeaders(res.headers);
          const location = responseHeaders.location;
          if (REDIRECT_STATUS.has(status) && location && req.followRedirects !== false) {
            await res.body.dump().catch(() => undefined);
            const next = parseFetchUrl(location, current.toString());
            redirects.push({ url: current.toString(), status, location: next.toString() });
            if (visited.has(next.toString())) throw new FetchError('redirect-loop', `redirect loop: ${next} was already visited`);
            if (redirects.length > limits.maxRedirects) throw new FetchError('too-many-redirects', `more than ${limits.maxRedirects} redirects`);
            visited.add(next.toString());
            if (status === 303 ? method !== 'HEAD' : (status === 301 || status === 302) && method === 'POST') {
              method = 'GET';
              body = undefined;
              delete headers['content-type'];
            }
            if (next.origin !== current.origin) {
              headers = { ...headers };
              delete headers.cookie;
              delete headers.authorization;
            }
            current = next;
            continue;
          }
          const read =
            method === 'HEAD'
              ? { body: Buffer.alloc(0), truncated: false, error: null as unknown }
              : await readCappedBody(res.body, responseHeaders['content-encoding'], limits);
          const error = read.error && total.signal.aborted ? total.signal.reason : read.error;
          return {
            result: this.complete(base, current, status, responseHeaders, read.body, read.truncated, method, error, started, req),
            retryAfter: retryAfterMs(responseHeaders['retry-after'], Date.now()),
          };
        } finally {
          clearTimeout(firstByte);
          release();
        }
      }
    } catch (err) {
      const cause = total.signal.aborted ? total.signal.reason : err;
      const r = this.failed(url, cause, 1, Math.round(performance.now() - started), fetchedAt);
      return {
        result: { ...r, finalUrl: current.toString(), redirects, status, headers: responseHeaders, remoteAddress: base.remoteAddress },
        retryAfter: null,
      };
    } finally {
      if (totalTimer) clearTimeout(totalTimer);
    }
  }

  private complete(
    base: { url: string; fetchedAt: string; redirects: FetchResult['redirects']; remoteAddress: string | null },
    final: URL,
    status: number,
    headers: Record<string, string>,
    body: Buffer,
    truncated: boolean,
    method: string,
    error: unknown,
    started: number,
    req: FetchRequest,
  ): FetchResult {
    const ct = headers['content-type'] ?? null;
    const contentType = ct ? ct.split(';')[0].trim().toLowerCase() || null : null;
    const decoded = method !== 'HEAD' && (textual(contentType) || (!contentType && looksTextual(body))) ? decodeBody(body, ct) : null;
    let failure: FetchFailure | null = null;
    let detail: string | null = null;
    if (error) {
      failure = classifyFetchError(error);
      detail = (error as Error).message ?? String(error);
    } else if (REDIRECT_STATUS.has(status) && req.followRedirects === false) {
      detail = `HTTP ${status} not followed (followRedirects: false)`;
    } else if (status >= 300 && status !== 304) {
      failure = 'http-status';
      detail = `HTTP ${status}`;
    }
    return {
      ...base,
      finalUrl: final.toString(),
      ok: failure === null && !truncated && ((status >= 200 && status < 300) || status === 304),
      status,
      headers,
      body,
      truncated,
      contentType,
      text: decoded?.text ?? null,
      charset: decoded?.charset ?? null,
      charsetSource: decoded?.source ?? null,
      failure,
      failureClass: failure ? failureClassOf(failure, status) : null,
      detail,
      attempts: 1,
      ms: Math.round(performance.now() - started),
    };
  }

  private failed(url: string, err: unknown, attempts: number, ms: number, fetchedAt = this.now().toISOString()): FetchResult {
    const failure = classifyFetchError(err);
    const e = err as { message?: string; cause?: { message?: string } };
    const detail = [e?.message ?? String(err), e?.cause?.message].filter(Boolean).join(': ');
    return {
      url, finalUrl: url, redirects: [], ok: false, status: null, headers: {}, body: Buffer.alloc(0), truncated: false,
      contentType: null, text: null, charset: null, charsetSource: null,
      failure, failureClass: failureClassOf(failure, null), detail,
      attempts, ms, fetchedAt, remoteAddress: null,
    };
  }
}
