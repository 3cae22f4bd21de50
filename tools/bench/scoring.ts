/**
 * `--service`: the same through the scoring service's storage (PostgreSQL): see service() below.
 *
 * Re-scoring after a rule change: N sites × M findings scored under the national rule set (baseline) and under an
 * overlay (city-2022: pass at 80, extra indicators), side by side in the same process. Pure CPU, no I/O besides
 * loading the YAML rule sets; deterministic input from a seeded generator. Not a test.
 */
import { loadavg } from 'node:os';
import { exitFlushed } from '../exit-flushed';
import { FINDING_TYPES, FindingInput, FindingType, findingSchema } from '@govinspect/contracts';
import { MESSAGING_ENTITIES, MessagingTables1732300000000 } from '@govinspect/messaging';
import { createTestDatabase } from '@govinspect/testing';
import { DataSource } from 'typeorm';
import { Rescorer } from '../../apps/scoring/src/cards/rescorer';
import { ingestFindings, recordSite } from '../../apps/scoring/src/findings/findings-ingest';
import { SCORING_MIGRATIONS } from '../../apps/scoring/src/migrations';
import { RuleSetStore } from '../../apps/scoring/src/rule-sets/rule-set-store';
import { FileRuleSetSource, RULE_SETS_DIR, RuleSet, RuleSetRepository } from '@govinspect/rule-sets';
import { ScoreCard, scoreTarget, ScoreTarget } from '@govinspect/scoring-engine';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const SITES = arg('sites', 1000);
const PER_SITE = arg('findings', 50);
const RUNS = arg('runs', 5);
const OVERLAY = process.argv.includes('--overlay') ? process.argv[process.argv.indexOf('--overlay') + 1] : 'city-2022';
const AS_OF = '2022-05-16T10:00:00+08:00';
const PERIOD = { from: '2022-04-01T00:00:00+08:00', to: '2022-05-16T23:59:59+08:00' };

