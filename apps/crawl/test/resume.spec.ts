import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { inspectionCompleted } from '@govinspect/contracts';
import { EvidenceArchive, crawlSite, extractLinks } from '@govinspect/site-crawler';
import { SimClock, SimwebHandle, loadScenario, startSimweb } from '@govinspect/simweb';
import { TestDatabase, createTestDatabase } from '@govinspect/testing';
import { Fetcher } from '@govinspect/web-fetch';
import { PgPageStore, enqueueInspection } from '../src';
import { CountingProxy, CrawlUnderTest, DEMO_SCENARIO, gql, outboxPayloads, queryDb, registerSites, startCountingProxy, startCrawl, waitFor } from './helpers';

const asOf = loadScenario(DEMO_SCENARIO).asOf;

/** Crash and resume without re-fetching: pages of a run live in crawl_page (bodies in the WARC archive). */
describe('resume after a crash (real Postgres, simulated web behind a counting proxy)', () => {
  jest.setTimeout(180_000);
  let web: SimwebHandle;
  let proxy: CountingProxy;
  let db: TestDatabase;
  let archiveDir: string;

  beforeAll(async () => {
    archiveDir = mkdtempSync(path.join(tmpdir(), 'crawl-resume-'));
    web = await startSimweb({ scenario: loadScenario(DEMO_SCENARIO), clock: new SimClock(asOf, true), ipv6: false });
    proxy = await startCountingProxy(web);
    db = await createTestDatabase('crawl_resume');
  });

  afterAll(async () => {
    await proxy?.close();
    await web?.close();
    await db?.drop();
    rmSync(archiveDir, { recursive: true, force: true });
  });

  const start = (config: Record<string, unknown> = {}) =>
    startCrawl({
      web: { ...web, resolveMap: proxy.resolveMap },
      db,
      clock: new SimClock(asOf, true),
      config: { slotPollMs: 0, archiveDir, staleJobMs: 1_500, ...config },
    });

  it('the page store lets the crawler pick up an interrupted run without fetching a stored page again', async () => {
    const crawl = await start({ pollMs: 3_600_000 });
    const archive = new EvidenceArchive({ dir: path.join(archiveDir, 'store-test') });
    const fetcher = new Fetcher({ policy: { mode: 'loopback', resolveMap: proxy.resolveMap } });
    try {
      const ids = await registerSites(crawl.bus, web, ['yunxi-czj']);
      const siteId = ids.get('yunxi-czj')!;
      await waitFor('site copied', async () => (await crawl.dataSource.query(`SELECT 1 FROM crawl_site WHERE site_id = $1`, [siteId])).length === 1);
      const { inspectionId } = await crawl.dataSource.transaction((m) =>
        enqueueInspection(m, { inspectionId: 'store-test', reason: 'manual', siteIds: [siteId], includeSubRegions: true, asOf: asOf.toISOString(), period: { key: 'x', kind: 'ad-hoc', from: asOf.toISOString(), to: asOf.toISOString() }, ruleSetId: 'national-2019' }),
      );
      const [{ run_id: runId }] = await crawl.dataSource.query(`SELECT run_id FROM inspection_site WHERE inspection_id = $1`, [inspectionId]);
      const home = web.urlOf('yunxi-czj');
      const opts = { startUrls: [home], scopeHosts: [new URL(home).hostname], fetcher, pageBudget: 40, maxDepth: 4, concurrency: 2, archive, extractLinks: (p: Parameters<typeof extractLinks>[0]) => extractLinks(p) };

      // First attempt: interrupted after 12 pages.
      const abort = new AbortController();
      let n = 0;
      const first = await crawlSite({ ...opts, store: new PgPageStore(crawl.dataSource, runId, archive), signal: abort.signal, onPage: () => void (++n >= 12 && abort.abort()) });
      expect(first.complete).toBe(false);
      const stored: string[] = (await crawl.dataSource.query(`SELECT url FROM crawl_page WHERE run_id = $1`, [runId])).map((r: { url: string }) => r.url);
      expect(stored.length).toBeGreaterThanOrEqual(12);
      const mark = proxy.seen.length;

      // Second attempt, a fresh store object on the same run (as after a restart).
      const second = await crawlSite({ ...opts, store: new PgPageStore(crawl.dataSource, runId, archive) });
      const refetched = proxy.seen.slice(mark).filter((s) => stored.some((u) => `${new URL(u).host}${new URL(u).pathname}${new URL(u).search}` === s));
      expect(refetched).toEqual([]);
      expect(second.stats.fromStore).toBeGreaterThanOrEqual(stored.length);
      expect(second.pages.length).toBeGreaterThan(stored.length);
      // What came back from the store is the page as fetched: same HTML as a direct fetch.
      const again = second.byUrl.get(stored[0])!;
      expect(again.html ?? again.body).toBeTruthy();
      expect(again.archiveId).toBe(first.byUrl.get(stored[0])?.archiveId);
    } finally {
      await fetcher.close();
      await archive.close();
      await crawl.close();
    }
  });

  it('a job whose worker was stopped mid-crawl is re-queued, resumed from its pages and completed once', async () => {
    let crawl: CrawlUnderTest = await start();
    const ids = await registerSites(crawl.bus, web, ['yunxi-fgw']);
    const siteId = ids.get('yunxi-fgw')!;
    await waitFor('site copied', async () => (await crawl.dataSource.query(`SELECT 1 FROM crawl_site WHERE site_id = $1`, [siteId])).length === 1);
    const host = new URL(web.urlOf('yunxi-fgw')).host;
    const before = proxy.seen.length;
    const req = await gql(crawl.service.url, `mutation { requestInspection(siteIds: ["${siteId}"], asOf: "${asOf.toISOString()}", options: { pageBudget: 60 }) { id } }`);
    const inspectionId = req.data.requestInspection.id as string;
    await waitFor('crawl under way', async () => proxy.seen.slice(before).filter((s) => s.startsWith(host)).length >= 15, 60_000);
    await crawl.close(); // the worker dies mid-crawl
    const [{ run_id: runId, state }] = await queryDb(db.url, `SELECT run_id, state FROM inspection_site WHERE inspection_id = $1`, [inspectionId]);
    expect(state).toBe('running');
    const mark = proxy.seen.length;

    crawl = await start();
    try {
      const stored: string[] = (await crawl.dataSource.query(`SELECT url FROM crawl_page WHERE run_id = $1`, [runId])).map((r: { url: string }) => r.url);
      await waitFor('resumed job completed', async () => (await outboxPayloads(crawl.dataSource, inspectionCompleted.topic)).some((p) => p.inspectionId === inspectionId), 120_000);
      const done = (await outboxPayloads(crawl.dataSource, inspectionCompleted.topic)).filter((p) => p.inspectionId === inspectionId);
      expect(done).toHaveLength(1);
      expect(done[0].runId).toBe(runId);
      const [job] = await crawl.dataSource.query(`SELECT attempts, state FROM inspection_site WHERE run_id = $1`, [runId]);
      expect(job.attempts).toBe(2);
      const after = proxy.seen.slice(mark);
      // inspectSite hands the run's PgPageStore to crawlSite: what the first attempt fetched is not requested again.
      // The homepage is the exception by design: the defacement checks fetch it once as Baiduspider, once without
      // following redirects and once with a search-engine Referer (probes, not crawl pages).
      expect(stored.length).toBeGreaterThan(0);
      const key = (u: string) => `${new URL(u).host}${new URL(u).pathname}${new URL(u).search}`;
      const homeKey = key(web.urlOf('yunxi-fgw'));
      const refetched = after.filter((s) => s !== homeKey && stored.some((u) => key(u) === s));
      expect(refetched).toEqual([]);
      expect(after.filter((s) => s === homeKey).length).toBeLessThanOrEqual(3);
    } finally {
      await crawl.close();
    }
  });
});
