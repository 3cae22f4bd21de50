import { regionWithin } from '@govinspect/contracts';
import { EntityManager } from 'typeorm';
import { roundCards } from '../bulletin/bulletin-loader';
import { isFailed } from '../intake/card.types';
import { regionPrefix } from '../regions/region-directory';
import { ROUND_COLUMNS, RoundRecord, toRound } from '../rounds/round.record';

export interface Summary {
  regionCode: string;
  sitesChecked: number;
  sitesPassed: number;
  sitesFailed: number;
  sitePassRate: number | null;
  averageScore: number | null;
  accountsChecked: number;
  accountsFailed: number;
  rectificationTasks: number;
  /** Σ scores of scored sites, kept so sums of summaries give exact averages. */
  scoreSum: number;
  scored: number;
}

const finish = (s: Omit<Summary, 'sitePassRate' | 'averageScore'>): Summary => ({
  ...s,
  sitePassRate: s.sitesChecked ? s.sitesPassed / s.sitesChecked : null,
  averageScore: s.scored ? Math.round((s.scoreSum / s.scored) * 10) / 10 : null,
});

/** A round's results restricted to `regionCode` (itself or a region inside it): how a city sees a province's round. */
export async function roundSummary(m: EntityManager, round: RoundRecord, regionCode = round.regionCode): Promise<Summary> {
  const cards = (await roundCards(m, round)).filter((c) => regionWithin(c.regionCode, regionCode));
  const sites = cards.filter((c) => c.targetKind === 'site');
  const accounts = cards.filter((c) => c.targetKind === 'account');
  const scored = sites.filter((c) => c.finalScore !== null && c.result !== 'failed-veto');
  const [tasks] = await m.query(`SELECT count(*)::int AS n FROM rectification_task WHERE round_id = $1 AND region_code LIKE $2`, [
    round.id,
    `${regionPrefix(regionCode)}%`,
  ]);
  return finish({
    regionCode,
    sitesChecked: sites.length,
    sitesPassed: sites.filter((c) => !isFailed(c.result)).length,
    sitesFailed: sites.filter((c) => isFailed(c.result)).length,
    accountsChecked: accounts.length,
    accountsFailed: accounts.filter((c) => isFailed(c.result)).length,
    rectificationTasks: tasks.n,
    scoreSum: scored.reduce((s, c) => s + c.finalScore!, 0),
    scored: scored.length,
  });
}

/** Sum of summaries (county → city → province). */
export function sumSummaries(regionCode: string, parts: Summary[]): Summary {
  const add = (k: keyof Summary) => parts.reduce((s, p) => s + (p[k] as number), 0);
  return finish({
    regionCode,
    sitesChecked: add('sitesChecked'),
    sitesPassed: add('sitesPassed'),
    sitesFailed: add('sitesFailed'),
    accountsChecked: add('accountsChecked'),
    accountsFailed: add('accountsFailed'),
    rectificationTasks: add('rectificationTasks'),
    scoreSum: add('scoreSum'),
    scored: add('scored'),
  });
}

/**
 * The published rounds of a period that make up a region's view: the outermost rounds inside the region (a city
 * round counts once, not again through its counties' rounds), or — when none — a round from above that covers it.
 */
export async function roundsForView(m: EntityManager, regionCode: string, periodKey: string): Promise<{ rounds: RoundRecord[]; fromAbove: boolean }> {
  const rows = await m.query(`SELECT ${ROUND_COLUMNS} FROM inspection_round WHERE state = 'published' AND period_key = $1 ORDER BY published_at`, [periodKey]);
  const all: RoundRecord[] = rows.map(toRound);
  const inside = all.filter((r) => regionWithin(r.regionCode, regionCode));
  const outermost = inside.filter((r) => !inside.some((o) => o !== r && o.regionCode !== r.regionCode && regionWithin(r.regionCode, o.regionCode)));
  // Two rounds of the same region in a period: the later one stands.
  const byRegion = new Map<string, RoundRecord>();
  for (const r of outermost) byRegion.set(r.regionCode, r);
  if (byRegion.size) return { rounds: [...byRegion.values()], fromAbove: false };
  const above = all.filter((r) => r.includeSubRegions && regionWithin(regionCode, r.regionCode));
  return { rounds: above.slice(-1), fromAbove: true };
}

/** A region's results for a period, rolled up from the rounds that cover it. */
export async function regionRollup(m: EntityManager, regionCode: string, periodKey: string): Promise<{ total: Summary; parts: Summary[]; rounds: RoundRecord[] }> {
  const { rounds, fromAbove } = await roundsForView(m, regionCode, periodKey);
  const parts = await Promise.all(rounds.map((r) => roundSummary(m, r, fromAbove ? regionCode : r.regionCode)));
  return { total: sumSummaries(regionCode, parts), parts, rounds };
}
