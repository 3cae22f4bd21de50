import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DLQ_HEADERS, ReceivedMessage, dlqTopic } from '@govinspect/messaging';
import { findingsRecorded, inspectionCompleted, inspectionRequested } from '@govinspect/contracts';
import { SimClock, SimwebHandle, loadScenario, startSimweb } from '@govinspect/simweb';
import { Agent, request } from 'undici';
import { InspectionSchedule } from '../src';
import { CrawlUnderTest, DEMO_SCENARIO, gql, outboxPayloads, registerSites, startCrawl, waitFor } from './helpers';

const SITES = ['yunxi-fgw', 'yunxi-rsj'];
const ENTITY = `query S($id: ID!, $filter: FindingFilter) { _entities(representations: [{ __typename: "Site", id: $id }]) {
  ... on Site { columns { url name columnClass level corrected itemCount blank stale window }
                findings(filter: $filter) { id type indicators url evidence archiveId evidenceUrl runId inspectionId attributesJson } } } }`;

/** Fetch a page of the simulated web the way the crawler does (connect-to through the resolve map). */
async function fetchLive(web: SimwebHandle, url: string): Promise<Buffer> {
  const u = new URL(url);
  const [host, port] = web.resolveMap[u.hostname]!.ipv4!.split(':');
  const agent = new Agent({ connect: { lookup: (_h, _o, cb) => cb(null, [{ address: host, family: 4 }] as never) } });
  try {
    const res = await request(`${u.protocol}//${u.hostname}:${port}${u.pathname}${u.search}`, { dispatcher: agent, headers: { host: u.hostname } });
    return Buffer.from(await res.body.arrayBuffer());
  } finally {
    await agent.close();
  }
}

