// One loopback server for the whole farm: an IPv4 listener, an IPv6 listener on ::1 (same port when free)
// and an HTTPS listener, all routing by Host header. Crawlers connect through the resolve map
// (connect-to semantics) and keep the URL and Host header; nothing is ever resolved through DNS.
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { ScenarioModel } from '../model/types';
import { accountImportRows, type AccountImportRow, siteImportRow, type SiteImportRow } from '../export/registry';
import { computeGroundTruth, type GroundTruth } from '../truth/ground-truth';
import { SimClock } from './clock';
import { Farm, type FarmOutcome } from './farm';
import type { Outcome } from './site-handler';
import { LoopbackCa } from './tls';

export interface ResolveEntry {
  ipv4: string;
  ipv6: string | null;
  https: string | null;
}
export type ResolveMap = Record<string, ResolveEntry>;

export interface StartOptions {
  scenario: ScenarioModel;
  host?: string;
  port?: number;
  /** Serve IPv6 on ::1 (default true when the machine has ::1). */
  ipv6?: boolean;
  /** Serve HTTPS (default true). */
  https?: boolean;
  /** Simulated clock; default starts at scenario.asOf and runs with elapsed real time. */
  clock?: SimClock;
}

export interface SimwebHandle {
  resolveMap: ResolveMap;
  sites: SiteImportRow[];
  accounts: AccountImportRow[];
  groundTruth: GroundTruth;
  urlOf(siteId: string): string;
  close(): Promise<void>;
  clock: SimClock;
  farm: Farm;
  /** PEM of the throw-away CA that signs every simulated host's certificate (null without HTTPS). */
  caCertPem: string | null;
  ports: { ipv4: number; ipv6: number | null; https: number | null };
}

const SERVER_HEADER = { hanweb: 'Apache', trs: 'nginx', aspnet: 'Microsoft-IIS/8.5' } as const;

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once('error', onError);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startSimweb(opts: StartOptions): Promise<SimwebHandle> {
  const sc = opts.scenario;
  const clock = opts.clock ?? new SimClock(sc.asOf);
  const farm = new Farm(sc, clock);
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const handler = (via: 'ipv4' | 'ipv6' | 'https') => (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= 256 * 1024) chunks.push(c);
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      farm
        .handle({
          host: String(req.headers.host ?? ''), via, method: req.method ?? 'GET', path: url.pathname, query: url.searchParams,
          headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), now: clock.now(),
        })
        .then((out) => send(req, res, out))
        .catch((e: Error) => {
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`simweb internal error: ${e.message}`);
        });
    });
  };

  const send = (req: http.IncomingMessage, res: http.ServerResponse, out: FarmOutcome): void => {
    if (out.kind === 'delay') {
      const t = setTimeout(() => {
        timers.delete(t);
        send(req, res, out.then);
      }, out.ms);
      timers.add(t);
      return;
    }
    if (out.kind === 'hang') return; // accept and never answer; close() ends it
    if (out.kind === 'reset') {
      const sock = req.socket as Socket & { resetAndDestroy?: () => void };
      if (sock.resetAndDestroy) sock.resetAndDestroy();
      else sock.destroy();
      return;
    }
    write(req, res, out);
  };

  const write = (req: http.IncomingMessage, res: http.ServerResponse, out: Extract<Outcome, { kind: 'response' }>) => {
    const site = farm.site(String(req.headers.host ?? '').toLowerCase().replace(/:\d+$/, ''));
    res.writeHead(out.status, { ...out.headers, 'content-length': out.body.length, server: site ? SERVER_HEADER[site.template] : 'nginx' });
    res.end(req.method === 'HEAD' ? undefined : out.body);
  };

  const track = (s: http.Server) =>
    s.on('connection', (sock: Socket) => {
      sockets.add(sock);
      sock.on('close', () => sockets.delete(sock));
    });

  const host = opts.host ?? '127.0.0.1';
  const v4 = track(http.createServer({ keepAliveTimeout: 5000 }, handler('ipv4')));
  const v4port = await listen(v4, opts.port ?? 0, host);

  let v6: http.Server | null = null;
  let v6port: number | null = null;
  if (opts.ipv6 !== false) {
    v6 = track(http.createServer({ keepAliveTimeout: 5000 }, handler('ipv6')));
    v6port = await listen(v6, v4port, '::1').catch(() => listen(v6!, 0, '::1').catch(() => null));
    if (v6port === null) v6 = null;
  }

  let tlsServer: https.Server | null = null;
  let tlsPort: number | null = null;
  let ca: LoopbackCa | null = null;
  if (opts.https !== false) {
    // certificate validity is a property of real TLS clients, so it follows the wall clock, not the simulated one
    ca = await LoopbackCa.create(new Date());
    const theCa = ca;
    tlsServer = https.createServer(
      {
        SNICallback: (name, cb) => {
          const h = name.toLowerCase();
          const site = farm.site(h);
          if (site && !site.https) return cb(new Error(`no https for ${h}`));
          if (!site && !farm.hosts().includes(h)) return cb(new Error(`unknown host ${h}`));
          theCa.context(h).then((c) => cb(null, c), (e: Error) => cb(e));
        },
      },
      handler('https'),
    );
    track(tlsServer as unknown as http.Server);
    tlsServer.on('tlsClientError', () => undefined);
    tlsPort = await listen(tlsServer as unknown as http.Server, 0, host);
  }

  const v4addr = host.includes(':') ? `[${host}]:${v4port}` : `${host}:${v4port}`;
  const resolveMap: ResolveMap = {};
  for (const h of farm.hosts()) {
    const site = farm.site(h);
    resolveMap[h] = {
      ipv4: v4addr,
      ipv6: v6port !== null && (!site || site.ipv6) ? `[::1]:${v6port}` : null,
      https: tlsPort !== null && (!site || site.https) ? `${host}:${tlsPort}` : null,
    };
  }

  let closed = false;
  return {
    resolveMap,
    sites: sc.sites.map(siteImportRow),
    accounts: accountImportRows(sc),
    groundTruth: computeGroundTruth(sc),
    urlOf(siteId: string) {
      const s = sc.sites.find((x) => x.id === siteId);
      if (!s) throw new RangeError(`no site with id "${siteId}"`);
      return `http://${s.host}/`;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      const servers = [v4, v6, tlsServer].filter((x): x is http.Server => x !== null);
      await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    },
    clock,
    farm,
    caCertPem: ca?.certPem ?? null,
    ports: { ipv4: v4port, ipv6: v6port, https: tlsPort },
  };
}
