import { scorecardPublished } from '@govinspect/contracts';
import type { EvidenceRef, ScoreLine } from '@govinspect/scoring-engine';
import { z } from 'zod';
import { CardRow } from './card-row';
import { PeriodRow, TargetRow } from './targets';

export type ScorecardPublishedPayload = z.infer<typeof scorecardPublished.schema>;

const evidence = (refs: EvidenceRef[]) => refs.map((e) => ({ findingId: e.findingId, label: e.label, url: e.url, ...(e.archiveId ? { archiveId: e.archiveId } : {}) }));
const line = (l: ScoreLine) => ({ indicatorId: l.indicatorId, level1: l.level1, level2: l.level2, count: l.count, total: l.total, annex: l.annex, evidence: evidence(l.evidence) });

/** The `scoring.scorecard-published.v1` payload of one published card version. */
export function publishedPayload(row: CardRow, target: TargetRow, period: PeriodRow, publishedAt: Date, publishedBy: string): ScorecardPublishedPayload {
  const c = row.card;
  return {
    cardId: row.card_id,
    version: row.version,
    targetId: row.target_id,
    targetKind: c.targetKind === 'account' ? 'account' : 'site',
    targetClass: c.targetClass,
    targetName: target.name!,
    regionCode: target.region_code!,
    period: { key: period.period_key, kind: period.kind, from: period.from_at.toISOString(), to: period.to_at.toISOString() },
    asOf: new Date(row.as_of).toISOString(),
    ...(row.inspection_id ? { inspectionId: row.inspection_id } : {}),
    ruleSet: { id: row.rule_set_id, version: row.rule_set_version },
    result: c.result,
    resultLabel: c.resultLabel,
    finalScore: c.finalScore,
    baseScore: c.baseScore,
    bonusTotal: c.bonusTotal,
    deductionTotal: c.deductionTotal,
    vetoes: c.vetoes.map((v) => ({ indicatorId: v.indicatorId, level1: v.level1, level2: v.level2, reasons: v.reasons.map((r) => r.label), annex: v.annex, evidence: evidence(v.evidence) })),
    deductions: c.deductions.map(line),
    bonuses: c.bonuses.map(line),
    annex: c.annex,
    publishedAt: publishedAt.toISOString(),
    publishedBy,
    ...(row.version > 1 && row.change_reason ? { changeReason: row.change_reason } : {}),
  };
}
