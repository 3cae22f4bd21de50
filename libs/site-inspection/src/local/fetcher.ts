// LOCAL adapter (until libs/web-fetch publishes `Fetcher`): undici requests through the egress-guarded dispatcher
// of @govinspect/web-fetch, redirects followed hop by hop, bounded retries of transient failures (a flaky site
// must not turn into false broken links), charset decoding. Same shape as the coming Fetcher.
import { classifyError, createDispatcher, EgressPolicy } from '@govinspect/web-fetch';
import { Dispatcher, request } from 'undici';
import { decodeBody } from './decode';
import type { FetchFailure, FetchOptions, FetchResult, Fetcher, Reachability } from '../types';

export interface LocalFetcherOptions {
  policy: EgressPolicy;
  caCertPem?: string;
  /** Default per-request limit (ms). */
  timeoutMs?: number;
  /** Extra attempts on reset / 5xx / connect errors. */
  retries?: number;
  maxBytes?: number;
  connectionsPerOrigin?: number;
}

const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);
const TEXT_TYPES = /text\/|html|xml|json|javascript/i;

export function createLocalFetcher(o: LocalFetcherOptions): Fetcher {
  const mk = (family?: 'ipv4' | 'ipv6') =>
    createDispatcher({ policy: o.policy, insecureTls: !o.caCertPem, caCertPem: o.caCertPem, family, connectionsPerOrigin: o.connectionsPerOrigin ?? 4 });
  const dispatchers: Record<string, Dispatcher> = { any: mk(), ipv6: mk('ipv6'), ipv4: mk('ipv4') };

  async function once(url: string, opts: FetchOptions): Promise<FetchResult> {
    const started = performance.now();
    const fetchedAt = new Date().toISOString(); // provenance of the record, not a rule input
    const timeoutMs = opts.limits?.timeoutMs ?? o.timeoutMs ?? 15_000;
    const maxBytes = opts.limits?.maxBytes ?? o.maxBytes ?? 20_000_000;
    const signal = AbortSignal.timeout(timeoutMs);
    const redirects: FetchResult['redirects'] = [];
    const base = { url, redirects, ms: 0, fetchedAt };
    let target = url;
    try {
      for (let hop = 0; hop <= 5; hop++) {
        const headers: Record<string, string> = { 'user-agent': opts.userAgent ?? 'Mozilla/5.0 (compatible; govinspect/0.1)' };
        if (opts.referer) headers.referer = opts.referer;
        let body: string | undefined;
        if (opts.form) {
          body = new URLSearchParams(opts.form).toString();
          headers['content-type'] = 'application/x-www-form-urlencoded';
        }
        const res = await request(target, { dispatcher: dispatchers[opts.family ?? 'any'], signal, method: opts.method ?? (opts.form ? 'POST' : 'GET'), headers, body });
        const hdrs: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) hdrs[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
        if (res.statusCode >= 300 && res.statusCode < 400 && hdrs.location) {
          await res.body.dump();
          const next = new URL(hdrs.location, target).toString();
          redirects.push({ url: target, status: res.statusCode, location: hdrs.location });
          if (opts.noRedirect) {
            return { ...base, ok: false, status: res.statusCode, finalUrl: target, headers: hdrs, body: null, text: null, charset: null, failure: 'http-status', ms: Math.round(performance.now() - started) };
          }
          target = next;
          continue;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const c of res.body) {
          size += (c as Buffer).length;
          if (size > maxBytes) {
            res.body.destroy();
            return { ...base, ok: false, status: res.statusCode, finalUrl: target, headers: hdrs, body: null, text: null, charset: null, failure: 'too-large', ms: Math.round(performance.now() - started) };
          }
          chunks.push(c as Buffer);
        }
        const buf = Buffer.concat(chunks);
        const isText = TEXT_TYPES.test(hdrs['content-type'] ?? 'text/html');
        const dec = isText ? decodeBody(buf, hdrs['content-type']) : null;
        const ok = res.statusCode >= 200 && res.statusCode < 300;
        return {
          ...base, ok, status: res.statusCode, finalUrl: target, headers: hdrs, body: buf, text: dec?.text ?? null, charset: dec?.charset ?? null,
          failure: ok ? null : 'http-status', ms: Math.round(performance.now() - started),
        };
      }
      return { ...base, ok: false, status: null, finalUrl: target, headers: {}, body: null, text: null, charset: null, failure: 'other', detail: 'too many redirects', ms: Math.round(performance.now() - started) };
    } catch (err) {
      const failure = classifyError(err) as FetchFailure;
      return { ...base, ok: false, status: null, finalUrl: target, headers: {}, body: null, text: null, charset: null, failure, detail: (err as Error)?.message ?? String(err), ms: Math.round(performance.now() - started) };
    }
  }

  const fetcher: Fetcher = {
    async fetch(url, opts = {}) {
      const retries = opts.limits?.retries ?? o.retries ?? 2;
      let r = await once(url, opts);
      for (let i = 0; i < retries; i++) {
        const transient = r.failure === 'reset' || r.failure === 'refused' || (r.status !== null && TRANSIENT_STATUS.has(r.status));
        if (!transient) break;
        r = await once(url, opts);
      }
      return r;
    },
    async reachability(url): Promise<Reachability> {
      const u = new URL(url);
      const reached = (r: FetchResult) => r.status !== null;
      const [v4, v6, tls] = await Promise.all([
        fetcher.fetch(url, { family: 'ipv4' }),
        fetcher.fetch(url, { family: 'ipv6' }),
        fetcher.fetch(`https://${u.host}/`, {}),
      ]);
      return { ipv4: reached(v4), ipv6: reached(v6), https: reached(tls) };
    },
    async close() {
      await Promise.all(Object.values(dispatchers).map((d) => d.close()));
    },
  };
  return fetcher;
}
