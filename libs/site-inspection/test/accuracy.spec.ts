// Accuracy of the site inspection against the simulated web's ground truth: per finding type precision and recall
// (≥ 0.95 each) and every veto decision of scoreTarget exact, on the demo city and on a generated 100-site farm.
// Writes the tables to .cache/reports/accuracy.md (ignored: tests never write tracked files); `npm run docs:accuracy`
// copies it to docs/. Matching rule: see accuracy-harness.ts.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FINDING_TYPES, FindingType } from '@govinspect/contracts';
import { loadRuleSet } from '@govinspect/rule-sets';
import { generateScenario, loadScenario, type GroundTruth } from '@govinspect/simweb';
import { RULE_PARAMS } from '../src';
import { AccuracyReport, inspectScenario, NOT_OURS, renderTable, score } from './accuracy-harness';
import { DEFECT_CATALOGUE } from './defect-catalogue';

jest.setTimeout(15 * 60_000);

const ROOT = path.resolve(__dirname, '../../..');
const ruleSet = loadRuleSet('national-2019');
const AS_OF = new Date('2024-06-28T10:00:00+08:00');
const sections: string[] = [];
/** Every finding type the inspection can emit. */
const EMITTED = ['homepage-not-updated', 'news-column-stale', 'notice-column-stale', 'policy-column-stale', 'interpretation-column-stale', 'message-board-stale',
  'service-stats-stale', 'column-stale', 'column-blank', 'broken-link', 'footer-label-missing', 'footer-label-malformed', 'meta-tag-missing', 'institution-info-missing',
  'leader-info-missing', 'survey-activity-held', 'survey-feedback-missing', 'forged-date', 'interpretation-link-missing', 'interpretation-missing', 'message-unanswered',
  'search-broken', 'privacy-leak', 'hidden-link', 'illegal-content', 'defacement', 'wording-error', 'outdated-institution-name', 'ipv6-unavailable', 'https-unavailable',
  'domain-nonconforming'];

function uncovered(truth: GroundTruth): string[] {
  const rows = new Map<string, { n: number; why: string }>();
  for (const f of truth.findings) {
    const why = f.target.kind === 'account' ? 'account finding (new-media inspection), not this library' : NOT_OURS.has(f.type) ? 'W-V2: libs/availability (scheduler probes), not this library' : null;
    if (!why) continue;
    const key = `${f.type}${f.target.kind === 'account' ? ' (accounts)' : ''}`;
    rows.set(key, { n: (rows.get(key)?.n ?? 0) + 1, why });
  }
  return [...rows].map(([t, r]) => `| ${t} | ${r.n} | not covered: ${r.why} |`);
}

/**
 * A miss the detector makes on purpose, stated with its exact count so the test still fails if it grows. Hidden
 * iframes with no spam signal (no anchor text, a host under no abused TLD) are not reported: real clean government
 * pages carry such iframes (share widgets, statistics), see docs/decisions.md "A hidden off-site link is a link farm
 * only with a spam signal". The defect catalogue renders 2 hidden-link defects as bare hidden iframes.
 */
interface KnownGap { type: string; misses: number; why: string }
const HIDDEN_IFRAME_GAP: KnownGap = { type: 'hidden-link', misses: 2, why: 'hidden iframes without a spam signal are not reported (by design)' };

function assertAccurate(report: AccuracyReport, gaps: KnownGap[] = []): void {
  for (const g of gaps) {
    const row = report.rows.find((r) => r.type === g.type);
    expect({ type: g.type, unmatchedTruth: row ? row.truth - row.matched : null, precision: row?.precision }).toEqual({ type: g.type, unmatchedTruth: g.misses, precision: 1 });
  }
  const bad = report.rows.filter((r) => {
    if (gaps.some((g) => g.type === r.type)) return false;
    const achievement = FINDING_TYPES[r.type as FindingType]?.polarity === 'achievement' && r.truth === 0;
    if (achievement) return false;
    return (r.precision !== null && r.precision < 0.95) || (r.recall !== null && r.recall < 0.95);
  });
  expect(bad).toEqual([]);
  expect(report.veto.mismatches).toEqual([]);
}

function section(title: string, command: string, report: AccuracyReport, truth: GroundTruth): string {
  const table = renderTable(report);
  const misses = [...report.misses, ...report.extras.filter((e) => FINDING_TYPES[e.type as FindingType]?.polarity !== 'achievement')];
  return [
    `## ${title}`, '', `Scenario: ${command}; monitoring time point ${truth.asOf}; ${report.sites} sites inspected in ${(report.ms / 1000).toFixed(0)} s ` +
      `(sites whose homepage did not answer: ${report.failedSites.join(', ') || 'none'}).`, '',
    table, '',
    `Veto decisions (scoreTarget on predicted vs ground-truth findings per site, W-V2 excluded): ${report.veto.exact}/${report.veto.sites} exact.`,
    `Known ground-truth gaps set aside: ${report.truthGaps} footer-label-missing predictions for labels the scenario never gave the site (no icpNumber/psbNumber).`, '',
    'Ground-truth types this library does not cover:', '',
    '| ground-truth type | findings | coverage |', '|---|---|---|', ...(uncovered(truth).length ? uncovered(truth) : ['| — | 0 | every ground-truth type of this scenario is covered |']), '',
    misses.length ? `Misses and extras:\n\n${misses.map((m) => `- ${m.type} ${m.siteId} ${m.url} — ${m.evidence}`).join('\n')}\n` : 'No misses, no extras.\n',
  ].join('\n');
}

