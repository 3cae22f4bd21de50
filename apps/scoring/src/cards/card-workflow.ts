import { enqueueEvent } from '@govinspect/messaging';
import { scorecardPublished } from '@govinspect/contracts';
import { EntityManager } from 'typeorm';
import { appendAudit } from '../audit';
import { missing, stateConflict } from '../errors';
import { CARD_COLUMNS, CardRow } from './card-row';
import { lockCards } from './rescorer';
import { publishedPayload } from './published-event';
import { PeriodRow, TargetRow } from './targets';

export const SCORING_PRODUCER = 'scoring';

export async function latestCard(m: EntityManager, targetId: string, periodKey: string): Promise<CardRow | null> {
  const [row] = await m.query(`SELECT ${CARD_COLUMNS} FROM score_card WHERE target_id = $1 AND period_key = $2 ORDER BY version DESC LIMIT 1`, [targetId, periodKey]);
  return row ?? null;
}

async function requireLatest(m: EntityManager, targetId: string, periodKey: string): Promise<CardRow> {
  await lockCards(m, [{ targetId, periodKey }]);
  const row = await latestCard(m, targetId, periodKey);
  if (!row) throw missing('score card', `${targetId}/${periodKey}`, 'score-card-not-found');
  return row;
}

/** draft → under review. */
export async function submitForReview(m: EntityManager, targetId: string, periodKey: string, by: string): Promise<CardRow> {
  const row = await requireLatest(m, targetId, periodKey);
  if (row.state !== 'draft') throw stateConflict('state', `version ${row.version} is ${row.state}, only a draft can be submitted for review`, row.state === 'published' ? 'score-card-already-published' : 'score-card-not-draft');
  await m.query(`UPDATE score_card SET state = 'under-review', submitted_at = now(), submitted_by = $3, updated_at = now() WHERE card_id = $1 AND version = $2`, [row.card_id, row.version, by]);
  await appendAudit(m, { actor: by, action: 'card-submitted', targetId, periodKey, cardId: row.card_id, cardVersion: row.version });
  return (await latestCard(m, targetId, periodKey))!;
}

/** under review → published; the published version is immutable and announced through the outbox. */
export async function publishCard(m: EntityManager, targetId: string, periodKey: string, by: string): Promise<CardRow> {
  const row = await requireLatest(m, targetId, periodKey);
  if (row.state === 'published') throw stateConflict('state', `version ${row.version} is already published`, 'score-card-already-published');
  if (row.state !== 'under-review') throw stateConflict('state', `version ${row.version} is a draft; submit it for review first`, 'score-card-not-reviewed');
  const [target]: TargetRow[] = await m.query(`SELECT * FROM scoring_target WHERE target_id = $1`, [targetId]);
  if (!target?.name || !target.region_code)
    throw stateConflict('targetId', `${targetId} has no name or region yet (not registered); a published card must carry both`, 'target-not-registered');
  const [period]: PeriodRow[] = await m.query(`SELECT period_key, kind, from_at, to_at FROM scoring_period WHERE period_key = $1`, [periodKey]);
  const [{ now }]: { now: Date }[] = await m.query(`SELECT now() AS now`);
  await m.query(`UPDATE score_card SET state = 'published', published_at = $3, published_by = $4, updated_at = $3 WHERE card_id = $1 AND version = $2`, [row.card_id, row.version, now, by]);
  const published = (await latestCard(m, targetId, periodKey))!;
  await enqueueEvent(m, scorecardPublished, targetId, publishedPayload(published, target, period, now, by), SCORING_PRODUCER, now);
  await appendAudit(m, { actor: by, action: 'card-published', targetId, periodKey, cardId: row.card_id, cardVersion: row.version });
  return published;
}
