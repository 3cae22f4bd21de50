import { EntityManager } from 'typeorm';

/** Reviewer and rule actions, appended in the transaction of the change they record (the table is append-only). */
export type AuditAction =
  | 'finding-confirmed'
  | 'finding-dismissed'
  | 'finding-reclassified'
  | 'manual-finding-added'
  | 'card-submitted'
  | 'card-published'
  | 'card-version-created'
  | 'external-services-set'
  | 'rule-set-uploaded'
  | 'region-rule-set-switched'
  | 'region-rescored';

export interface AuditEntry {
  actor: string;
  action: AuditAction;
  targetId?: string | null;
  periodKey?: string | null;
  cardId?: string | null;
  cardVersion?: number | null;
  findingId?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
}

export async function appendAudit(m: EntityManager, e: AuditEntry): Promise<void> {
  await m.query(
    `INSERT INTO audit_event (actor, action, target_id, period_key, card_id, card_version, finding_id, reason, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [e.actor, e.action, e.targetId ?? null, e.periodKey ?? null, e.cardId ?? null, e.cardVersion ?? null, e.findingId ?? null, e.reason ?? null, JSON.stringify(e.details ?? {})],
  );
}

/** Many rows in one statement (a region re-score records one new version per card). */
export async function appendAuditMany(m: EntityManager, entries: AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  const rows = entries.map((e) => ({
    actor: e.actor, action: e.action, target_id: e.targetId ?? null, period_key: e.periodKey ?? null, card_id: e.cardId ?? null,
    card_version: e.cardVersion ?? null, finding_id: e.findingId ?? null, reason: e.reason ?? null, details: e.details ?? {},
  }));
  await m.query(
    `INSERT INTO audit_event (actor, action, target_id, period_key, card_id, card_version, finding_id, reason, details)
     SELECT actor, action, target_id, period_key, card_id, card_version, finding_id, reason, details
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (actor text, action text, target_id text, period_key text, card_id uuid,
            card_version int, finding_id text, reason text, details jsonb)) WITH ORDINALITY
            AS r(actor, action, target_id, period_key, card_id, card_version, finding_id, reason, details, n)
      ORDER BY n`,
    [JSON.stringify(rows)],
  );
}
