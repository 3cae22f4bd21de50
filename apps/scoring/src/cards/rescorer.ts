import { Logger } from '@nestjs/common';
import { RuleSet, RuleSetError } from '@govinspect/rule-sets';
import { ScoreCard, scoreTarget, ScoreTarget } from '@govinspect/scoring-engine';
import { DataSource, EntityManager } from 'typeorm';
import { appendAuditMany, AuditEntry } from '../audit';
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
  | { status: 'waiting'; why: 'target-not-registered' | 'period-unknown' | 'no-findings' | 'rule-set-unknown' };

type Write =
  | { kind: 'unchanged'; cardId: string; version: number }
  | { kind: 'update'; cardId: string; version: number; values: Record<string, unknown> }
  | { kind: 'insert'; supersede: { card_id: string; version: number } | null; row: { card_id: string; version: number } & Record<string, unknown>; audit: AuditEntry | null };

interface Context {
  target: TargetRow;
  period: PeriodRow;
  asOf: string;
  inspectionId: string | null;
  ruleSet: RuleSet;
  findings: FindingRow[];
  latest: CardRow | null;
}

/** What a card states, without the bookkeeping of which findings were left out or unused. */
const material = (c: ScoreCard) => ({ ...c, findings: { counted: c.findings.counted } });

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
  private readonly logger = new Logger('Rescorer');

  constructor(
    private readonly ruleSets: RuleSetStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Re-score some targets of one period, in the caller's transaction. */
  async rescore(m: EntityManager, targetIds: string[], periodKey: string, cause: RescoreCause): Promise<Map<string, RescoreOutcome>> {
    const out = new Map<string, RescoreOutcome>();
    if (!targetIds.length) return out;
    await lockCards(m, targetIds.map((targetId) => ({ targetId, periodKey })));
    const contexts = await this.load(m, targetIds, periodKey);
    const now = this.now();
    const writes: Write[] = [];
    for (const id of targetIds) {
      const ctx = contexts.get(id);
      if (!ctx || 'status' in ctx) {
        out.set(id, ctx ?? { status: 'waiting', why: 'target-not-registered' });
        continue;
      }
      const w = this.plan(ctx, this.compute(ctx), cause, now);
      writes.push(w);
      const status = w.kind === 'insert' ? 'created' : w.kind === 'update' ? 'updated' : 'unchanged';
      out.set(id, { status, cardId: w.kind === 'insert' ? w.row.card_id : w.cardId, version: w.kind === 'insert' ? w.row.version : w.version });
    }
    await this.write(m, writes, now);
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

  private async load(m: EntityManager, ids: string[], periodKey: string): Promise<Map<string, Context | RescoreOutcome>> {
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
        WHERE target_id = ANY($1) AND period_key = $2 AND NOT superseded
        ORDER BY target_id, (inspection_id IS NOT NULL) DESC, as_of DESC, received_at DESC`,
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
    const regionIds = new Map<string, string>();

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
      // 监测时间点: the inspection's (an inspection run outranks monitoring runs), else the newest run's, else (manual
      // findings only) the newest finding's.
      const asOfMs = insp?.as_of.getTime() ?? run?.as_of.getTime() ?? (fs.length ? Math.max(...fs.map((f) => f.as_of.getTime())) : prev!.as_of.getTime());
      let ruleSet: RuleSet | undefined;
      try {
        if (!ruleSet && insp) {
          const key = `${insp.rule_set_id}@${insp.rule_set_version ?? ''}`;
          ruleSet = regionRuleSet.get(key) ?? (await this.ruleSets.load(insp.rule_set_id, insp.rule_set_version));
          regionRuleSet.set(key, ruleSet);
        }
        if (!ruleSet) {
          const region = t.region_code ?? '';
          const id = regionIds.get(region) ?? (await this.ruleSets.ruleSetIdForRegion(t.region_code, m));
          regionIds.set(region, id);
          ruleSet = regionRuleSet.get(id) ?? (await this.ruleSets.load(id));
          regionRuleSet.set(id, ruleSet);
        }
      } catch (e) {
        // An inspection may name a version nobody uploaded yet: keep the findings, score once it exists (rescoreRegion).
        if (!(e instanceof RuleSetError)) throw e;
        this.logger.warn(`${t.target_id}/${periodKey} not scored: ${e.message}`);
        out.set(t.target_id, { status: 'waiting', why: 'rule-set-unknown' });
        continue;
      }
      out.set(t.target_id, { target: t, period, asOf: new Date(asOfMs).toISOString(), inspectionId: insp?.inspection_id ?? run?.inspection_id ?? null, ruleSet, findings: fs, latest: prev });
    }
    return out;
  }

  /** Decide what a freshly computed card means for the stored versions (nothing is written here). */
  private plan(ctx: Context, card: ScoreCard, cause: RescoreCause, now: Date): Write {
    const prev = ctx.latest;
    const rs = ctx.ruleSet;
    const values = { as_of: ctx.asOf, inspection_id: ctx.inspectionId, target_class: card.targetClass, result: card.result, final_score: card.finalScore, card };
    if (prev) {
      const sameRuleSet = prev.rule_set_id === rs.id && prev.rule_set_version === rs.version;
      if (sameRuleSet && canonicalJson(prev.card) === canonicalJson(card)) return { kind: 'unchanged', cardId: prev.card_id, version: prev.version };
      // A published version only yields to a change of what it says (result, scores, lines, annex): findings that
      // count for nothing — e.g. W-V2 windows reported after the card's monitoring point — are no reason for a version.
      if (sameRuleSet && prev.state === 'published' && canonicalJson(material(prev.card)) === canonicalJson(material(card)))
        return { kind: 'unchanged', cardId: prev.card_id, version: prev.version };
      // Not published and still the same rule set: the open version follows its findings.
      if (sameRuleSet && prev.state !== 'published') return { kind: 'update', cardId: prev.card_id, version: prev.version, values: { ...values, updated_at: now } };
    }
    const cardId = prev?.card_id ?? cardIdOf(ctx.target.target_id, ctx.period.period_key);
    const version = (prev?.version ?? 0) + 1;
    return {
      kind: 'insert',
      supersede: prev && prev.state !== 'published' ? { card_id: prev.card_id, version: prev.version } : null,
      row: {
        card_id: cardId, version, target_id: ctx.target.target_id, period_key: ctx.period.period_key, rule_set_id: rs.id, rule_set_version: rs.version,
        ...values, created_at: now, created_by: cause.actor, change_reason: prev ? cause.reason : null,
      },
      audit: prev
        ? { actor: cause.actor, action: 'card-version-created', targetId: ctx.target.target_id, periodKey: ctx.period.period_key, cardId, cardVersion: version, reason: cause.reason,
            details: { previousVersion: prev.version, previousState: prev.state, ruleSet: `${rs.id}@${rs.version}`, previousRuleSet: `${prev.rule_set_id}@${prev.rule_set_version}` } }
        : null,
    };
  }

  /** Apply the planned writes of a batch in a few statements (a region re-score writes hundreds of cards at once). */
  private async write(m: EntityManager, writes: Write[], now: Date): Promise<void> {
    const updates = writes.filter((w): w is Extract<Write, { kind: 'update' }> => w.kind === 'update');
    const inserts = writes.filter((w): w is Extract<Write, { kind: 'insert' }> => w.kind === 'insert');
    if (updates.length)
      await m.query(
        `UPDATE score_card c SET as_of = u.as_of, inspection_id = u.inspection_id, target_class = u.target_class, result = u.result,
                final_score = u.final_score, card = u.card, updated_at = u.updated_at
           FROM jsonb_to_recordset($1::jsonb) AS u(card_id uuid, version int, as_of timestamptz, inspection_id text, target_class text, result text,
                final_score numeric, card jsonb, updated_at timestamptz)
          WHERE c.card_id = u.card_id AND c.version = u.version`,
        [JSON.stringify(updates.map((u) => ({ card_id: u.cardId, version: u.version, ...u.values })))],
      );
    const supersede = inserts.map((i) => i.supersede).filter((x): x is { card_id: string; version: number } => !!x);
    if (supersede.length)
      await m.query(
        `UPDATE score_card c SET state = 'superseded', updated_at = $2 FROM jsonb_to_recordset($1::jsonb) AS s(card_id uuid, version int)
          WHERE c.card_id = s.card_id AND c.version = s.version`,
        [JSON.stringify(supersede), now],
      );
    if (inserts.length)
      await m.query(
        `INSERT INTO score_card (card_id, version, target_id, period_key, state, rule_set_id, rule_set_version, as_of, inspection_id, target_class,
                                 result, final_score, card, created_at, created_by, change_reason, updated_at)
         SELECT card_id, version, target_id, period_key, 'draft', rule_set_id, rule_set_version, as_of, inspection_id, target_class,
                result, final_score, card, created_at, created_by, change_reason, created_at
           FROM jsonb_to_recordset($1::jsonb) AS r(card_id uuid, version int, target_id text, period_key text, rule_set_id text, rule_set_version text,
                as_of timestamptz, inspection_id text, target_class text, result text, final_score numeric, card jsonb, created_at timestamptz,
                created_by text, change_reason text)`,
        [JSON.stringify(inserts.map((i) => i.row))],
      );
    await appendAuditMany(m, inserts.map((i) => i.audit).filter((a): a is AuditEntry => !!a));
  }
}
