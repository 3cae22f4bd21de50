import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { availabilityParameters, loadRuleSet } from '@govinspect/rule-sets';
import { findingsRecorded } from '@govinspect/contracts';
import { ScenarioModel, SimClock, SimwebHandle, generateScenario, loadScenario, startSimweb } from '@govinspect/simweb';
import * as yaml from 'js-yaml';
import { ProbeScheduler, crawlConfigFromEnv } from '../src';

const perDay = crawlConfigFromEnv({}).probesPerDay;
import { CrawlUnderTest, DEMO_SCENARIO, outboxPayloads, registerSites, startCrawl, waitFor } from './helpers';

const rule = availabilityParameters(loadRuleSet('national-2019'));
const DAY = 86_400_000;

interface Outcome {
  table: string;
  sites: number;
  exact: number;
  expectedVetoes: number;
}

/**
 * Drives the W-V2 scheduler over the 7 days before the scenario's asOf, setting the simulated clock to each slot, and
 * compares each site's veto decision (ratio ≥ the rule set's vetoFailureRatio) with the simulated web's ground truth.
 */
async function runScenario(scenario: ScenarioModel): Promise<Outcome> {
  const asOf = scenario.asOf;
  const scenarioSites = scenario.sites as unknown as Array<{ id: string; defects: Array<{ type: string; downWindows?: unknown[] }> }>;
  const clock = new SimClock(new Date(asOf.getTime() - rule.windowDays * DAY), true);
  const web: SimwebHandle = await startSimweb({ scenario, clock, ipv6: false });
  // Manual driving; registration probes off (they would use up the sites' request numbers); the production slot
  // count (CRAWL_PROBES_PER_DAY default).
  const crawl: CrawlUnderTest = await startCrawl({ web, clock, config: { slotPollMs: 0, pollMs: 3_600_000, probeConcurrency: 100_000, monitorOnRegistration: false } });
  try {
    const started = Date.now();
    const ids = await registerSites(crawl.bus, web, scenarioSites.map((s) => s.id));
    await waitFor('sites copied', async () => (await crawl.dataSource.query(`SELECT count(*)::int AS n FROM crawl_site`))[0].n === ids.size, 60_000);
    const scheduler = crawl.service.app.get(ProbeScheduler);
    for (const siteId of ids.values()) await scheduler.planWindow(siteId, new Date(asOf.getTime() - rule.windowDays * DAY));
    // Outcomes on the simulated clock (down windows) need the request in before the clock moves; the others depend
    // only on the site's request counter, so they run concurrently and hanging sites cost ~15 s in all, not per probe.
    const clockBound = new Set(scenarioSites.filter((s) => s.defects.some((d) => d.type === 'availability' && (d.downWindows?.length ?? 0) > 0)).map((s) => ids.get(s.id)!));
    const instants: Array<{ at: Date }> = await crawl.dataSource.query(`SELECT DISTINCT planned_at AS at FROM probe_slot ORDER BY planned_at`);
    expect(instants.length).toBeGreaterThan(ids.size * rule.windowDays * perDay * 0.9);
    const pending: Promise<void>[] = [];
    for (const { at } of instants) {
      clock.set(at);
      for (const p of await scheduler.runDue()) {
        if (clockBound.has(p.siteId)) await p.done;
        else pending.push(p.done);
      }
    }
    await Promise.all(pending);
    clock.set(asOf);
    // The scheduler reports at most 50 windows per call (it runs periodically in production).
    while ((await scheduler.reportElapsedWindows()) > 0);

    const batches = (await outboxPayloads(crawl.dataSource, findingsRecorded.topic)).filter((b) => !b.inspectionId);
    expect(batches).toHaveLength(ids.size);
    const expected = new Map(web.groundTruth.findings.filter((f) => f.type === 'site-unavailable').map((f) => [(f.target as { siteId: string }).siteId, f]));
    const rows: Array<Record<string, string | number | boolean>> = [];
    const wrong: string[] = [];
    for (const s of scenarioSites) {
      const siteId = ids.get(s.id)!;
      const batch = batches.find((b) => b.targetId === siteId)!;
      const f = batch.findings.find((x: { type: string }) => x.type === 'site-unavailable');
      const [counts] = await crawl.dataSource.query(
        `SELECT count(*) FILTER (WHERE NOT voided)::int AS counted, count(*) FILTER (WHERE voided)::int AS voided,
                count(*) FILTER (WHERE NOT voided AND NOT ok)::int AS failures
           FROM probe WHERE site_id = $1 AND slot_id IS NOT NULL`,
        [siteId],
      );
      const ratio = f ? (f.attributes.failureRatio as number) : 0;
      const veto = ratio >= rule.vetoFailureRatio;
      const truth = expected.get(s.id);
      rows.push({
        site: s.id,
        probes: counts.counted,
        failures: counts.failures,
        voided: counts.voided,
        ratio: Number(ratio.toFixed(4)),
        expected: truth ? Number((truth.attributes.failureRatio as number).toFixed(4)) : '-',
        veto,
        ok: veto === !!truth,
      });
      if (veto !== !!truth) wrong.push(s.id);
      if (f) expect(f.attributes).toMatchObject({ probes: counts.counted, failures: counts.failures, windowDays: rule.windowDays });
    }
    const shown = rows.filter((r) => r.failures || r.expected !== '-' || r.voided);
    const table = [
      `${rows.length} sites, ${instants.length} slot instants, ${((Date.now() - started) / 1000).toFixed(1)} s; sites with failures or a veto expected:`,
      '',
      '| site | probes | failures | voided | ratio | expected ratio | veto | agrees |',
      '|---|---|---|---|---|---|---|---|',
      ...shown.map((r) => `| ${r.site} | ${r.probes} | ${r.failures} | ${r.voided} | ${r.ratio} | ${r.expected} | ${r.veto ? '单项否决' : '-'} | ${r.ok ? 'yes' : 'NO'} |`),
      '',
      `Other ${rows.length - shown.length} sites: ${rule.windowDays * perDay} probes each, no failure. Veto decisions: ${rows.length - wrong.length}/${rows.length} exact.`,
    ].join('\n');
    console.log(`W-V2 accuracy: ${table}`);
    expect(wrong).toEqual([]);
    expect(rows.every((r) => r.probes === rule.windowDays * perDay)).toBe(true);
    return { table, sites: rows.length, exact: rows.length - wrong.length, expectedVetoes: expected.size };
  } finally {
    await crawl.close();
    await web.close();
  }
}

