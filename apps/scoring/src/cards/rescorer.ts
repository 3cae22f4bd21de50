import { RuleSet } from '@govinspect/rule-sets';
import { ScoreCard, scoreTarget, ScoreTarget } from '@govinspect/scoring-engine';
import { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from '../audit';
import { canonicalJson } from '../canonical-json';
import { FINDING_COLUMNS, FindingRow, freshnessTypes, toEngineFinding } from '../findings/finding-row';
import { RuleSetStore } from '../rule-sets/rule-set-store';
import { CARD_COLUMNS, cardIdOf, CardRow } from './card-row';
import { PeriodRow, TargetRow } from './targets';

export interface RescoreCause {
  /** Who caused the re-score (an inspector's id, or `crawl` / `system`). */
  actor: string;
  /** Why: recorded on a new version as its change reason. */
  reason: string;
}

export type RescoreOutcome =
  | { status: 'created' | 'updated' | 'unchanged'; cardId: string; version: number }
  | { status: 'waiting'; why: 'target-not-registered' | 'period-unknown' | 'no-findings' };

interface Context {
  target: TargetRow;
  period: PeriodRow;
  asOf: string;
  inspectionId: string | null;
  ruleSet: RuleSet;
  findings: FindingRow[];
  latest: CardRow | null;
}

/** Serialises work on one card across transactions and service instances. */
export async function lockCards(m: EntityManager, keys: { targetId: string; periodKey: string }[]): Promise<void> {
  const sorted = [...new Set(keys.map((k) => `${k.targetId}\u001f${k.periodKey}`))].sort();
  if (sorted.length) await m.query(`SELECT pg_advisory_xact_lock(hashtextextended(k, 7305)) FROM unnest($1::text[]) AS k ORDER BY k`, [sorted]);
}

/**
 * Computes score cards from stored findings and keeps their versions: a card that is not published yet is updated in
 * place; a change to a published card, or a different rule set, makes a new draft version (the old one keeps the rule
 * set it was scored with).
 */
export class Rescorer {
  constructor(
    private readonly ruleSets: RuleSetStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Re-score some targets of one period, in the caller's transaction. */
  async rescore(m: EntityManager, targetIds: string[], periodKey: string, cause: RescoreCause, opts: { ruleSet?: RuleSet } = {}): Promise<Map<string, RescoreOutcome>> {
    const out = new Map<string, RescoreOutcome>();
    if (!targetIds.length) return out;
    await lockCards(m, targetIds.map((targetId) => ({ targetId, periodKey })));
    const contexts = await this.load(m, targetIds, periodKey, opts.ruleSet);
    for (const id of targetIds) {
      const ctx = contexts.get(id);
      if (!ctx || 'status' in ctx) {
        out.set(id, ctx ?? { status: 'waiting', why: 'target-not-registered' });
        continue;
      }
      out.set(id, await this.persist(m, ctx, this.compute(ctx), cause));
    }
    return out;
  }

  /** Re-score every target of a region (and its sub-regions) that has findings or a card in the period. */
  async rescoreRegion(ds: DataSource, regionPattern: string, periodKey: string, cause: RescoreCause, chunk = 200): Promise<{ targets: number; created: number; updated: number; unchanged: number; waiting: number }> {
    const rows: { target_id: string }[] = await ds.query(
      `SELECT t.target_id FROM scoring_target t
        WHERE t.region_code LIKE $1
          AND (EXISTS (SELECT 1 FROM finding f WHERE f.target_id = t.target_id AND f.period_key = $2)
               OR EXISTS (SELECT 1 FROM score_card c WHERE c.target_id = t.target_id AND c.period_key = $2))
        ORDER BY t.target_id`,
      [regionPattern, periodKey],
    );
    const tally = { targets: rows.length, created: 0, updated: 0, unchanged: 0, waiting: 0 };
    for (let i = 0; i < rows.length; i += chunk) {
      const ids = rows.slice(i, i + chunk).map((r) => r.target_id);
      const res = await ds.transaction((m) => this.rescore(m, ids, periodKey, cause));
      for (const r of res.values()) tally[r.status === 'waiting' ? 'waiting' : r.status]++;
    }
    return tally;
  }

  private compute(ctx: Context): ScoreCard {
    const t = ctx.target;
    const target: ScoreTarget =
      t.target_kind === 'account'
        ? { id: t.target_id, kind: 'account' }
        : { id: t.target_id, kind: t.site_kind!, ...(t.site_kind === 'department' ? { externalServices: t.external_services } : {}) };
    const fresh = freshnessTypes(ctx.ruleSet);
    return scoreTarget({
      ruleSet: ctx.ruleSet,
      target,
      findings: ctx.findings.map((f) => toEngineFinding(f, ctx.ruleSet, fresh)),
      period: { from: ctx.period.from_at.toISOString(), to: ctx.period.to_at.toISOString() },
      asOf: ctx.asOf,
      // Validated against findingSchema when they were stored (event consumption, manual entry).
      options: { trusted: true },
    });
  }

  private async load(m: EntityManager, ids: string[], periodKey: string, forced?: RuleSet): Promise<Map<string, Context | RescoreOutcome>> {
    const out = new Map<string, Context | RescoreOutcome>();
    const [period]: PeriodRow[] = await m.query(`SELECT period_key, kind, from_at, to_at FROM scoring_period WHERE period_key = $1`, [periodKey]);
    if (!period) {
      for (const id of ids) out.set(id, { status: 'waiting', why: 'period-unknown' });
      return out;
    }
    const targets: TargetRow[] = await m.query(`SELECT * FROM scoring_target WHERE target_id = ANY($1)`, [ids]);
    const findings: FindingRow[] = await m.query(`SELECT ${FINDING_COLUMNS} FROM finding WHERE target_id = ANY($1) AND period_key = $2`, [ids, periodKey]);
    const runs: { target_id: string; as_of: Date; inspection_id: string | null }[] = await m.query(
      `SELECT DISTINCT ON (target_id) target_id, as_of, inspection_id FROM finding_run
        WHERE target_id = ANY($1) AND period_key = $2 AND NOT superseded ORDER BY target_id, as_of DESC, received_at DESC`,
      [ids, periodKey],
    );
    const latest: CardRow[] = await m.query(
      `SELECT DISTINCT ON (target_id) ${CARD_COLUMNS} FROM score_card WHERE target_id = ANY($1) AND period_key = $2 ORDER BY target_id, version DESC`,
      [ids, periodKey],
    );
    const inspIds = [...new Set(runs.map((r) => r.inspection_id).filter((x): x is string => !!x))];
    const inspections: { inspection_id: string; as_of: Date; rule_set_id: string; rule_set_version: string | null }[] = inspIds.length
      ? await m.query(`SELECT inspection_id, as_of, rule_set_id, rule_set_version FROM inspection WHERE inspection_id = ANY($1)`, [inspIds])
      : [];
    const byTarget = new Map<string, FindingRow[]>();
    for (const f of findings) (byTarget.get(f.target_id) ?? byTarget.set(f.target_id, []).get(f.target_id)!).push(f);
    const runOf = new Map(runs.map((r) => [r.target_id, r]));
    const latestOf = new Map(latest.map((c) => [c.target_id, c]));
    const inspOf = new Map(inspections.map((i) => [i.inspection_id, i]));
    const regionRuleSet = new Map<string, RuleSet>();

    for (const t of targets) {
      if (t.target_kind === 'site' && !t.site_kind) {
        out.set(t.target_id, { status: 'waiting', why: 'target-not-registered' });
        continue;
      }
      const fs = byTarget.get(t.target_id) ?? [];
      const run = runOf.get(t.target_id);
      const prev = latestOf.get(t.target_id) ?? null;
      if (!run && !fs.length && !prev) {
        out.set(t.target_id, { status: 'waiting', why: 'no-findings' });
        continue;
      }
      const insp = run?.inspection_id ? inspOf.get(run.inspection_id) : undefined;
      // 监测时间点: the inspection's, else the newest run's, else (manual findings only) the newest finding's.
      const asOfMs = insp?.as_of.getTime() ?? run?.as_of.getTime() ?? (fs.length ? Math.max(...fs.map((f) => f.as_of.getTime())) : prev!.as_of.getTime());
      let ruleSet = forced;
      if (!ruleSet && insp) ruleSet = await this.ruleSets.load(insp.rule_set_id, insp.rule_set_version);
      if (!ruleSet) {
        const id = await this.ruleSets.ruleSetIdForRegion(t.region_code, m);
        ruleSet = regionRuleSet.get(id) ?? (await this.ruleSets.load(id));
        regionRuleSet.set(id, ruleSet);
      }
      out.set(t.target_id, { target: t, period, asOf: new Date(asOfMs).toISOString(), inspectionId: insp?.inspection_id ?? run?.inspection_id ?? null, ruleSet, findings: fs, latest: prev });
    }
    return out;
  }

  private async persist(m: EntityManager, ctx: Context, card: ScoreCard, cause: RescoreCause): Promise<RescoreOutcome> {
    const prev = ctx.latest;
    const rs = ctx.ruleSet;
    const values = {
      as_of: ctx.asOf,
      inspection_id: ctx.inspectionId,
      target_class: card.targetClass,
      result: card.result,
      final_score: card.finalScore,
      card: JSON.stringify(card),
    };
    const now = this.now();
    if (prev) {
      const sameRuleSet = prev.rule_set_id === rs.id && prev.rule_set_version === rs.version;
      if (sameRuleSet && canonicalJson(prev.card) === canonicalJson(card)) return { status: 'unchanged', cardId: prev.card_id, version: prev.version };
      if (sameRuleSet && prev.state !== 'published') {
        await m.query(
          `UPDATE score_card SET as_of = $3, inspection_id = $4, target_class = $5, result = $6, final_score = $7, card = $8, updated_at = $9
            WHERE card_id = $1 AND version = $2`,
          [prev.card_id, prev.version, values.as_of, values.inspection_id, values.target_class, values.result, values.final_score, values.card, now],
        );
        return { status: 'updated', cardId: prev.card_id, version: prev.version };
      }
      if (prev.state !== 'published') await m.query(`UPDATE score_card SET state = 'superseded', updated_at = $3 WHERE card_id = $1 AND version = $2`, [prev.card_id, prev.version, now]);
    }
    const cardId = prev?.card_id ?? cardIdOf(ctx.target.target_id, ctx.period.period_key);
    const version = (prev?.version ?? 0) + 1;
    await m.query(
      `INSERT INTO score_card (card_id, version, target_id, period_key, state, rule_set_id, rule_set_version, as_of, inspection_id, target_class,
                               result, final_score, card, created_at, created_by, change_reason, updated_at)
       VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $13)`,
      [cardId, version, ctx.target.target_id, ctx.period.period_key, rs.id, rs.version, values.as_of, values.inspection_id, values.target_class, values.result, values.final_score, values.card, now, cause.actor, prev ? cause.reason : null],
    );
    if (prev)
      await appendAudit(m, {
        actor: cause.actor,
        action: 'card-version-created',
        targetId: ctx.target.target_id,
        periodKey: ctx.period.period_key,
        cardId,
        cardVersion: version,
        reason: cause.reason,
        details: { previousVersion: prev.version, previousState: prev.state, ruleSet: `${rs.id}@${rs.version}`, previousRuleSet: `${prev.rule_set_id}@${prev.rule_set_version}` },
      });
    return { status: 'created', cardId, version };
  }
}
