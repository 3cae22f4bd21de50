import { randomUUID } from 'node:crypto';
import { findingsRecorded, inspectionCompleted, siteRegistered } from '@govinspect/contracts';
import { InProcessBus } from '@govinspect/messaging';
import { SimClock, SimwebHandle, loadScenario, startSimweb } from '@govinspect/simweb';
import { TestDatabase, createTestDatabase } from '@govinspect/testing';
import { InspectionWorker, ProbeScheduler, crawlConfigFromEnv, enqueueInspection } from '../src';
import { nextChinaMidnight } from '../src/site-registered.consumer';
import { CrawlUnderTest, DEMO_SCENARIO, outboxPayloads, registerSites, startCrawl, waitFor } from './helpers';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * The W-V2 scheduler on real Postgres: two workers share the slots (SKIP LOCKED), probes our side could not make are
 * voided — our own health endpoint down, the egress guard refusing, a crashed worker's slot run late, slots missed —
 * and never counted in the window's site-unavailable finding.
 */
describe('W-V2 probe scheduler (two workers, simulated clock)', () => {
  jest.setTimeout(120_000);
  const scenario = loadScenario(DEMO_SCENARIO);
  const asOf = scenario.asOf;
  const t0 = new Date(asOf.getTime() - 7 * DAY);
  const clock = new SimClock(t0, true);
  const bus = new InProcessBus();
  let web: SimwebHandle;
  let db: TestDatabase;
  let a: CrawlUnderTest;
  let b: CrawlUnderTest;
  let ids: Map<string, string>;
  let guardedId: string;

  beforeAll(async () => {
    web = await startSimweb({ scenario, clock, ipv6: false });
    db = await createTestDatabase('crawl_sched');
    const config = { slotPollMs: 0, pollMs: 3_600_000, monitorOnRegistration: false };
    a = await startCrawl({ web, clock, bus, db, config });
    // The second worker shares the database (the slot queue), not the consumer groups.
    b = await startCrawl({ web, clock, db, config });
    ids = await registerSites(bus, web, ['yunxi-czj', 'yxsl-slj']);
    // A registered URL that resolves to a private address: the egress guard refuses it before connecting.
    guardedId = randomUUID();
    const env = siteRegistered.create(guardedId, { siteId: guardedId, name: '云溪市测试局', url: 'http://10.1.2.3/', siteCode: '4213000099', regionCode: '421300', kind: 'department', hostUnit: '云溪市测试局' }, 'test');
    await bus.publish([{ topic: siteRegistered.topic, key: guardedId, value: JSON.stringify(env) }]);
    await waitFor('sites copied', async () => (await a.dataSource.query(`SELECT count(*)::int AS n FROM crawl_site`))[0].n === 3);
    for (const siteId of [...ids.values(), guardedId]) await a.service.app.get(ProbeScheduler).planWindow(siteId, t0);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await bus.close();
    await web?.close();
    await db?.drop();
  });

  const instants = async (from: Date, to: Date): Promise<Date[]> =>
    (await a.dataSource.query(`SELECT DISTINCT planned_at AS at FROM probe_slot WHERE planned_at >= $1 AND planned_at < $2 ORDER BY planned_at`, [from, to])).map((r: { at: Date }) => r.at);

  it('plans the rule set\'s window with at least minProbesPerDay slots a day for every site', async () => {
    const cfg = crawlConfigFromEnv({});
    const rows = await a.dataSource.query(`SELECT site_id, count(*)::int AS n, min(planned_at) AS first, max(planned_at) AS last FROM probe_slot GROUP BY site_id`);
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(r.n).toBe(cfg.windowDays * cfg.probesPerDay);
      expect(r.first.getTime()).toBeGreaterThanOrEqual(t0.getTime());
      expect(r.last.getTime()).toBeLessThan(asOf.getTime());
    }
  });

  it('two workers claiming at the same instants never probe a slot twice', async () => {
    const sa = a.service.app.get(ProbeScheduler);
    const sb = b.service.app.get(ProbeScheduler);
    const times = await instants(t0, new Date(t0.getTime() + 6 * HOUR));
    let byA = 0;
    let byB = 0;
    for (const at of times) {
      clock.set(at);
      const [pa, pb] = await Promise.all([sa.runDue(), sb.runDue()]);
      byA += pa.length;
      byB += pb.length;
      await Promise.all([...pa, ...pb].map((p) => p.done));
    }
    const [{ slots }] = await a.dataSource.query(`SELECT count(*)::int AS slots FROM probe_slot WHERE planned_at < $1`, [new Date(t0.getTime() + 6 * HOUR)]);
    const [{ probes, distinct }] = await a.dataSource.query(`SELECT count(*)::int AS probes, count(DISTINCT slot_id)::int AS distinct FROM probe WHERE slot_id IS NOT NULL`);
    expect(byA + byB).toBe(slots);
    expect(probes).toBe(slots);
    expect(distinct).toBe(slots);
    const voided = await a.dataSource.query(`SELECT site_id, void_reason, count(*)::int AS n FROM probe WHERE voided GROUP BY 1, 2`);
    expect(voided).toEqual([{ site_id: guardedId, void_reason: 'egress', n: expect.any(Number) }]);
  });

  it('voids failures while our own health endpoint is down, and a crashed worker\'s slot run late', async () => {
    const sa = a.service.app.get(ProbeScheduler);
    const from = new Date(t0.getTime() + 6 * HOUR);
    const to = new Date(t0.getTime() + 12 * HOUR);
    // A worker claimed one of the clean site's slots and then died.
    const [crashed] = await a.dataSource.query(
      `UPDATE probe_slot SET state = 'running', claimed_at = now() WHERE id = (SELECT id FROM probe_slot WHERE site_id = $1 AND planned_at >= $2 AND planned_at < $3 ORDER BY planned_at LIMIT 1) RETURNING id`,
      [ids.get('yunxi-czj'), from, to],
    ).then((r: [Array<{ id: string }>, number]) => r[0]);
    await new Promise<void>((r) => a.service.app.getHttpServer().close(() => r())); // our side goes down
    for (const at of await instants(from, to)) {
      clock.set(at);
      await Promise.all((await sa.runDue()).map((p) => p.done));
    }
    const slj = await a.dataSource.query(`SELECT ok, voided, void_reason, self_check_ok FROM probe WHERE site_id = $1 AND planned_at >= $2 AND planned_at < $3`, [ids.get('yxsl-slj'), from, to]);
    expect(slj.length).toBeGreaterThan(3);
    expect(slj.every((p: { ok: boolean; void_reason: string; self_check_ok: boolean }) => !p.ok && p.void_reason === 'self-check' && p.self_check_ok === false)).toBe(true);
    const czj = await a.dataSource.query(`SELECT ok, voided FROM probe WHERE site_id = $1 AND planned_at >= $2 AND planned_at < $3`, [ids.get('yunxi-czj'), from, to]);
    expect(czj.every((p: { ok: boolean; voided: boolean }) => p.ok && !p.voided)).toBe(true); // a success was made: it counts

    // The crash is noticed (stale claim) half an hour later: the re-queued slot runs late and is voided.
    await a.dataSource.query(`UPDATE probe_slot SET claimed_at = now() - interval '1 hour' WHERE id = $1`, [crashed.id]);
    clock.set(new Date(to.getTime() + HOUR / 2));
    await Promise.all((await sa.runDue()).map((p) => p.done));
    const [late] = await a.dataSource.query(`SELECT voided, void_reason FROM probe WHERE slot_id = $1`, [crashed.id]);
    expect(late).toEqual({ voided: true, void_reason: 'late' });
  });

  it('reports the elapsed window with voided and missed probes left out of the counts', async () => {
    const sa = a.service.app.get(ProbeScheduler);
    clock.set(asOf); // the workers were down for the rest of the week: every remaining slot is missed
    await sa.runDue();
    expect(await sa.reportElapsedWindows()).toBe(3);
    const batches = await outboxPayloads(a.dataSource, findingsRecorded.topic);
    expect(batches).toHaveLength(3);
    const of = (siteId: string) => batches.find((x) => x.targetId === siteId)!;
    const cut = new Date(t0.getTime() + 6 * HOUR);
    const [{ n: counted }] = await a.dataSource.query(`SELECT count(*)::int AS n FROM probe WHERE site_id = $1 AND planned_at < $2`, [ids.get('yxsl-slj'), cut]);
    const slj = of(ids.get('yxsl-slj')!).findings;
    expect(slj).toHaveLength(1);
    const [{ total }] = await a.dataSource.query(`SELECT count(*)::int AS total FROM probe_slot WHERE site_id = $1 AND planned_at < $2`, [ids.get('yxsl-slj'), asOf]);
    expect(slj[0]).toMatchObject({ type: 'site-unavailable', attributes: { probes: counted, failures: counted, failureRatio: 1, windowDays: 7, voided: total - counted } });
    expect(of(ids.get('yunxi-czj')!).findings).toEqual([]); // no failure counted
    expect(of(guardedId).findings).toEqual([]); // every probe voided: nothing counts against the site
    // Monitoring continues: each site has its next window planned from asOf.
    const next = await a.dataSource.query(`SELECT count(*)::int AS n FROM probe_window WHERE state = 'open' AND window_from = $1`, [asOf]);
    expect(next).toEqual([{ n: 3 }]);
  });

  it('an inspection at asOf reports W-V2 from the probes of the week before it', async () => {
    const slj = ids.get('yxsl-slj')!;
    await a.dataSource.transaction((m) =>
      enqueueInspection(m, { inspectionId: 'wv2-at-asof', reason: 'round', siteIds: [slj], includeSubRegions: true, asOf: asOf.toISOString(), period: { key: '2024Q2', kind: 'quarter', from: '2024-04-01T00:00:00+08:00', to: asOf.toISOString() }, ruleSetId: 'national-2019' }),
    );
    const worker = a.service.app.get(InspectionWorker);
    await worker.tick();
    await worker.idle();
    const [done] = (await outboxPayloads(a.dataSource, inspectionCompleted.topic)).filter((p) => p.inspectionId === 'wv2-at-asof');
    const findings = (await outboxPayloads(a.dataSource, findingsRecorded.topic)).filter((p) => p.inspectionId === 'wv2-at-asof').flatMap((p) => p.findings);
    const window = (await outboxPayloads(a.dataSource, findingsRecorded.topic)).find((p) => !p.inspectionId && p.targetId === slj)!.findings[0];
    expect(done.findingsByType['site-unavailable']).toBe(1);
    // The same counts as the window report: the homepage answering 500 once during the inspection does not replace them.
    expect(findings.find((f: { type: string }) => f.type === 'site-unavailable')).toMatchObject({ id: window.id, attributes: window.attributes });
  });
});

describe('monitoring start on registration', () => {
  it('starts at the next China-time midnight', () => {
    expect(nextChinaMidnight(new Date('2024-06-28T10:00:00+08:00')).toISOString()).toBe('2024-06-28T16:00:00.000Z');
    expect(nextChinaMidnight(new Date('2024-06-28T23:59:59+08:00')).toISOString()).toBe('2024-06-28T16:00:00.000Z');
    expect(nextChinaMidnight(new Date('2024-06-29T00:00:00+08:00')).toISOString()).toBe('2024-06-29T16:00:00.000Z');
  });
});
