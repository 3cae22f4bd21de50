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
