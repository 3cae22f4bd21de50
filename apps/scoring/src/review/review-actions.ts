import { randomUUID } from 'node:crypto';
import { FINDING_TYPES, Finding, findingSchema } from '@govinspect/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { appendAudit, AuditAction } from '../audit';
import { latestCard } from '../cards/card-workflow';
import { CardRow } from '../cards/card-row';
import { lockCards, Rescorer } from '../cards/rescorer';
import { invalidInput, missing, stateConflict } from '../errors';
import { FINDING_COLUMNS, FindingRow } from '../findings/finding-row';
import { RuleSetStore } from '../rule-sets/rule-set-store';

export interface ManualFindingInput {
  targetId: string;
  periodKey: string;
  type: string;
  url: string;
  breadcrumb?: string | null;
  evidenceText: string;
  archiveId?: string | null;
  /** JSON object of finding attributes (subject, element, lastUpdated, …), validated by findingSchema. */
  attributes?: string | null;
  /** Defaults to the card's monitoring time point. */
  asOf?: string | null;
}

const required = (field: string, v: string | null | undefined, what: string) => {
  if (!v || !v.trim()) throw invalidInput(field, `${what} is required`, 'review-input-invalid');
  return v.trim();
};

/**
 * What a reviewer does to findings (confirm, dismiss, add, reclassify). Each action, its audit row and the
 * re-computed card commit together, so the card a reviewer reads next already reflects the action.
 */
export class ReviewActions {
  constructor(
    private readonly ds: DataSource,
    private readonly rescorer: Rescorer,
    private readonly ruleSets: RuleSetStore,
  ) {}

  confirm(findingId: string, by: string, reason?: string | null): Promise<CardRow> {
    return this.review(findingId, 'confirmed', by, reason ?? null);
  }

  dismiss(findingId: string, by: string, reason: string): Promise<CardRow> {
    required('reason', reason, 'a reason for dismissing');
    return this.review(findingId, 'dismissed', by, reason);
  }

  private async review(findingId: string, state: 'confirmed' | 'dismissed', by: string, reason: string | null): Promise<CardRow> {
    required('by', by, 'the reviewer');
    return this.ds.transaction(async (m) => {
      const f = await this.lockedFinding(m, findingId);
      await m.query(`UPDATE finding SET review_state = $2, review_by = $3, review_at = now(), review_note = $4 WHERE finding_id = $1`, [findingId, state, by, reason]);
      const action: AuditAction = state === 'confirmed' ? 'finding-confirmed' : 'finding-dismissed';
      return this.after(m, f, by, action, reason ?? `finding ${findingId} ${state}`, { previousState: f.review_state });
    });
  }

  async reclassify(findingId: string, columnClass: string, by: string, reason: string): Promise<CardRow> {
    required('by', by, 'the reviewer');
    required('reason', reason, 'a reason for the new classification');
    return this.ds.transaction(async (m) => {
      const f = await this.lockedFinding(m, findingId);
      const card = await latestCard(m, f.target_id, f.period_key!);
      const ruleSet = card ? await this.ruleSets.load(card.rule_set_id, card.rule_set_version) : await this.ruleSets.load(await this.ruleSets.ruleSetIdForRegion(null, m));
      if (!ruleSet.columnClasses[columnClass])
        throw invalidInput('columnClass', `unknown column class ${JSON.stringify(columnClass)} in ${ruleSet.id}@${ruleSet.version} (have: ${Object.keys(ruleSet.columnClasses).join(', ')})`, 'column-class-unknown');
      await m.query(`UPDATE finding SET column_class = $2 WHERE finding_id = $1`, [findingId, columnClass]);
      return this.after(m, f, by, 'finding-reclassified', reason, { from: f.column_class ?? f.document.attributes.columnClass ?? null, to: columnClass });
    });
  }

