import { Injectable } from '@nestjs/common';
import { REGION_CODE_PATTERN, TARGET_GROUP_LABELS, TargetGroup } from '@govinspect/contracts';
import { diffRuleSets, RuleSet, RuleSetError } from '@govinspect/rule-sets';
import { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from './audit';
import { CARD_COLUMNS, CardRow } from './cards/card-row';
import { latestCard, publishCard, submitForReview } from './cards/card-workflow';
import { Rescorer } from './cards/rescorer';
import { PeriodRow, regionLikePattern, TargetRow } from './cards/targets';
import { fromRuleSetError, invalidInput, missing, stateConflict } from './errors';
import { FINDING_COLUMNS, FindingRow } from './findings/finding-row';
import { AuditEntryView, GroupAverage, RankingEntry, RescoreResult, ScoreCardView } from './graphql/card.model';
import { cardView, groupLabel, groupOf } from './graphql/views';
import { RuleSetStore, RuleSetVersionConflict } from './rule-sets/rule-set-store';
import { DocumentFormat } from './rule-sets/parse-document';

export const requireText = (field: string, v: string | null | undefined) => {
  if (!v || !v.trim()) throw invalidInput(field, 'is required', 'input-missing');
  return v.trim();
};

export function requireRegion(code: string): string {
  if (!REGION_CODE_PATTERN.test(code ?? '')) throw invalidInput('regionCode', `must be a 6-digit region code, got ${JSON.stringify(code)}`, 'region-code-invalid');
  return code;
}

/** Read side and region-level commands of the scoring subgraph (review of single findings is in ReviewActions). */
@Injectable()
export class ScoringService {
  constructor(
    readonly ds: DataSource,
    readonly ruleSets: RuleSetStore,
    readonly rescorer: Rescorer,
  ) {}

  async period(periodKey: string, m: EntityManager | DataSource = this.ds): Promise<PeriodRow> {
    const [p] = await m.query(`SELECT period_key, kind, from_at, to_at FROM scoring_period WHERE period_key = $1`, [periodKey]);
    if (!p) throw missing('period', periodKey, 'period-not-found');
    return p;
  }

  async target(targetId: string, m: EntityManager | DataSource = this.ds): Promise<TargetRow | undefined> {
    const [t] = await m.query(`SELECT * FROM scoring_target WHERE target_id = $1`, [targetId]);
    return t;
  }

  async view(row: CardRow, m: EntityManager | DataSource = this.ds): Promise<ScoreCardView> {
    return cardView(row, await this.target(row.target_id, m), await this.period(row.period_key, m));
  }

  async card(targetId: string, periodKey: string, version?: number | null): Promise<ScoreCardView | null> {
    const rows: CardRow[] = await this.ds.query(
      `SELECT ${CARD_COLUMNS} FROM score_card WHERE target_id = $1 AND period_key = $2 ${version ? 'AND version = $3' : ''} ORDER BY version DESC LIMIT 1`,
      version ? [targetId, periodKey, version] : [targetId, periodKey],
    );
    return rows[0] ? this.view(rows[0]) : null;
  }

  async versions(targetId: string, periodKey: string): Promise<CardRow[]> {
    return this.ds.query(`SELECT ${CARD_COLUMNS} FROM score_card WHERE target_id = $1 AND period_key = $2 ORDER BY version`, [targetId, periodKey]);
  }

  async findings(targetId: string, periodKey: string): Promise<FindingRow[]> {
    return this.ds.query(`SELECT ${FINDING_COLUMNS} FROM finding WHERE target_id = $1 AND period_key = $2 ORDER BY finding_id`, [targetId, periodKey]);
  }

  async audit(filter: { targetId?: string | null; periodKey?: string | null; cardId?: string | null; limit?: number | null }): Promise<AuditEntryView[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    for (const [col, v] of [['target_id', filter.targetId], ['period_key', filter.periodKey], ['card_id::text', filter.cardId]] as const)
      if (v) where.push(`${col} = $${args.push(v)}`);
    const limit = Math.min(Math.max(filter.limit ?? 200, 1), 1000);
    const rows = await this.ds.query(
      `SELECT seq::text AS seq, at, actor, action, target_id, period_key, card_id, card_version, finding_id, reason, details FROM audit_event
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq LIMIT ${limit}`,
      args,
    );
    return rows.map((r: Record<string, any>) => ({
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      action: r.action,
      targetId: r.target_id ?? undefined,
      periodKey: r.period_key ?? undefined,
      cardId: r.card_id ?? undefined,
      cardVersion: r.card_version ?? undefined,
      findingId: r.finding_id ?? undefined,
      reason: r.reason ?? undefined,
      details: JSON.stringify(r.details),
    }));
  }

  // ---- workflow ----

  async submit(targetId: string, periodKey: string, by: string): Promise<ScoreCardView> {
    requireText('by', by);
    return this.ds.transaction(async (m) => this.view(await submitForReview(m, targetId, periodKey, by), m));
  }

  async publish(targetId: string, periodKey: string, by: string): Promise<ScoreCardView> {
    requireText('by', by);
    return this.ds.transaction(async (m) => this.view(await publishCard(m, targetId, periodKey, by), m));
  }

  /** A round's reviewer publishes every reviewed card of the region (and sub-regions) for the period at once. */
  async publishAll(regionCode: string, periodKey: string, by: string, includeDrafts: boolean): Promise<ScoreCardView[]> {
    requireRegion(regionCode);
    requireText('by', by);
    await this.period(periodKey);
    return this.ds.transaction(async (m) => {
      const rows: CardRow[] = await m.query(
        `SELECT DISTINCT ON (c.target_id) ${CARD_COLUMNS.split(',').map((c) => `c.${c.trim()}`).join(', ')}
           FROM score_card c JOIN scoring_target t ON t.target_id = c.target_id
          WHERE c.period_key = $1 AND t.region_code LIKE $2 ORDER BY c.target_id, c.version DESC`,
        [periodKey, regionLikePattern(regionCode)],
      );
      const out: ScoreCardView[] = [];
      for (const r of rows) {
        if (r.state === 'draft' && includeDrafts) await submitForReview(m, r.target_id, periodKey, by);
        else if (r.state !== 'under-review') continue;
        out.push(await this.view(await publishCard(m, r.target_id, periodKey, by), m));
      }
      return out;
    });
  }

  // ---- targets and rules ----

  async setExternalServices(targetId: string, externalServices: boolean, by: string, reason: string): Promise<ScoreCardView[]> {
    requireText('by', by);
    requireText('reason', reason);
    return this.ds.transaction(async (m) => {
      const t = await this.target(targetId, m);
      if (!t) throw missing('target', targetId, 'target-not-found');
      if (t.target_kind !== 'site' || t.site_kind !== 'department')
        throw invalidInput('targetId', `${targetId} is not a department site (${t.site_kind ?? t.target_kind}); only departments can be without external services`, 'not-a-department');
      await m.query(`UPDATE scoring_target SET external_services = $2, external_services_by = $3, external_services_at = now() WHERE target_id = $1`, [targetId, externalServices, by]);
      await appendAudit(m, { actor: by, action: 'external-services-set', targetId, reason, details: { externalServices, previous: t.external_services } });
      const periods: { period_key: string }[] = await m.query(`SELECT DISTINCT period_key FROM score_card WHERE target_id = $1 ORDER BY period_key`, [targetId]);
      const out: ScoreCardView[] = [];
      for (const p of periods) {
        const latest = await latestCard(m, targetId, p.period_key);
        // A published period stays as published unless someone changes its findings; the setting applies to open cards.
        if (latest?.state === 'published') continue;
        await this.rescorer.rescore(m, [targetId], p.period_key, { actor: by, reason });
        out.push(await this.view((await latestCard(m, targetId, p.period_key))!, m));
      }
      return out;
    });
  }

  async rescoreRegion(regionCode: string, periodKey: string, by: string, reason: string): Promise<RescoreResult> {
    requireRegion(regionCode);
    requireText('by', by);
    requireText('reason', reason);
    await this.period(periodKey);
    const r = await this.rescorer.rescoreRegion(this.ds, regionLikePattern(regionCode), periodKey, { actor: by, reason });
    await this.ds.transaction((m) => appendAudit(m, { actor: by, action: 'region-rescored', periodKey, reason, details: { regionCode, ...r } }));
    return r;
  }

  async switchRegion(regionCode: string, ruleSetId: string, periodKey: string, by: string, reason: string): Promise<RescoreResult> {
    requireRegion(regionCode);
    requireText('by', by);
    requireText('reason', reason);
    await this.period(periodKey);
    await this.loadRuleSet(ruleSetId, undefined, 'ruleSetId');
    await this.ds.transaction(async (m) => {
      const [prev] = await m.query(`SELECT rule_set_id FROM region_rule_set WHERE region_code = $1`, [regionCode]);
      await m.query(
        `INSERT INTO region_rule_set (region_code, rule_set_id, set_by, set_at, reason) VALUES ($1, $2, $3, now(), $4)
         ON CONFLICT (region_code) DO UPDATE SET rule_set_id = EXCLUDED.rule_set_id, set_by = EXCLUDED.set_by, set_at = now(), reason = EXCLUDED.reason`,
        [regionCode, ruleSetId, by, reason],
      );
      await appendAudit(m, { actor: by, action: 'region-rule-set-switched', periodKey, reason, details: { regionCode, ruleSetId, previous: prev?.rule_set_id ?? null } });
    });
    return this.rescoreRegion(regionCode, periodKey, by, reason);
  }

  async loadRuleSet(id: string, version?: string | null, field = 'id'): Promise<RuleSet> {
    try {
      return await this.ruleSets.load(id, version);
    } catch (e) {
      if (e instanceof RuleSetError) throw e.classification === 'rule-set-not-found' ? missing('rule set', version ? `${id}@${version}` : id, 'rule-set-not-found') : fromRuleSetError(e, field);
      throw e;
    }
  }

  /** `id` or `id@version`. */
  async ruleSetRef(ref: string, field: string): Promise<RuleSet> {
    const [id, version] = requireText(field, ref).split('@');
    return this.loadRuleSet(id, version, field);
  }

  async diff(from: string, to: string) {
    return diffRuleSets(await this.ruleSetRef(from, 'from'), await this.ruleSetRef(to, 'to'));
  }

  async upload(document: string, format: DocumentFormat | undefined, by: string) {
    requireText('by', by);
    requireText('document', document);
    try {
      return await this.ruleSets.upload(document, format, by);
    } catch (e) {
      if (e instanceof RuleSetError) throw fromRuleSetError(e);
      if (e instanceof RuleSetVersionConflict) throw stateConflict('version', e.message, e.classification);
      throw e;
    }
  }

  // ---- rankings ----

  private async latestInRegion(regionCode: string, periodKey: string, publishedOnly: boolean): Promise<{ row: CardRow; target: TargetRow }[]> {
    requireRegion(regionCode);
    await this.period(periodKey);
    const rows: (CardRow & { t: TargetRow })[] = await this.ds.query(
      `SELECT DISTINCT ON (c.target_id) ${CARD_COLUMNS.split(',').map((c) => `c.${c.trim()}`).join(', ')}, to_jsonb(t) AS t
         FROM score_card c JOIN scoring_target t ON t.target_id = c.target_id
        WHERE c.period_key = $1 AND t.region_code LIKE $2 AND t.target_kind = 'site' AND t.site_kind IS NOT NULL
          ${publishedOnly ? `AND c.state = 'published'` : `AND c.state <> 'superseded'`}
        ORDER BY c.target_id, c.version DESC`,
      [periodKey, regionLikePattern(regionCode)],
    );
    return rows.map(({ t, ...row }) => ({ row: row as CardRow, target: t }));
  }

  async rankings(regionCode: string, periodKey: string, group: string, publishedOnly: boolean): Promise<RankingEntry[]> {
    if (!(group in TARGET_GROUP_LABELS)) throw invalidInput('group', `unknown comparison group ${JSON.stringify(group)} (have: ${Object.keys(TARGET_GROUP_LABELS).join(', ')})`, 'group-unknown');
    const cards = (await this.latestInRegion(regionCode, periodKey, publishedOnly)).filter((c) => groupOf(c.target) === group);
    // Vetoed cards rank last; then by score, name and id so ties are stable.
    const key = (c: { row: CardRow }) => (c.row.result === 'failed-veto' || c.row.final_score === null ? -Infinity : Number(c.row.final_score));
    cards.sort((a, b) => key(b) - key(a) || (a.target.name ?? '').localeCompare(b.target.name ?? '', 'zh-CN') || a.row.target_id.localeCompare(b.row.target_id));
    let rank = 0;
    return cards.map((c, i) => {
      if (i === 0 || key(cards[i - 1]) !== key(c)) rank = i + 1;
      return {
        rank,
        targetId: c.row.target_id,
        targetName: c.target.name ?? undefined,
        regionCode: c.target.region_code!,
        group,
        groupLabel: groupLabel(group),
        result: c.row.result,
        resultLabel: c.row.card.resultLabel,
        finalScore: c.row.final_score === null ? null : Number(c.row.final_score),
        version: c.row.version,
        state: c.row.state,
      };
    });
  }

  async groupAverages(regionCode: string, periodKey: string, publishedOnly: boolean): Promise<GroupAverage[]> {
    const cards = await this.latestInRegion(regionCode, periodKey, publishedOnly);
    const groups = new Map<string, CardRow[]>();
    for (const c of cards) {
      const g = groupOf(c.target)!;
      (groups.get(g) ?? groups.set(g, []).get(g)!).push(c.row);
    }
    const order = Object.keys(TARGET_GROUP_LABELS) as TargetGroup[];
    return order
      .filter((g) => groups.has(g))
      .map((g) => {
        const rows = groups.get(g)!;
        const scored = rows.filter((r) => r.final_score !== null && r.result !== 'failed-veto');
        // Tenths, like the engine, so the mean is not a float artefact.
        const sum = scored.reduce((s, r) => s + Math.round(Number(r.final_score) * 10), 0);
        return {
          group: g,
          groupLabel: groupLabel(g),
          cards: rows.length,
          scored: scored.length,
          vetoed: rows.filter((r) => r.result === 'failed-veto').length,
          failed: rows.filter((r) => r.result.startsWith('failed')).length,
          passed: rows.filter((r) => r.result.startsWith('passed')).length,
          averageScore: scored.length ? Math.round(sum / scored.length) / 10 : null,
        };
      });
  }
}