describe('site inspection accuracy against the simulated web ground truth', () => {
  afterAll(() => {
    if (!sections.length) return;
    const exercised = new Set(sections.join('\n').match(/^\| ([a-z0-9-]+) \| [1-9]/gm)?.map((l) => l.split(' ')[1]) ?? []);
    const untested = EMITTED.filter((t) => !exercised.has(t));
    const params = Object.entries(RULE_PARAMS).map(([k, v]) => {
      const p = ruleSet.indicators.find((i) => i.id === v.indicator)?.params[v.name];
      return `- \`${k}\` = ${String(p?.value)} ${p?.unit ?? ''}${p?.verified ? '' : ' (verified: false)'}: ${p?.note ?? ''}`;
    }).join('\n');
    const doc = [
      '# Site inspection accuracy', '',
      // The real-page answer key leads (hand-written; the simulated tables below were written with the detectors).
      readFileSync(path.join(ROOT, 'docs/accuracy-real-pages.md'), 'utf8').trim(), '',
      '## Simulated web', '',
      `Command: \`npm run docs:accuracy\` (runs \`npx jest -c libs/site-inspection/jest.config.js accuracy\`) — run ${new Date().toISOString().slice(0, 10)}, rule set ${ruleSet.id} ${ruleSet.version}.`, '',
      'Matching rule: a prediction matches a ground-truth finding of the same site and type at the same location URL whose',
      'natural key agrees (broken-link / hidden-link / wording-error: evidence; footer-label-*: label; meta-tag-missing,',
      'institution-info-missing, leader-info-missing: element; interpretation-link-missing: direction; defacement: variant;',
      'otherwise the URL alone). One-to-one, greedy. Precision = matched / predicted, recall = matched / ground truth.', '',
      ...sections, '',
      '## W-V2 (站点无法访问)', '',
      'Availability is decided by the probe scheduler, not by this library: see [accuracy-availability.md](accuracy-availability.md) (written by `apps/crawl/test/availability-accuracy.spec.ts`, refreshed by `npm run docs:accuracy`).', '',
      '## Checks without a ground-truth case', '',
      `Emitted by the inspection but not exercised by any scenario above (precision/recall unmeasured): ${untested.map((t) => `\`${t}\``).join(', ') || 'none'}.`,
      'survey-activity-held is an achievement (W-B-SURVEY bonus) the ground truth does not list; its precision is not measured.',
      'Accessibility (axe-core, rendering on) becomes one `accessibility-violation` finding per failed axe rule, and `message-dates-missing` reports published messages without 留言时间/答复时间; no scenario has a ground-truth case for either (tests: inspect-site.spec.ts, units.spec.ts).', '',
      '## Rule-set numbers the checks read', '', 'Indicator params of `libs/rule-sets/rule-sets/national-2019/1.0.0.yaml`, read by `ruleParam()` in `libs/site-inspection/src/rules.ts` (a missing one is a RuleSetError; there are no defaults in code):', '', params, '',
    ].join('\n');
    mkdirSync(path.join(ROOT, '.cache/reports'), { recursive: true });
    writeFileSync(path.join(ROOT, '.cache/reports/accuracy.md'), doc);
  });

  it('demo city (libs/simweb/scenarios/demo-city.yaml)', async () => {
    const sc = loadScenario(path.join(ROOT, 'libs/simweb/scenarios/demo-city.yaml'));
    const run = await inspectScenario(sc, ruleSet, { concurrency: 6 });
    const report = score(run.runs, run.truth, ruleSet, run.asOf, run.labelsFiled, run.ms);
    console.log(`demo city\n${renderTable(report)}\nveto exact ${report.veto.exact}/${report.veto.sites}`);
    sections.push(section('Demo city', '`libs/simweb/scenarios/demo-city.yaml`', report, run.truth));
    assertAccurate(report);
    expect(report.sites).toBe(sc.sites.length);
  });

  it('defect catalogue (test/defect-catalogue.ts: every other defect kind and trap)', async () => {
    const sc = loadScenario(DEFECT_CATALOGUE);
    const run = await inspectScenario(sc, ruleSet, { concurrency: 6 });
    const report = score(run.runs, run.truth, ruleSet, run.asOf, run.labelsFiled, run.ms);
    console.log(`defect catalogue\n${renderTable(report)}\nveto exact ${report.veto.exact}/${report.veto.sites}`);
    sections.push(section('Defect catalogue', '`libs/site-inspection/test/defect-catalogue.ts` (14 sites, one or more defects each)', report, run.truth));
    sections.push(`Known gap, asserted exactly: ${HIDDEN_IFRAME_GAP.type} misses ${HIDDEN_IFRAME_GAP.misses} (${HIDDEN_IFRAME_GAP.why}).`, '');
    assertAccurate(report, [HIDDEN_IFRAME_GAP]);
  });

  it('generated farm of 100 sites (seed 7, ~120 pages per site)', async () => {
    const sc = generateScenario({ seed: 7, sites: 100, pagesPerSite: 120, asOf: AS_OF });
    const run = await inspectScenario(sc, ruleSet, { concurrency: 8 });
    const report = score(run.runs, run.truth, ruleSet, run.asOf, run.labelsFiled, run.ms);
    console.log(`generated 100 sites\n${renderTable(report)}\nveto exact ${report.veto.exact}/${report.veto.sites}`);
    sections.push(section('Generated farm', '`generateScenario({ seed: 7, sites: 100, pagesPerSite: 120, asOf: 2024-06-28T10:00:00+08:00 })`', report, run.truth));
    assertAccurate(report);
    expect(report.sites).toBe(100);
  });
});
