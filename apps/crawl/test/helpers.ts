import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { siteRegistered } from '@govinspect/contracts';
import { InProcessBus, MessageBus } from '@govinspect/messaging';
import { RunningService, startService } from '@govinspect/service-kit';
import { SimwebHandle } from '@govinspect/simweb';
import { TestDatabase, createTestDatabase } from '@govinspect/testing';
import { DataSource } from 'typeorm';
import { Clock, CrawlConfig, createCrawlService } from '../src';

export const DEMO_SCENARIO = path.resolve(__dirname, '../../../libs/simweb/scenarios/demo-city.yaml');

export interface CrawlUnderTest {
  service: RunningService;
  db: TestDatabase;
  bus: MessageBus;
  dataSource: DataSource;
  baseUrl: string;
  close(): Promise<void>;
}

/** The real crawl service (Nest, TypeORM migrations, outbox) on a fresh database, talking to the simulated web. */
export async function startCrawl(opts: { web: SimwebHandle; clock?: Clock; config?: Partial<CrawlConfig>; bus?: MessageBus; db?: TestDatabase }): Promise<CrawlUnderTest> {
  const db = opts.db ?? (await createTestDatabase('crawl'));
  const bus = opts.bus ?? new InProcessBus();
  // Evidence goes to a throw-away directory unless the test shares one between runs.
  const ownArchive = opts.config?.archiveDir ? null : mkdtempSync(path.join(tmpdir(), 'crawl-evidence-'));
  const def = createCrawlService({
    clock: opts.clock,
    config: {
      policy: { mode: 'loopback', resolveMap: opts.web.resolveMap },
      caCertPem: opts.web.caCertPem ?? undefined,
      ...(ownArchive ? { archiveDir: ownArchive } : {}),
      ...opts.config,
    },
  });
  const service = await startService(def, { port: 0, bus, databaseUrl: db.url, outboxPollMs: 100 });
  return {
    service,
    db,
    bus,
    dataSource: service.app.get(DataSource),
    baseUrl: service.url.replace(/\/graphql$/, ''),
    close: async () => {
      await service.close();
      if (!opts.bus) await bus.close();
      if (!opts.db) await db.drop();
      if (ownArchive) rmSync(ownArchive, { recursive: true, force: true });
    },
  };
}

/** Register the simulated web's sites through the real event path; returns scenario site id → registered uuid. */
export async function registerSites(bus: MessageBus, web: SimwebHandle, scenarioIds: string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const byUrl = new Map(web.sites.map((s) => [s.url, s]));
  const messages = scenarioIds.map((sid) => {
    const row = byUrl.get(web.urlOf(sid));
    if (!row) throw new Error(`no import row for ${sid}`);
    const siteId = randomUUID();
    ids.set(sid, siteId);
    const env = siteRegistered.create(siteId, { siteId, name: row.name, url: row.url, siteCode: row.siteCode, regionCode: row.regionCode, kind: row.kind, hostUnit: row.hostUnit }, 'test');
    return { topic: siteRegistered.topic, key: siteId, value: JSON.stringify(env) };
  });
  await bus.publish(messages);
  return ids;
}

export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Outbox payloads of one topic, oldest first. */
export async function outboxPayloads<T = any>(ds: DataSource, topic: string): Promise<T[]> {
  const rows: Array<{ value: string }> = await ds.query(`SELECT value FROM outbox_message WHERE topic = $1 ORDER BY seq`, [topic]);
  return rows.map((r) => JSON.parse(r.value).payload as T);
}

export async function gql<T = any>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<{ data: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as never;
}

export interface CountingProxy {
  /** The simulated web's resolve map with every host's plain-HTTP IPv4 address pointed at the proxy. */
  resolveMap: SimwebHandle['resolveMap'];
  /** Requests seen, as `host/path?query`, in arrival order. */
  seen: string[];
  close(): Promise<void>;
}

/** A loopback HTTP proxy in front of the simulated web that records every request it forwards (server-side counts). */
export async function startCountingProxy(web: SimwebHandle): Promise<CountingProxy> {
  const http = await import('node:http');
  const seen: string[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const host = String(req.headers.host ?? '').replace(/:\d+$/, '');
    seen.push(`${host}${req.url}`);
    const target = web.resolveMap[host]?.ipv4;
    if (!target) {
      res.destroy();
      return;
    }
    const [address, port] = target.split(':');
    const up = http.request({ host: address, port: Number(port), method: req.method, path: req.url, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as import('node:net').AddressInfo;
  const resolveMap = Object.fromEntries(Object.entries(web.resolveMap).map(([h, e]) => [h, { ...e, ipv4: e.ipv4 ? `127.0.0.1:${port}` : null }])) as SimwebHandle['resolveMap'];
  return {
    resolveMap,
    seen,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** One query on a database no running service holds (e.g. after the service under test was stopped). */
export async function queryDb<T = any>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const ds = await new DataSource({ type: 'postgres', url }).initialize();
  try {
    return await ds.query(sql, params);
  } finally {
    await ds.destroy();
  }
}
