import { z } from 'zod';
import { defineEvent } from './define-event';
import { periodSchema } from './inspection';
import { REGION_CODE_PATTERN } from './patterns';

const isoDateTime = z.string().datetime({ offset: true });

const evidenceRefSchema = z.object({
  findingId: z.string().min(1),
  /** What the annex prints: breadcrumb (or url) plus （subject）. */
  label: z.string(),
  url: z.string(),
  archiveId: z.string().optional(),
});

const lineSchema = z.object({
  indicatorId: z.string().min(1),
  level1: z.string(),
  level2: z.string(),
  count: z.number().int().nonnegative(),
  /** Points deducted (deduction lines) or added (bonus lines) after the cap. */
  total: z.number(),
  /** The official annex sentence, e.g. 其他栏目存在应更新未更新的，每发现一处，扣1分。共扣2分。首页>… */
  annex: z.string(),
  evidence: z.array(evidenceRefSchema),
});

/**
 * A score card was published (人工审核 done). Published cards are immutable: a later change publishes a new
 * `version` of the same `cardId`. Reporting keeps the newest version per (target, period).
 */
export const scorecardPublished = defineEvent(
  'scoring.scorecard-published',
  1,
  z.object({
    cardId: z.string().min(1),
    version: z.number().int().positive(),
    targetId: z.string().min(1),
    targetKind: z.enum(['site', 'account']),
    /** portal, department, department-no-external-services, account */
    targetClass: z.string().min(1),
    targetName: z.string().min(1),
    regionCode: z.string().regex(REGION_CODE_PATTERN),
    period: periodSchema,
    asOf: isoDateTime,
    inspectionId: z.string().min(1).optional(),
    ruleSet: z.object({ id: z.string().min(1), version: z.string().min(1) }),
    /** failed-veto, failed-below-pass, passed, passed-bonus */
    result: z.enum(['failed-veto', 'failed-below-pass', 'passed', 'passed-bonus']),
    resultLabel: z.string(),
    finalScore: z.number().nullable(),
    baseScore: z.number().nullable(),
    bonusTotal: z.number().nullable(),
    deductionTotal: z.number().nullable(),
    vetoes: z.array(
      z.object({
        indicatorId: z.string().min(1),
        level1: z.string(),
        level2: z.string(),
        reasons: z.array(z.string()),
        annex: z.string(),
        evidence: z.array(evidenceRefSchema),
      }),
    ),
    deductions: z.array(lineSchema),
    bonuses: z.array(lineSchema),
    /** The two annex cells: 抽查发现的突出问题 and 得分 (一票否决 after a veto). */
    annex: z.object({ problems: z.string(), score: z.string() }),
    publishedAt: isoDateTime,
    publishedBy: z.string().min(1),
    /** Why this version replaces the previous one (absent for version 1). */
    changeReason: z.string().optional(),
  }),
);
