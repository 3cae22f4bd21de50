// Test helpers: a fetcher over a resolve map, and small hostile sites on loopback (node:http).
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Fetcher } from '@govinspect/web-fetch';

export type ResolveMap = Record<string, { ipv4?: string | null; ipv6?: string | null; https?: string | null }>;

/** The real fetcher on loopback egress; no retries and no politeness delay so tests stay fast. */
export function makeFetcher(resolveMap: ResolveMap, opts: { timeoutMs?: number; perHost?: number; caCertPem?: string; userAgent?: string; retries?: number } = {}): Fetcher {
  const t = opts.timeoutMs ?? 5000;
  return new Fetcher({
    policy: { mode: 'loopback', resolveMap },
    caCertPem: opts.caCertPem,
    limits: { totalMs: t, firstByteMs: t, connectMs: t },
    perHostConcurrency: opts.perHost ?? 4,
    perHostDelayMs: 0,
    retries: opts.retries ?? 0,
    userAgent: opts.userAgent,
  });
}

export interface TestSite {
  host: string;
  origin: string;
  resolveMap: ResolveMap;
  /** Every request the server received (path + query), in order. */
  requests: { path: string; headers: http.IncomingHttpHeaders }[];
  hits(path: string): number;
  close(): Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => void;

/** A site on 127.0.0.1 reachable as `http://<host>/` only through the resolve map. */
export async function startSite(host: string, handler: Handler): Promise<TestSite> {
  const requests: TestSite['requests'] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${host}`);
    requests.push({ path: `${url.pathname}${url.search}`, headers: req.headers });
    handler(req, res, url);
  });
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    host,
    origin: `http://${host}`,
    resolveMap: { [host]: { ipv4: `127.0.0.1:${port}`, ipv6: null, https: null } },
    requests,
    hits: (path) => requests.filter((r) => r.path === path).length,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export function html(res: http.ServerResponse, body: string, status = 200, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
  res.end(`<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>${body}</body></html>`);
}