/** mulberry32: tiny seeded PRNG so every run scores the same input. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Weighted like a real crawl: mostly column freshness and content findings, rare vetoes.
const WEIGHTS: [FindingType, number][] = [
  ['column-stale', 7], ['column-blank', 1], ['news-column-stale', 0.6], ['policy-column-stale', 0.5], ['interpretation-column-stale', 0.5],
  ['message-board-stale', 0.5], ['service-stats-stale', 0.5], ['institution-info-missing', 6], ['footer-label-missing', 3],
  ['interpretation-link-missing', 4], ['interpretation-missing', 2], ['survey-feedback-missing', 2], ['broken-link', 12],
  ['meta-tag-missing', 8], ['service-guide-incomplete', 5], ['privacy-leak', 5], ['mandated-repost-missing', 4],
  ['good-practice', 6], ['survey-activity-held', 3], ['forged-date', 0.02], ['site-unavailable', 0.05],
];
const TOTAL = WEIGHTS.reduce((s, [, w]) => s + w, 0);

function generate(): { target: ScoreTarget; findings: FindingInput[] }[] {
  const r = rng(20220516);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const date = (daysBack: number) => new Date(Date.parse('2022-05-16T00:00:00Z') - Math.floor(r() * daysBack) * 86_400_000).toISOString().slice(0, 10);
  const out: { target: ScoreTarget; findings: FindingInput[] }[] = [];
  for (let s = 0; s < SITES; s++) {
    const id = `site-${String(s).padStart(5, '0')}`;
    const roll = r();
    const target: ScoreTarget = roll < 0.2 ? { id, kind: 'portal' } : roll < 0.9 ? { id, kind: 'department' } : { id, kind: 'department', externalServices: false };
    const findings: FindingInput[] = [];
    for (let k = 0; k < PER_SITE; k++) {
      let x = r() * TOTAL;
      let type: FindingType = WEIGHTS[0][0];
      for (const [t, w] of WEIGHTS) if ((x -= w) < 0) { type = t; break; }
      const col = Math.floor(r() * 40);
      findings.push({
        id: `${id}-f${String(k).padStart(3, '0')}`,
        type,
        targetId: id,
        targetKind: 'site',
        asOf: '2022-05-15T09:00:00+08:00',
        location: { url: `http://${id}.example.gov.cn/col${col}/`, breadcrumb: `首页>栏目${Math.floor(col / 8)}>子栏目${col}` },
        evidence: { text: FINDING_TYPES[type].zh, archiveId: `arc-${id}-${k}` },
        attributes: {
          lastUpdated: r() < 0.1 ? null : date(800),
          level: r() < 0.5 ? 1 : 2,
          label: pick(['psb', 'conac', 'icp', 'site-code', 'error-report'] as const),
          element: pick(['办公时间', '负责人姓名', '办公地址', '设定依据', 'SiteIDCode']),
          unit: pick(['办公室', '财务科', '法规科']),
          subject: `问题${k}`,
          endedAt: date(400),
          startedAt: date(400),
          category: pick(['信息发布', '办事服务', '互动交流', '功能设计', '创新发展']),
          failureRatio: r() * 0.08,
          windowDays: 7,
        },
        source: 'machine',
        ...(r() < 0.05 ? { review: { state: 'dismissed' as const } } : {}),
      });
    }
    out.push({ target, findings });
  }
  return out;
}

const mb = (bytes: number) => (bytes / 1048576).toFixed(1);

interface Phase { ms: number; peakHeap: number; results: string }

function scoreAll(ruleSet: RuleSet, sites: ReturnType<typeof generate>, trusted = false): Phase {
  let peakHeap = process.memoryUsage().heapUsed;
  const t0 = process.hrtime.bigint();
  const cards: ScoreCard[] = [];
  for (let i = 0; i < sites.length; i++) {
    cards.push(scoreTarget({ ruleSet, target: sites[i].target, findings: sites[i].findings, period: PERIOD, asOf: AS_OF, options: { trusted } }));
    if (i % 100 === 99) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, peakHeap: Math.max(peakHeap, process.memoryUsage().heapUsed), results: summary(cards) };
}

function summary(cards: ScoreCard[]) {
  const by = (r: string) => cards.filter((c) => c.result === r).length;
  return `veto ${by('failed-veto')}, below pass ${by('failed-below-pass')}, passed ${by('passed')}, bonus ${by('passed-bonus')}`;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main() {
  const tGen = Date.now();
  const sites = generate();
  const genMs = Date.now() - tGen;
  // A fresh repository, so loading is measured from the YAML files.
  const repo = new RuleSetRepository(new FileRuleSetSource(RULE_SETS_DIR));
  let t = process.hrtime.bigint();
  const national = repo.load('national-2019');
  const loadNationalMs = Number(process.hrtime.bigint() - t) / 1e6;

  scoreAll(national, sites); // warm-up (JIT), not recorded
  t = process.hrtime.bigint();
  const overlay = repo.load(OVERLAY); // the rule change: load the overlay (parent already cached)
  const loadOverlayMs = Number(process.hrtime.bigint() - t) / 1e6;

  const base: Phase[] = [];
  const changed: Phase[] = [];
  const trusted: Phase[] = [];
  for (let i = 0; i < RUNS; i++) {
    trusted.push(scoreAll(overlay, sites, true));
    // Alternate so neither side benefits from running later.
    if (i % 2 === 0) { base.push(scoreAll(national, sites)); changed.push(scoreAll(overlay, sites)); }
    else { changed.push(scoreAll(overlay, sites)); base.push(scoreAll(national, sites)); }
  }
  const b = median(base.map((p) => p.ms));
  const c = median(changed.map((p) => p.ms));
  const ru = process.resourceUsage();
  const rows = [
    ['national-2019 (baseline)', b, Math.min(...base.map((p) => p.ms)), Math.max(...base.map((p) => p.peakHeap)), base[0].results],
    [`${OVERLAY} (after rule change)`, c, Math.min(...changed.map((p) => p.ms)), Math.max(...changed.map((p) => p.peakHeap)), changed[0].results],
    [`${OVERLAY}, findings pre-validated (options.trusted)`, median(trusted.map((p) => p.ms)), Math.min(...trusted.map((p) => p.ms)), Math.max(...trusted.map((p) => p.peakHeap)), trusted[0].results],
  ] as const;
  console.log(`sites=${SITES} findings/site=${PER_SITE} (total ${SITES * PER_SITE}) runs=${RUNS} node=${process.version}`);
  console.log(`generate input ${genMs} ms; load national-2019 ${loadNationalMs.toFixed(1)} ms; load ${OVERLAY} (rule change) ${loadOverlayMs.toFixed(1)} ms`);
  console.log('| rule set | median ms (all sites) | min ms | µs/site | peak heapUsed MB | results |');
  console.log('|---|---|---|---|---|---|');
  for (const [name, med, min, heap, res] of rows) console.log(`| ${name} | ${med.toFixed(0)} | ${min.toFixed(0)} | ${((med * 1000) / SITES).toFixed(0)} | ${mb(heap)} | ${res} |`);
  const minOf = (ps: Phase[]) => Math.min(...ps.map((p) => p.ms));
  console.log(`ratio overlay/baseline: median ${(c / b).toFixed(2)}, min ${(minOf(changed) / minOf(base)).toFixed(2)}; load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  console.log(`process maxRSS ${(ru.maxRSS / 1024).toFixed(1)} MB; rss now ${mb(process.memoryUsage().rss)} MB; user CPU ${(ru.userCPUTime / 1e6).toFixed(1)} s`);
}

/**
 * Service-level re-scoring (`--service`): the same sites and findings stored in PostgreSQL by the scoring service's
 * own ingestion code, then each rule change (the region switched to an overlay and back) re-scores the region's period
 * from the stored findings and writes a new card version per site — read, score, write, as the service does.
 */