  async addManual(input: ManualFindingInput, by: string, reason?: string | null): Promise<{ card: CardRow; finding: Finding }> {
    required('by', by, 'the reviewer');
    return this.ds.transaction(async (m) => {
      const [target] = await m.query(`SELECT target_id, target_kind FROM scoring_target WHERE target_id = $1`, [input.targetId]);
      if (!target) throw missing('target', input.targetId, 'target-not-found');
      const [period] = await m.query(`SELECT period_key FROM scoring_period WHERE period_key = $1`, [input.periodKey]);
      if (!period) throw missing('period', input.periodKey, 'period-not-found');
      await lockCards(m, [{ targetId: input.targetId, periodKey: input.periodKey }]);
      const card = await latestCard(m, input.targetId, input.periodKey);
      let attributes: unknown = {};
      if (input.attributes) {
        try {
          attributes = JSON.parse(input.attributes);
        } catch (e) {
          throw invalidInput('attributes', `not JSON: ${(e as Error).message}`, 'finding-invalid');
        }
      }
      const now = new Date().toISOString();
      const raw = {
        id: `manual-${randomUUID()}`,
        type: input.type,
        targetId: input.targetId,
        targetKind: target.target_kind,
        asOf: input.asOf ?? (card ? new Date(card.as_of).toISOString() : now),
        location: { url: input.url, ...(input.breadcrumb ? { breadcrumb: input.breadcrumb } : {}) },
        evidence: { text: input.evidenceText, ...(input.archiveId ? { archiveId: input.archiveId } : {}) },
        attributes,
        source: 'manual',
        review: { state: 'confirmed', by, at: now, ...(reason ? { note: reason } : {}) },
      };
      const parsed = findingSchema.safeParse(raw);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
        throw invalidInput(issues[0].path.split('.')[0], `${issues[0].path}: ${issues[0].message}`, 'finding-invalid', issues);
      }
      const f = parsed.data;
      const targets = FINDING_TYPES[f.type].targets as readonly string[];
      if (!targets.includes(f.targetKind)) throw invalidInput('type', `${f.type} is a finding about a ${targets.join('/')}, not a ${f.targetKind}`, 'finding-invalid');
      await m.query(
        `INSERT INTO finding (finding_id, target_id, target_kind, period_key, source, type, as_of, document, review_state, review_by, review_at, review_note)
         VALUES ($1, $2, $3, $4, 'manual', $5, $6, $7, 'confirmed', $8, now(), $9)`,
        [f.id, f.targetId, f.targetKind, input.periodKey, f.type, f.asOf, JSON.stringify(f), by, reason ?? null],
      );
      const row: FindingRow = { ...(await this.lockedFinding(m, f.id)) };
      const updated = await this.after(m, row, by, 'manual-finding-added', reason ?? `manual finding ${f.type}`, { type: f.type, url: f.location.url });
      return { card: updated, finding: f };
    });
  }

  private async lockedFinding(m: EntityManager, findingId: string): Promise<FindingRow> {
    const [f]: FindingRow[] = await m.query(`SELECT ${FINDING_COLUMNS} FROM finding WHERE finding_id = $1 FOR UPDATE`, [findingId]);
    if (!f) throw missing('finding', findingId, 'finding-not-found');
    if (!f.period_key) throw stateConflict('findingId', `finding ${findingId} waits for its inspection's period; it has no card yet`, 'finding-without-period');
    return f;
  }

  /** Audit, then re-score at once; a published card gets a new draft version with who/when/why. */
  private async after(m: EntityManager, f: FindingRow, by: string, action: AuditAction, reason: string, details: Record<string, unknown>): Promise<CardRow> {
    const res = await this.rescorer.rescore(m, [f.target_id], f.period_key!, { actor: by, reason });
    const outcome = res.get(f.target_id)!;
    const card = await latestCard(m, f.target_id, f.period_key!);
    if (!card) throw stateConflict('targetId', `no card for ${f.target_id} yet (${'why' in outcome ? outcome.why : outcome.status})`, 'score-card-not-found');
    await appendAudit(m, { actor: by, action, targetId: f.target_id, periodKey: f.period_key, cardId: card.card_id, cardVersion: card.version, findingId: f.finding_id, reason, details });
    return card;
  }
}