describe('inspections on the simulated web (real Postgres, in-process bus)', () => {
  jest.setTimeout(240_000);
  let web: SimwebHandle;
  let crawl: CrawlUnderTest;
  let ids: Map<string, string>;
  let archiveDir: string;
  const asOf = loadScenario(DEMO_SCENARIO).asOf;
  const dead: ReceivedMessage[] = [];
  let first: ReturnType<typeof request0>;

  const request0 = (inspectionId: string, extra: Record<string, unknown> = {}) =>
    inspectionRequested.create(inspectionId, {
      inspectionId,
      reason: 'round',
      includeSubRegions: true,
      siteIds: SITES.map((s) => ids.get(s)!),
      asOf: asOf.toISOString(),
      period: { key: '2024Q2', kind: 'quarter', from: '2024-04-01T00:00:00+08:00', to: asOf.toISOString() },
      ruleSetId: 'national-2019',
      options: { pageBudget: 60 },
      ...extra,
    }, 'test');

  beforeAll(async () => {
    archiveDir = mkdtempSync(path.join(tmpdir(), 'crawl-evidence-'));
    const scenario = loadScenario(DEMO_SCENARIO);
    web = await startSimweb({ scenario, clock: new SimClock(asOf, true), ipv6: false });
    crawl = await startCrawl({ web, clock: new SimClock(asOf, true), config: { slotPollMs: 0, archiveDir, staleJobMs: 5_000 } });
    await crawl.bus.subscribe({ groupId: 'test-dlq', topics: [dlqTopic(inspectionRequested.topic)], handler: async (m) => void dead.push(m) });
    ids = await registerSites(crawl.bus, web, SITES);
    await waitFor('sites copied', async () => (await crawl.dataSource.query(`SELECT count(*)::int AS n FROM crawl_site`))[0].n === SITES.length);
  });

  afterAll(async () => {
    await crawl?.close();
    await web?.close();
    rmSync(archiveDir, { recursive: true, force: true });
  });

  const completedOf = async (inspectionId: string) =>
    (await outboxPayloads(crawl.dataSource, inspectionCompleted.topic)).filter((p) => p.inspectionId === inspectionId);

  it('an inspection-requested event for two demo sites gives findings batches and a completed event per site', async () => {
    first = request0('round-1');
    const env = first;
    await crawl.bus.publish([{ topic: inspectionRequested.topic, key: env.key, value: JSON.stringify(env) }]);
    await waitFor('both sites inspected', async () => (await completedOf('round-1')).length === 2, 180_000);

    const done = await completedOf('round-1');
    const batches = (await outboxPayloads(crawl.dataSource, findingsRecorded.topic)).filter((b) => b.inspectionId === 'round-1');
    for (const c of done) {
      expect(c).toMatchObject({ asOf: asOf.toISOString(), status: expect.stringMatching(/^(completed|partial)$/), regionCode: '421300' });
      expect(c.pagesFetched).toBeGreaterThan(10);
      const mine = batches.filter((b) => b.runId === c.runId);
      expect(mine.map((b) => b.batch.index)).toEqual(mine.map((_, i) => i));
      expect(mine.filter((b) => b.batch.final)).toHaveLength(1);
      expect(mine[mine.length - 1].batch.final).toBe(true);
      const all = mine.flatMap((b) => b.findings);
      expect(all).toHaveLength(c.findings);
      const byType: Record<string, number> = {};
      for (const f of all) byType[f.type] = (byType[f.type] ?? 0) + 1;
      expect(c.findingsByType).toEqual(byType);
    }
    // The simulated web's ground truth: 发改委 lacks the 公安备案 label in its footer.
    const fgw = batches.filter((b) => b.targetId === ids.get('yunxi-fgw')).flatMap((b) => b.findings);
    expect(fgw).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'footer-label-missing', attributes: expect.objectContaining({ label: 'psb' }) })]));
    const [insp] = await crawl.dataSource.query(`SELECT state FROM inspection WHERE id = 'round-1'`);
    expect(insp.state).toBe('completed');
  });

  it('is idempotent: a redelivered event and a second event with the same inspectionId add nothing', async () => {
    const before = await crawl.dataSource.query(`SELECT count(*)::int AS n FROM inspection_site`);
    const again = request0('round-1'); // a new event id, the same inspection
    // A region without sites: an inspection with no jobs. Same message key, so it is consumed after the other two.
    const marker = request0('round-marker', { siteIds: undefined, regionCode: '429000' });
    await crawl.bus.publish(
      [first, again, marker].map((e) => ({ topic: inspectionRequested.topic, key: 'redelivery', value: JSON.stringify(e) })),
    );
    await waitFor('marker consumed', async () => (await crawl.dataSource.query(`SELECT 1 FROM inspection WHERE id = 'round-marker'`)).length === 1);
    const after = await crawl.dataSource.query(`SELECT count(*)::int AS n FROM inspection_site`);
    expect(after[0].n).toBe(before[0].n);
    expect(await crawl.dataSource.query(`SELECT count(*)::int AS n FROM inspection_site WHERE inspection_id = 'round-1'`)).toEqual([{ n: 2 }]);
  });

  it('dead-letters bad events with a classified reason and keeps consuming', async () => {
    const good = request0('round-x').payload;
    const noScope = { ...request0('bad-scope'), payload: { ...good, inspectionId: 'bad-scope', siteIds: undefined } };
    const badRuleSet = request0('bad-rules', { ruleSetId: 'no-such-rule-set' });
    await crawl.bus.publish([
      { topic: inspectionRequested.topic, key: 'k1', value: 'not json {' },
      { topic: inspectionRequested.topic, key: 'k2', value: JSON.stringify(noScope) },
      { topic: inspectionRequested.topic, key: 'k3', value: JSON.stringify(badRuleSet) },
    ]);
    await waitFor('three dead letters', async () => dead.length >= 3, 30_000);
    const reasons = dead.map((m) => `${m.headers[DLQ_HEADERS.classification]}: ${m.headers[DLQ_HEADERS.reason]}`);
    expect(reasons.some((r) => /siteIds or regionCode/.test(r))).toBe(true);
    expect(reasons.some((r) => r.startsWith('inspection-scope') && /no-such-rule-set/.test(r))).toBe(true);
    expect(await crawl.dataSource.query(`SELECT id FROM inspection WHERE id IN ('bad-scope', 'bad-rules')`)).toEqual([]);
  });

  it('answers GraphQL: inspection progress, Site.columns, Site.findings with filters', async () => {
    const fgw = ids.get('yunxi-fgw')!;
    const { data } = await gql(crawl.service.url, `{ inspection(id: "round-1") { id state reason progress { total done failed pending running }
      sites { runId state pagesFetched findings site { id } } } inspections(siteId: "${fgw}") { id } }`);
    expect(data.inspection.progress).toEqual({ total: 2, done: 2, failed: 0, pending: 0, running: 0 });
    expect(data.inspections.map((i: { id: string }) => i.id)).toEqual(['round-1']);
    const site = (await gql(crawl.service.url, ENTITY, { id: fgw, filter: { type: 'footer-label-missing' } })).data._entities[0];
    expect(site.columns.length).toBeGreaterThan(3);
    // yunxi-fgw keeps every column inside its window (scenario defaults): no blank or stale column, windows known.
    expect(site.columns.filter((c: { blank: boolean; stale: boolean }) => c.blank || c.stale)).toEqual([]);
    expect(site.columns.filter((c: { window: string | null }) => c.window).length).toBeGreaterThan(3);
    expect(site.findings.length).toBeGreaterThan(0);
    expect(site.findings.every((f: { type: string }) => f.type === 'footer-label-missing')).toBe(true);
    expect(site.findings[0].indicators).toEqual(expect.arrayContaining(['W-D-FOOTER-PSB']));
    const byIndicator = (await gql(crawl.service.url, ENTITY, { id: fgw, filter: { indicator: 'W-D-FOOTER-PSB' } })).data._entities[0];
    expect(byIndicator.findings.map((f: { id: string }) => f.id).sort()).toEqual(site.findings.map((f: { id: string }) => f.id).sort());
    const bad = await gql(crawl.service.url, ENTITY, { id: fgw, filter: { runId: 'nope' } });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.runId' });
  });

  it('serves archived evidence bytes after the simulated site changed', async () => {
    const fgw = ids.get('yunxi-fgw')!;
    const site = (await gql(crawl.service.url, ENTITY, { id: fgw, filter: { type: 'footer-label-missing' } })).data._entities[0];
    const f = site.findings.find((x: { evidenceUrl: string | null }) => x.evidenceUrl);
    expect(f).toBeDefined();
    const served = await fetchLive(web, f.url);
    // The site changes: the same hosts now serve another seed's pages.
    const changed = loadScenario({ ...(require('js-yaml').load(require('node:fs').readFileSync(DEMO_SCENARIO, 'utf8')) as object), seed: 1 } as never);
    const web2 = await startSimweb({ scenario: changed, clock: new SimClock(asOf, true), ipv6: false });
    try {
      const live = await fetchLive(web2, f.url);
      expect(live.equals(served)).toBe(false);
    } finally {
      await web2.close();
    }
    const res = await fetch(f.evidenceUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/html/);
    expect(Buffer.from(await res.arrayBuffer()).equals(served)).toBe(true);
    const missing = await fetch(f.evidenceUrl.replace(/\d+$/, '999999999'));
    expect(missing.status).toBe(404);
    const malformed = await fetch(`${crawl.baseUrl}/evidence/..%2F..%2Fetc%2Fpasswd`);
    expect(malformed.status).toBe(400);
  });

  it('keeps inspector corrections, validates them, and they win in the next inspection', async () => {
    const fgw = ids.get('yunxi-fgw')!;
    const cols = (await gql(crawl.service.url, ENTITY, { id: fgw })).data._entities[0].columns as Array<{ url: string; columnClass: string }>;
    const target = cols.find((c) => c.columnClass !== 'interview')!;
    const CORRECT = `mutation C($input: CorrectColumnInput!) { correctColumn(input: $input) { url columnClass level corrected } }`;
    const ok = await gql(crawl.service.url, CORRECT, { input: { siteId: fgw, url: target.url, columnClass: 'interview', level: 2 } });
    expect(ok.data.correctColumn).toEqual({ url: target.url, columnClass: 'interview', level: 2, corrected: true });
    const cases: Array<[Record<string, unknown>, string, string | undefined]> = [
      [{ siteId: fgw, url: target.url, columnClass: 'gossip' }, 'BAD_USER_INPUT', 'columnClass'],
      [{ siteId: fgw, url: target.url, columnClass: 'news', level: 3 }, 'BAD_USER_INPUT', 'level'],
      [{ siteId: fgw, url: 'http://evil.example/x/', columnClass: 'news' }, 'BAD_USER_INPUT', 'url'],
      [{ siteId: fgw, url: 'not a url', columnClass: 'news' }, 'BAD_USER_INPUT', 'url'],
      [{ siteId: randomUUID(), url: target.url, columnClass: 'news' }, 'NOT_FOUND', undefined],
    ];
    for (const [input, code, field] of cases) {
      const r = await gql(crawl.service.url, CORRECT, { input });
      expect(r.errors?.[0].extensions).toMatchObject({ code, ...(field ? { field } : {}) });
    }
    const req = await gql(crawl.service.url, `mutation { requestInspection(siteIds: ["${fgw}"], asOf: "${asOf.toISOString()}", options: { pageBudget: 30 }) { id state progress { total } } }`);
    expect(req.errors).toBeUndefined();
    expect(req.data.requestInspection.progress.total).toBe(1);
    const id = req.data.requestInspection.id;
    await waitFor('re-inspection', async () => (await completedOf(id)).length === 1, 180_000);
    const [row] = await crawl.dataSource.query(`SELECT column_class, level, corrected, data FROM site_column WHERE site_id = $1 AND url = $2`, [fgw, target.url]);
    expect(row).toMatchObject({ column_class: 'interview', level: 2, corrected: true });
    expect(row.data.classifiedBy).toBe('inspector');
    const badReq = await gql(crawl.service.url, `mutation { requestInspection(regionCode: "42", ruleSetId: "national-2019") { id } }`);
    expect(badReq.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode' });
    const noRules = await gql(crawl.service.url, `mutation { requestInspection(siteIds: ["${fgw}"], ruleSetId: "nope") { id } }`);
    expect(noRules.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ruleSetId' });
  });

  it('answers a recheck (复核) with whether the problem is still present', async () => {
    const fgw = ids.get('yunxi-fgw')!;
    const [psb] = await crawl.dataSource.query(`SELECT url, finding FROM site_finding WHERE site_id = $1 AND type = 'footer-label-missing' AND finding->'attributes'->>'label' = 'psb' LIMIT 1`, [fgw]);
    const recheck = (findingType: string, taskId: string) =>
      request0(`recheck-${taskId}`, { reason: 'recheck', siteIds: [fgw], options: { pageBudget: 10 }, recheck: { taskId, findingType, url: psb.url, subject: psb.finding.attributes.subject } });
    const events = [recheck('footer-label-missing', 't1'), recheck('hidden-link', 't2')];
    await crawl.bus.publish(events.map((e) => ({ topic: inspectionRequested.topic, key: e.key, value: JSON.stringify(e) })));
    await waitFor('rechecks', async () => (await completedOf('recheck-t1')).length === 1 && (await completedOf('recheck-t2')).length === 1, 180_000);
    const [t1] = await completedOf('recheck-t1');
    const [t2] = await completedOf('recheck-t2');
    expect(t1.recheck).toEqual({ taskId: 't1', stillPresent: true, findingIds: [psb.finding.id] });
    expect(t2.recheck).toEqual({ taskId: 't2', stillPresent: false, findingIds: [] });
  });

  it('enqueues scheduled inspections once per interval, whatever the number of workers firing', async () => {
    const schedule = crawl.service.app.get(InspectionSchedule);
    expect(await schedule.fire()).toBeNull(); // off unless CRAWL_SCHEDULE_EVERY_MS is set
    const [a, b] = await Promise.all([schedule.fire(86_400_000), schedule.fire(86_400_000)]);
    expect(a).toMatch(/^schedule-/);
    expect(a).toBe(b);
    const rows = await crawl.dataSource.query(`SELECT reason, (SELECT count(*)::int FROM inspection_site s WHERE s.inspection_id = i.id) AS sites FROM inspection i WHERE id = $1`, [a]);
    expect(rows).toEqual([{ reason: 'schedule', sites: SITES.length }]);
  });
});
