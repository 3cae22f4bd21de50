import { createHash } from 'node:crypto';
import type { ScoreCard } from '@govinspect/scoring-engine';

export type CardState = 'draft' | 'under-review' | 'published' | 'superseded';

export interface CardRow {
  card_id: string;
  version: number;
  target_id: string;
  period_key: string;
  state: CardState;
  rule_set_id: string;
  rule_set_version: string;
  as_of: Date;
  inspection_id: string | null;
  target_class: string;
  result: string;
  final_score: string | null;
  card: ScoreCard;
  created_at: Date;
  created_by: string;
  change_reason: string | null;
  updated_at: Date;
  submitted_at: Date | null;
  submitted_by: string | null;
  published_at: Date | null;
  published_by: string | null;
}

export const CARD_COLUMNS = `card_id, version, target_id, period_key, state, rule_set_id, rule_set_version, as_of, inspection_id, target_class, result,
  final_score, card, created_at, created_by, change_reason, updated_at, submitted_at, submitted_by, published_at, published_by`;

/** One card id per (target, period), derived (not random) so every instance and every replay agrees on it. */
export function cardIdOf(targetId: string, periodKey: string): string {
  const h = createHash('sha1').update(`score-card\u0000${targetId}\u0000${periodKey}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}