async function service() {

  const db = await createTestDatabase('bench_scoring');
  const ds = new DataSource({ type: 'postgres', url: db.url, entities: MESSAGING_ENTITIES, migrations: [MessagingTables1732300000000, ...SCORING_MIGRATIONS], migrationsRun: true, synchronize: false, extra: { max: 4 } });
  try {
    await ds.initialize();
    const store = new RuleSetStore(ds, 'national-2019');
    await store.init();
    const rescorer = new Rescorer(store);
    let sites: ReturnType<typeof generate> | null = generate();
    const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const region = (i: number) => (i % 10 === 0 ? '421200' : `4212${String(21 + (i % 9)).padStart(2, '0')}`);

    // Seed: registrations and one findings event per site, through the consumer's code (validated as on consumption).
    let t = process.hrtime.bigint();
    for (let i = 0; i < SITES; i += 50) {
      const batch = sites.slice(i, i + 50);
      await ds.transaction(async (m) => {
        for (let j = i; j < i + batch.length; j++) {
          const { target, findings } = batch[j - i];
          const id = uuid(j);
          await recordSite(m, { siteId: id, name: `站点${j}`, url: `http://s${j}.example.gov.cn/`, siteCode: `4212${String(j).padStart(6, '0')}`, regionCode: region(j), kind: target.kind === 'portal' ? 'portal' : 'department', hostUnit: `单位${j}` });
          if (target.externalServices === false) await m.query(`UPDATE scoring_target SET external_services = false WHERE target_id = $1`, [id]);
          const parsed = findings.map((f) => findingSchema.parse({ ...f, id: `${id}-${f.id}`, targetId: id }));
          await ingestFindings(m, { targetId: id, targetKind: 'site', asOf: AS_OF, runId: `run-${j}`, findings: parsed });
        }
      });
    }
    const seedMs = Number(process.hrtime.bigint() - t) / 1e6;
    // From here on the generated input is gone: memory is what re-scoring from the database needs.
    sites = null;
    global.gc?.();
    const cause = { actor: 'bench', reason: 'rule change' };
    t = process.hrtime.bigint();
    const first = await rescorer.rescoreRegion(ds, '42%', '2022Q2', cause);
    const firstMs = Number(process.hrtime.bigint() - t) / 1e6;

    const phases: { rule: string; ms: number; peakHeap: number; created: number }[] = [];
    const order = [OVERLAY, 'national-2019'];
    for (let r = 0; r < RUNS; r++) {
      const rule = order[r % 2];
      await ds.query(`INSERT INTO region_rule_set (region_code, rule_set_id, set_by) VALUES ('420000', $1, 'bench') ON CONFLICT (region_code) DO UPDATE SET rule_set_id = EXCLUDED.rule_set_id`, [rule]);
      let peakHeap = process.memoryUsage().heapUsed;
      const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 10);
      const t0 = process.hrtime.bigint();
      const res = await rescorer.rescoreRegion(ds, '42%', '2022Q2', cause);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      clearInterval(sampler);
      phases.push({ rule, ms, peakHeap: Math.max(peakHeap, process.memoryUsage().heapUsed), created: res.created });
    }
    const [{ cards, findings, mb: dbMb }] = await ds.query(
      `SELECT (SELECT count(*) FROM score_card)::int AS cards, (SELECT count(*) FROM finding)::int AS findings, round(pg_database_size(current_database()) / 1048576.0, 1)::float AS mb`,
    );
    const ru = process.resourceUsage();
    const ms = phases.map((p) => p.ms);
    console.log(`service re-scoring: sites=${SITES} findings/site=${PER_SITE} (stored ${findings}) runs=${RUNS} node=${process.version}`);
    console.log(`seed (register + ingest ${findings} findings through the consumer code) ${seedMs.toFixed(0)} ms; first scoring (${first.created} cards) ${firstMs.toFixed(0)} ms`);
    console.log('| rule change | ms (read + score + write, all sites) | µs/site | new versions | peak heapUsed MB |');
    console.log('|---|---|---|---|---|');
    for (const p of phases) console.log(`| region → ${p.rule} | ${p.ms.toFixed(0)} | ${((p.ms * 1000) / SITES).toFixed(0)} | ${p.created} | ${mb(p.peakHeap)} |`);
    console.log(`median ${median(ms).toFixed(0)} ms, min ${Math.min(...ms).toFixed(0)} ms; cards stored ${cards}; database ${dbMb} MB; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log(`process maxRSS ${(ru.maxRSS / 1024).toFixed(1)} MB; rss now ${mb(process.memoryUsage().rss)} MB; user CPU ${(ru.userCPUTime / 1e6).toFixed(1)} s`);
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await db.drop();
  }
}

if (process.argv.includes('--service')) {
  service().catch((e) => {
    console.error(e);
    exitFlushed(1);
  });
} else {
  main();
}