/** The demo city plus two sites with down windows on the simulated clock, one over the threshold and one under it. */
function demoWithDownWindows(): ScenarioModel {
  const spec = yaml.load(readFileSync(DEMO_SCENARIO, 'utf8')) as { sites: Array<Record<string, unknown>> };
  const base = spec.sites.find((s) => s.id === 'yunxi-czj')!;
  const variant = (id: string, host: string, code: string, window: { from: string; to: string; mode: string }) => ({
    ...base, id, host, siteCode: code, name: `${base.name}${id.slice(-1)}`, columns: undefined,
    defects: [{ type: 'availability', downWindows: [window] }],
  });
  spec.sites.push(
    // 12 h of 168 h ≈ 7.1 % (veto) and 4 h ≈ 2.4 % (no veto)
    variant('yunxi-down-a', 'down-a.yunxi.gov.cn', '4213000091', { from: '5d', to: '4d12h', mode: '503' }),
    variant('yunxi-down-b', 'down-b.yunxi.gov.cn', '4213000092', { from: '3d', to: '2d20h', mode: 'reset' }),
  );
  for (const s of spec.sites) if (s.columns === undefined) delete s.columns;
  return loadScenario(spec as never);
}

/**
 * W-V2 accuracy against the simulated web's ground truth, on the demo city (a hard 500, a hanging homepage, an
 * intermittent site with 6 % errors + 2 % slow answers, two down windows) and on the generated 100-site scenario the
 * inspection accuracy uses (seed 7). Written to .cache/reports/accuracy-availability.md; `npm run docs:accuracy` copies it
 * to docs/ (linked from docs/accuracy.md).
 */
describe('W-V2 accuracy on the simulated web (scheduler driven by the simulated clock)', () => {
  jest.setTimeout(600_000);
  const outcomes: Array<{ name: string; o: Outcome }> = [];

  afterAll(() => {
    if (outcomes.length < 2) return;
    // .cache is ignored: tests never write tracked files; `npm run docs:accuracy` copies the report to docs/.
    const dir = path.resolve(__dirname, '../../../.cache/reports');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'accuracy-availability.md'),
      [
        '# W-V2 availability accuracy (站点无法访问)', '',
        'Command: `npm run docs:accuracy` (runs `npx jest -c apps/crawl/jest.config.js availability-accuracy`) — the probe scheduler driven by the simulated',
        `clock over the ${rule.windowDays}-day window before each scenario's asOf, ${perDay} probes a day, against the simulated web's ground`,
        `truth; veto at failure ratio ≥ ${rule.vetoFailureRatio} (rule set national-2019). Run ${new Date().toISOString().slice(0, 10)}.`, '',
        ...outcomes.flatMap(({ name, o }) => [`## ${name}`, '', o.table, '']),
      ].join('\n'),
    );
  });

  it('decides every site of the demo city exactly as the ground truth does', async () => {
    const o = await runScenario(demoWithDownWindows());
    expect(o.expectedVetoes).toBeGreaterThanOrEqual(4);
    outcomes.push({ name: 'Demo city (libs/simweb/scenarios/demo-city.yaml) + two down-window sites', o });
  });

  it('decides every site of the generated 100-site scenario exactly as the ground truth does', async () => {
    const o = await runScenario(generateScenario({ seed: 7, sites: 100, pagesPerSite: 120, asOf: new Date('2024-06-28T10:00:00+08:00') }));
    expect(o.expectedVetoes).toBeGreaterThanOrEqual(1);
    outcomes.push({ name: 'Generated scenario (seed 7, 100 sites)', o });
  });
});
