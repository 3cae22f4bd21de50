// Accuracy harness: inspect every site of a simulated web and match the predictions against its ground truth.
//
// Matching rule (one-to-one, greedy): a predicted finding matches a ground-truth finding of the same site and type at
// the same location URL whose natural key agrees — broken-link and hidden-link: the href (evidence); footer-label-*:
// label; meta-tag-missing, institution-info-missing, leader-info-missing: element; interpretation-link-missing:
// direction; defacement: variant; wording-error: the wrong phrase; every other type: the URL alone (one problem per
// page; privacy evidence is masked on our side, so it cannot be compared).
import { Finding, FINDING_TYPES, FindingType, findingSchema } from '@govinspect/contracts';
import type { RuleSet } from '@govinspect/rule-sets';
import { scoreTarget } from '@govinspect/scoring-engine';
import { startSimweb, type GroundTruth, type ScenarioModel } from '@govinspect/simweb';
import { Fetcher } from '@govinspect/web-fetch';
import { inspectSite, type InspectSiteResult } from '../src';

type TruthFinding = GroundTruth['findings'][number];

/** Not inspected by this library: W-V2 belongs to libs/availability; account findings to the new-media inspection. */
export const NOT_OURS = new Set(['site-unavailable']);

export function naturalKey(type: string, attrs: Record<string, unknown>, evidence: string): string {
  switch (type) {
    case 'broken-link':
    case 'hidden-link':
    case 'wording-error':
      return evidence;
    case 'footer-label-missing':
    case 'footer-label-malformed':
      return String(attrs.label);
    case 'meta-tag-missing':
    case 'institution-info-missing':
    case 'leader-info-missing':
      return String(attrs.element);
    case 'interpretation-link-missing':
      return String(attrs.direction);
    case 'defacement':
      return String(attrs.variant);
    default:
      return '';
  }
}

export interface SiteRun {
  siteId: string;
  kind: 'portal' | 'department';
  result: InspectSiteResult;
  ms: number;
}

export interface TypeRow {
  type: string;
  truth: number;
  predicted: number;
  matched: number;
  precision: number | null;
  recall: number | null;
}

export interface AccuracyReport {
  rows: TypeRow[];
  misses: { type: string; siteId: string; url: string; evidence: string }[];
  extras: { type: string; siteId: string; url: string; evidence: string }[];
  veto: { sites: number; exact: number; mismatches: { siteId: string; predicted: string[]; truth: string[] }[] };
  sites: number;
  failedSites: string[];
  ms: number;
  /** Predictions set aside as known ground-truth gaps (see truthGap). */
  truthGaps: number;
}

async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (i < items.length) await fn(items[i++]);
  }));
}

export async function inspectScenario(scenario: ScenarioModel, ruleSet: RuleSet, opts: { concurrency?: number; pageBudget?: number } = {}) {
  const web = await startSimweb({ scenario });
  // per-host delay 0 in tests; short retry back-off (flaky simulated sites answer on the next attempt)
  const fetcher = new Fetcher({
    policy: { mode: 'loopback', resolveMap: web.resolveMap }, caCertPem: web.caCertPem ?? undefined,
    perHostDelayMs: 0, perHostConcurrency: 4, globalConcurrency: 32, retries: 2, retryBaseMs: 20,
  });
  const asOf = scenario.asOf.toISOString();
  const registry = { registeredHosts: scenario.sites.map((s) => s.host), closedHosts: [] as string[] };
  const runs: SiteRun[] = [];
  const started = performance.now();
  try {
    await pool(scenario.sites, opts.concurrency ?? 6, async (s) => {
      const t = performance.now();
      const result = await inspectSite({
        runId: `accuracy-${scenario.name}`, asOf, ruleSet, fetcher, registry,
        site: { id: s.id, name: s.name, url: web.urlOf(s.id), siteCode: s.siteCode, kind: s.kind, regionCode: s.regionCode },
        crawl: { pageBudget: opts.pageBudget ?? 500 },
      });
      runs.push({ siteId: s.id, kind: s.kind, result, ms: performance.now() - t });
    });
  } finally {
    await fetcher.close();
    await web.close();
  }
  const labelsFiled = new Map(scenario.sites.map((s) => [s.id, { icp: !!s.icpNumber, psb: !!s.psbNumber }]));
  return { runs, truth: web.groundTruth, asOf, labelsFiled, ms: performance.now() - started };
}

function truthAsFinding(t: TruthFinding, asOf: string): Finding | null {
  if (t.target.kind !== 'site' || !(t.type in FINDING_TYPES)) return null;
  return findingSchema.parse({
    id: t.id, type: t.type, targetId: t.target.siteId, targetKind: 'site', asOf,
    location: { url: t.location.url, ...(t.location.breadcrumb ? { breadcrumb: t.location.breadcrumb } : {}) },
    evidence: { text: t.evidence }, attributes: t.attributes, source: 'machine',
  });
}

