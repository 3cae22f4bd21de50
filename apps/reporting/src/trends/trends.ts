import { EntityManager } from 'typeorm';
import { ScoreCardPayload } from '../intake/card.types';
import { regionPrefix } from '../regions/region-directory';
import { Summary, regionRollup } from './rollup';

export interface KindCount {
  kind: string;
  count: number;
}

export interface TargetTrendPoint {
  periodKey: string;
  result: string;
  finalScore: number | null;
  findingsByKind: KindCount[];
  tasks: number;
  closed: number;
  averageDaysToFix: number | null;
}

export interface RegionTrendPoint {
  periodKey: string;
  summary: Summary;
  findingsByKind: KindCount[];
  averageDaysToFix: number | null;
}

/** Findings per kind on a card: veto and deduction lines by level2, counting each line's occurrences. */
export function findingsByKind(cards: ScoreCardPayload[]): KindCount[] {
  const counts = new Map<string, number>();
  for (const c of cards) {
    for (const v of c.vetoes) counts.set(v.level2, (counts.get(v.level2) ?? 0) + Math.max(1, v.evidence.length));
    for (const d of c.deductions) counts.set(d.level2, (counts.get(d.level2) ?? 0) + d.count);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([kind, count]) => ({ kind, count }));
}

const DAY = 86_400_000;
const avgDays = (rows: Array<{ opened_at: Date; closed_at: Date | null }>) => {
  const closed = rows.filter((r) => r.closed_at);
  if (!closed.length) return null;
  const total = closed.reduce((s, r) => s + (new Date(r.closed_at!).getTime() - new Date(r.opened_at).getTime()), 0);
  return Math.round((total / closed.length / DAY) * 10) / 10;
};

/** One target across periods: score, pass/fail, findings by kind, and how fast its problems were fixed. */
export async function targetTrend(m: EntityManager, targetId: string): Promise<TargetTrendPoint[]> {
  const cards: Array<{ period_key: string; payload: ScoreCardPayload }> = await m.query(
    `SELECT period_key, payload FROM score_card WHERE target_id = $1 ORDER BY period_key`,
    [targetId],
  );
  const out: TargetTrendPoint[] = [];
  for (const c of cards) {
    const tasks = await m.query(
      `SELECT t.opened_at, t.closed_at, t.state FROM rectification_task t JOIN inspection_round r ON r.id = t.round_id
        WHERE t.target_id = $1 AND r.period_key = $2`,
      [targetId, c.period_key],
    );
    out.push({
      periodKey: c.period_key,
      result: c.payload.result,
      finalScore: c.payload.finalScore,
      findingsByKind: findingsByKind([c.payload]),
      tasks: tasks.length,
      closed: tasks.filter((t: { state: string }) => t.state === 'closed').length,
      averageDaysToFix: avgDays(tasks),
    });
  }
  return out;
}

/** A region across the periods it has published rounds for, rolled up from the rounds inside it. */
export async function regionTrend(m: EntityManager, regionCode: string): Promise<RegionTrendPoint[]> {
  const periods: Array<{ period_key: string }> = await m.query(
    `SELECT DISTINCT period_key FROM inspection_round WHERE state = 'published' ORDER BY period_key`,
  );
  const out: RegionTrendPoint[] = [];
  for (const { period_key } of periods) {
    const { total, rounds } = await regionRollup(m, regionCode, period_key);
    if (!rounds.length) continue;
    const cards: Array<{ payload: ScoreCardPayload }> = await m.query(
      `SELECT payload FROM score_card WHERE period_key = $1 AND region_code LIKE $2`,
      [period_key, `${regionPrefix(regionCode)}%`],
    );
    const inRounds = new Set(rounds.flatMap((r) => r.targetIds));
    const tasks = await m.query(`SELECT opened_at, closed_at FROM rectification_task WHERE round_id = ANY($1) AND region_code LIKE $2`, [
      rounds.map((r) => r.id),
      `${regionPrefix(regionCode)}%`,
    ]);
    out.push({
      periodKey: period_key,
      summary: total,
      findingsByKind: findingsByKind(cards.map((c) => c.payload).filter((c) => c.targetKind === 'account' || inRounds.has(c.targetId))),
      averageDaysToFix: avgDays(tasks),
    });
  }
  return out;
}
