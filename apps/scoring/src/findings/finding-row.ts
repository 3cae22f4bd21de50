import type { Finding } from '@govinspect/contracts';
import type { RuleSet } from '@govinspect/rule-sets';

/** A stored finding: the validated contract document plus what reviewers changed about it. */
export interface FindingRow {
  finding_id: string;
  target_id: string;
  target_kind: 'site' | 'account';
  period_key: string | null;
  inspection_id: string | null;
  run_id: string | null;
  source: 'machine' | 'manual';
  type: string;
  as_of: Date;
  document: Finding;
  column_class: string | null;
  review_state: 'pending' | 'confirmed' | 'dismissed';
  review_by: string | null;
  review_at: Date | null;
  review_note: string | null;
}

export const FINDING_COLUMNS = `finding_id, target_id, target_kind, period_key, inspection_id, run_id, source, type, as_of, document, column_class,
  review_state, review_by, review_at, review_note`;

/** Finding types that say "this column is stale"; the column class decides which of them applies. */
export function freshnessTypes(ruleSet: RuleSet): Set<string> {
  const s = new Set<string>(['column-stale']);
  for (const cc of Object.values(ruleSet.columnClasses)) for (const t of cc.findingTypes) s.add(t);
  return s;
}

/**
 * The finding as the engine scores it: the review state from the row, and a reviewer's column classification
 * applied — for a stale column the class also picks the finding type (动态要闻 stale → news-column-stale), so a
 * column the crawl filed under 其他栏目 is scored under the indicator of its real class.
 */
export function toEngineFinding(row: FindingRow, ruleSet: RuleSet, freshness = freshnessTypes(ruleSet)): Finding {
  const doc = row.document;
  const review = { state: row.review_state, ...(row.review_by ? { by: row.review_by } : {}), ...(row.review_at ? { at: row.review_at.toISOString() } : {}), ...(row.review_note ? { note: row.review_note } : {}) };
  if (!row.column_class) return { ...doc, review };
  let type = doc.type;
  if (freshness.has(doc.type)) type = (ruleSet.columnClasses[row.column_class]?.findingTypes[0] as Finding['type'] | undefined) ?? 'column-stale';
  return { ...doc, type, attributes: { ...doc.attributes, columnClass: row.column_class }, review };
}