function vetoesOf(ruleSet: RuleSet, siteId: string, kind: 'portal' | 'department', findings: Finding[], asOf: string): string[] {
  const from = new Date(Date.parse(asOf) - 90 * 86_400_000).toISOString();
  const card = scoreTarget({ ruleSet, target: { id: siteId, kind }, findings, period: { from, to: asOf }, asOf });
  return card.vetoes.map((v) => v.indicatorId).filter((id) => id !== 'W-V2').sort();
}

/**
 * Known ground-truth gap (reported to the simweb owner): a site whose scenario has no icpNumber / psbNumber serves no
 * such footer label, yet the ground truth lists footer-label-missing only for the `footer-label-missing` defect. The
 * inspection reports the absent label (it is absent); the harness sets those predictions aside and counts them.
 */
export function truthGap(f: Finding, labelsFiled: Map<string, { icp: boolean; psb: boolean }>): boolean {
  if (f.type !== 'footer-label-missing') return false;
  const filed = labelsFiled.get(f.targetId);
  return !!filed && ((f.attributes.label === 'psb' && !filed.psb) || (f.attributes.label === 'icp' && !filed.icp));
}

export function score(runs: SiteRun[], truth: GroundTruth, ruleSet: RuleSet, asOf: string, labelsFiled: Map<string, { icp: boolean; psb: boolean }>, ms = 0): AccuracyReport {
  const siteTruth = truth.findings.filter((f) => f.target.kind === 'site' && !NOT_OURS.has(f.type));
  const ran = new Set(runs.map((r) => r.siteId));
  const predicted = runs.flatMap((r) => r.result.findings).filter((f) => !truthGap(f, labelsFiled));
  const types = new Set<string>([...siteTruth.map((f) => f.type), ...predicted.map((f) => f.type)]);
  const rows: TypeRow[] = [];
  const misses: AccuracyReport['misses'] = [];
  const extras: AccuracyReport['extras'] = [];
  for (const type of [...types].sort()) {
    const tr = siteTruth.filter((f) => f.type === type && ran.has((f.target as { siteId: string }).siteId));
    const pr = predicted.filter((f) => f.type === type);
    const used = new Set<number>();
    let matched = 0;
    for (const t of tr) {
      const siteId = (t.target as { siteId: string }).siteId;
      const key = naturalKey(type, t.attributes, t.evidence);
      const i = pr.findIndex((p, n) => !used.has(n) && p.targetId === siteId && p.location.url === t.location.url && naturalKey(type, p.attributes, p.evidence.text) === key);
      if (i >= 0) {
        used.add(i);
        matched++;
      } else misses.push({ type, siteId, url: t.location.url, evidence: t.evidence });
    }
    if (FINDING_TYPES[type as FindingType]?.polarity !== 'achievement' || tr.length) pr.forEach((p, n) => used.has(n) || extras.push({ type, siteId: p.targetId, url: p.location.url, evidence: p.evidence.text }));
    // an achievement the ground truth does not list has no measurable precision
    const unmeasured = !tr.length && FINDING_TYPES[type as FindingType]?.polarity === 'achievement';
    rows.push({ type, truth: tr.length, predicted: pr.length, matched, precision: pr.length && !unmeasured ? matched / pr.length : null, recall: tr.length ? matched / tr.length : null });
  }
  const mismatches: AccuracyReport['veto']['mismatches'] = [];
  for (const r of runs) {
    const t = siteTruth.filter((f) => (f.target as { siteId: string }).siteId === r.siteId).map((f) => truthAsFinding(f, asOf)).filter((f): f is Finding => !!f);
    const a = vetoesOf(ruleSet, r.siteId, r.kind, r.result.findings.filter((f) => !truthGap(f, labelsFiled)), asOf);
    const b = vetoesOf(ruleSet, r.siteId, r.kind, t, asOf);
    if (a.join() !== b.join()) mismatches.push({ siteId: r.siteId, predicted: a, truth: b });
  }
  return {
    rows, misses, extras, veto: { sites: runs.length, exact: runs.length - mismatches.length, mismatches }, sites: runs.length,
    failedSites: runs.filter((r) => r.result.status === 'failed').map((r) => r.siteId), ms,
    truthGaps: runs.flatMap((r) => r.result.findings).filter((f) => truthGap(f, labelsFiled)).length,
  };
}

const pct = (v: number | null) => (v === null ? '—' : (v * 100).toFixed(1) + '%');

export function renderTable(report: AccuracyReport): string {
  const lines = ['| finding type | ground truth | predicted | matched | precision | recall | note |', '|---|---|---|---|---|---|---|'];
  for (const r of report.rows) {
    const info = FINDING_TYPES[r.type as FindingType];
    const note = r.truth === 0 && info?.polarity === 'achievement' ? 'achievement; not in the ground truth' : r.truth === 0 && r.predicted === 0 ? 'no case in this scenario' : '';
    lines.push(`| ${r.type} | ${r.truth} | ${r.predicted} | ${r.matched} | ${pct(r.precision)} | ${pct(r.recall)} | ${note} |`);
  }
  return lines.join('\n');
}
