import type { Citation, TargetClass } from '@govinspect/rule-sets';

export type TargetKind = 'portal' | 'department' | 'account';

export interface ScoreTarget {
  id: string;
  kind: TargetKind;
  /** Departments only: false = no external service role (办事服务 not checked, 75 × 4/3). Default true. */
  externalServices?: boolean;
}

export interface Period {
  /** Inclusive ISO instants; findings observed outside are not scored in this period. */
  from: string;
  to: string;
}

export type ReviewPolicy = 'exclude-dismissed' | 'confirmed-only';

export interface EvidenceRef {
  findingId: string;
  /** What the annex prints: the breadcrumb (or url), plus （subject） when given. */
  label: string;
  url: string;
  archiveId?: string;
}

export interface ScoreLine {
  indicatorId: string;
  kind: 'deduction' | 'bonus';
  level1: string;
  level2: string;
  /** Distinct occurrences counted (after de-duplication). */
  count: number;
  /** Points per occurrence (per: occurrence) or once (per: target). */
  points: number;
  per: 'occurrence' | 'target';
  /** Points actually deducted/added by this line, after the cap. */
  total: number;
  cap: number | null;
  capped: boolean;
  evidence: EvidenceRef[];
  /** Official annex sentence, e.g. 其他栏目存在应更新未更新的，每发现一处，扣1分。共扣2分。首页>… */
  annex: string;
  verified: boolean;
  citation: Citation;
}

export interface VetoLine {
  indicatorId: string;
  level1: string;
  level2: string;
  reasons: { clauseId: string; label: string; count: number }[];
  evidence: EvidenceRef[];
  annex: string;
  verified: boolean;
  citation: Citation;
}

export type CardResult = 'failed-veto' | 'failed-below-pass' | 'passed' | 'passed-bonus';

export const RESULT_LABELS: Record<CardResult, string> = {
  'failed-veto': '不合格(单项否决)',
  'failed-below-pass': '不合格(低于合格线)',
  passed: '合格',
  'passed-bonus': '合格并进入加分',
};

export type ExclusionReason = 'dismissed' | 'unconfirmed' | 'out-of-period' | 'deduplicated';

export interface ScoreCard {
  targetId: string;
  targetKind: TargetKind;
  targetClass: TargetClass;
  ruleSet: { id: string; version: string; name: string; effectiveDate: string; lineage: string[] };
  asOf: string;
  period: Period;
  result: CardResult;
  resultLabel: string;
  vetoes: VetoLine[];
  deductions: ScoreLine[];
  bonuses: ScoreLine[];
  /** Σ deduction lines (null after a veto or for accounts without a point scale). */
  deductionTotal: number | null;
  /** Part 2 score: fullMarks − deductions, or (remainingMarks − deductions) × multiplier. */
  baseScore: number | null;
  scaling: { remainingMarks: number; numerator: number; denominator: number } | null;
  passMark: number | null;
  bonusEntryMark: number | null;
  bonusEligible: boolean;
  /** Σ bonus lines after the bonus cap. */
  bonusTotal: number | null;
  finalScore: number | null;
  findings: {
    counted: number;
    /** Active findings no applicable indicator counted (not scored under this rule set). */
    unused: string[];
    excluded: { findingId: string; reason: ExclusionReason }[];
  };
  /** The two annex cells: 抽查发现的突出问题 and 得分 (一票否决 after a veto). */
  annex: { problems: string; score: string };
}
