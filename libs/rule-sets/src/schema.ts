import { z } from 'zod';
import { FINDING_TYPE_IDS } from '@govinspect/contracts';

/**
 * The rule-set document format. Files are YAML today; the same JSON shape is what a database row would hold,
 * so nothing here depends on files. Every number a rule uses lives in this data with a citation.
 */

export const TARGET_CLASSES = ['portal', 'department', 'department-no-external-services', 'account'] as const;
export type TargetClass = (typeof TARGET_CLASSES)[number];

const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case (e.g. news, service-stats)');
export const INDICATOR_ID = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/;
const indicatorId = z.string().regex(INDICATOR_ID, 'must look like W-V2 or W-D-NEWS');
/** ISO-8601 subset used by windows: P7D, P2W, P6M, P1Y. */
export const DURATION = /^P([1-9]\d*)([DWMY])$/;
const duration = z.string().regex(DURATION, 'must be a duration like P7D, P2W, P6M, P1Y');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date yyyy-MM-dd');
const version = z.string().regex(/^\d+(\.\d+){0,2}$/, 'must be a version like 1.0.0');
const findingType = z.enum(FINDING_TYPE_IDS, { error: (i) => `unknown finding type ${JSON.stringify(i.input)}` });

/** Points are handled in tenths internally, so data may only use one decimal (0.5, 2.5). */
const points = z
  .number()
  .nonnegative()
  .refine((n) => Math.abs(n * 10 - Math.round(n * 10)) < 1e-9, 'must be a multiple of 0.1');

export const citationSchema = z.strictObject({
  /** Document number, a key of the rule set's `documents` (e.g. 国办秘函〔2019〕19号). */
  document: z.string().min(1),
  /** The clause: verbatim when `verbatim` is true, otherwise the best paraphrase with its source. */
  clause: z.string().min(1),
  verbatim: z.boolean(),
});
export type Citation = z.infer<typeof citationSchema>;

export const documentSchema = z.strictObject({
  title: z.string().min(1),
  issuedBy: z.string().optional(),
  date: isoDate.optional(),
  note: z.string().optional(),
});

/** A named number/flag with its own provenance; `verified: false` marks a product default ([P]/[?]). */
const param = <T extends z.ZodTypeAny>(value: T) =>
  z.strictObject({
    value,
    unit: z.string().optional(),
    verified: z.boolean(),
    citation: citationSchema.optional(),
    note: z.string().optional(),
  });
export const paramSchema = param(z.union([z.number(), z.string(), z.boolean()]));
export type Param = z.infer<typeof paramSchema>;

/** Window reference: a literal duration, or a column class window (`@finding` = the finding's own class). */
export const windowRefSchema = z.union([
  duration,
  z.strictObject({ columnClass: z.union([kebab, z.literal('@finding')]), field: z.enum(['window', 'lookback', 'feedback']).default('window') }),
]);
export type WindowRef = z.infer<typeof windowRefSchema>;

const paramRef = z.strictObject({ param: z.string().min(1) });
const scalar = z.union([z.number(), z.string(), z.boolean()]);

/** Filters narrow which findings of the listed types count. All filters of a selector must match. */
export const filterSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('compare'),
    attribute: z.string().min(1),
    op: z.enum(['eq', 'ne', 'gte', 'gt', 'lte', 'lt', 'in', 'present', 'absent']),
    value: z.union([scalar, z.array(scalar), paramRef]).optional(),
    whenMissing: z.enum(['match', 'skip']).default('skip'),
  }),
  z.strictObject({
    /** Time from attribute `from` to attribute `to` (or asOf when `to` is empty) exceeds the window: stale/late. */
    kind: z.literal('elapsed'),
    from: z.string().min(1),
    to: z.string().min(1).optional(),
    exceeds: windowRefSchema,
    /** When `from` is missing/null (e.g. a column that never had an update). */
    whenMissing: z.enum(['match', 'skip']).default('match'),
  }),
  z.strictObject({
    /** The attribute date falls inside the look-back window before asOf (e.g. activities in the last year). */
    kind: z.literal('within'),
    attribute: z.string().min(1),
    window: windowRefSchema,
    whenMissing: z.enum(['match', 'skip']).default('skip'),
  }),
]);
export type Filter = z.infer<typeof filterSchema>;

/** How occurrences are counted: distinct findings, distinct columns (url), distinct problems, or an attribute. */
export const countBySchema = z.union([z.enum(['finding', 'column', 'subject']), z.strictObject({ attribute: z.string().min(1) })]);
export type CountBy = z.infer<typeof countBySchema>;

const countThreshold = z.union([z.number().int().positive(), paramRef]);

const indicatorBase = {
  id: indicatorId,
  level1: z.string().min(1),
  level2: z.string().min(1),
  appliesTo: z.array(z.enum(TARGET_CLASSES)).min(1),
  /** Every finding type that can feed this indicator (veto clauses must stay within it). */
  findingTypes: z.array(findingType).min(1),
  filters: z.array(filterSchema).default([]),
  countBy: countBySchema.default('subject'),
  params: z.record(z.string(), paramSchema).default({}),
  citation: citationSchema,
  /** true = clause and numbers are verbatim from the cited document ([V]). */
  verified: z.boolean(),
  /** Fields of a verified indicator whose values are nevertheless product defaults (e.g. cap). */
  unverifiedFields: z.array(z.string()).default([]),
  /**
   * Official annex sentence. Placeholders: {points} {total} {count} {evidence} {reasons} {level1} {level2}.
   * Example: 其他栏目存在应更新未更新的，每发现一处，扣{points}分。共扣{total}分。{evidence}
   */
  annexTemplate: z.string().min(1),
  note: z.string().optional(),
};

export const vetoClauseSchema = z.strictObject({
  id: z.string().min(1),
  /** Reason printed in the annex (不合格原因). */
  label: z.string().min(1),
  findingTypes: z.array(findingType).min(1),
  filters: z.array(filterSchema).default([]),
  countBy: countBySchema.optional(),
  minCount: countThreshold.default(1),
});
export type VetoClause = z.infer<typeof vetoClauseSchema>;

const pointsIndicator = {
  ...indicatorBase,
  points,
  /** occurrence: points × count (capped); target: points once when count ≥ minCount. */
  per: z.enum(['occurrence', 'target']),
  cap: points.optional(),
  minCount: countThreshold.default(1),
  /** No double counting: columns already counted by these indicators are not counted again here. */
  dedup: z.strictObject({ skipColumnsCountedBy: z.array(indicatorId).min(1) }).optional(),
};

export const indicatorSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...indicatorBase, kind: z.literal('veto'), clauses: z.array(vetoClauseSchema).min(1) }),
  z.strictObject({ ...pointsIndicator, kind: z.literal('deduction') }),
  z.strictObject({ ...pointsIndicator, kind: z.literal('bonus') }),
]);
export type Indicator = z.infer<typeof indicatorSchema>;
export type VetoIndicator = Extract<Indicator, { kind: 'veto' }>;
export type PointsIndicator = Extract<Indicator, { kind: 'deduction' | 'bonus' }>;

export const columnClassSchema = z.strictObject({
  name: z.string().min(1),
  examples: z.array(z.string()).default([]),
  level: z.number().int().positive().optional(),
  /** Stale when not updated within this window before asOf. */
  window: duration.optional(),
  /** How far back activities/messages are considered. */
  lookback: duration.optional(),
  /** Deadline for a follow-up (e.g. survey feedback) after an activity ends. */
  feedback: duration.optional(),
  /** Finding types that imply this class when the finding has no columnClass attribute. */
  findingTypes: z.array(findingType).default([]),
  verified: z.boolean(),
  citation: citationSchema.optional(),
  note: z.string().optional(),
});
export type ColumnClass = z.infer<typeof columnClassSchema>;

const multiplier = z.strictObject({ numerator: z.number().int().positive(), denominator: z.number().int().positive() });

export const websiteScoringSchema = z.strictObject({
  /** 扣分指标分值为100分 */
  fullMarks: param(points),
  /** 低于passMark 判定为不合格 */
  passMark: param(points),
  /** 高于bonusEntryMark 进入加分指标评分环节 (strict: true = 高于, false = 不低于). */
  bonusEntryMark: param(points),
  bonusEntryStrict: param(z.boolean()),
  bonusCap: param(points),
  bonusAppliesTo: param(z.array(z.enum(TARGET_CLASSES))),
  /** Departments without external services: drop these level-1 categories, score the rest × multiplier. */
  noExternalServices: param(
    z.strictObject({ excludedLevel1: z.array(z.string().min(1)).min(1), remainingMarks: points, multiplier }),
  ),
  /** Decimal places of a scaled score (0 or 1; arithmetic is in tenths), rounded half up. */
  scoreDecimals: param(z.union([z.literal(0), z.literal(1)])),
});
export const accountScoringSchema = z.strictObject({
  /** null = pass/fail by vetoes only (national); an overlay may define a local point scale. */
  pointScale: param(z.strictObject({ fullMarks: points, passMark: points }).nullable()),
});
export const scoringSchema = z.strictObject({ website: websiteScoringSchema, account: accountScoringSchema });
export type Scoring = z.infer<typeof scoringSchema>;

const header = {
  id: kebab,
  name: z.string().min(1),
  version,
  effectiveDate: isoDate,
  description: z.string().optional(),
  notes: z.array(z.string()).default([]),
  documents: z.record(z.string(), documentSchema).default({}),
};

/** A complete rule set (the national base, or any overlay after resolution). */
export const baseRuleSetSchema = z.strictObject({
  ...header,
  scoring: scoringSchema,
  columnClasses: z.record(kebab, columnClassSchema),
  indicators: z.array(indicatorSchema).min(1),
});
export type BaseRuleSetDocument = z.infer<typeof baseRuleSetSchema>;

/** A provincial/city overlay: inherits `extends` and adds, removes, re-weights or re-thresholds indicators. */
export const overlayRuleSetSchema = z.strictObject({
  ...header,
  extends: z.strictObject({ id: kebab, version }),
  /** Partial scoring parameters: each named parameter given here replaces the inherited one. */
  scoring: z
    .strictObject({
      website: z.record(z.string(), z.unknown()).optional(),
      account: z.record(z.string(), z.unknown()).optional(),
    })
    .default({}),
  /** Whole column classes added or replaced, or partial field patches of inherited ones. */
  columnClasses: z.record(kebab, z.record(z.string(), z.unknown())).default({}),
  indicators: z
    .strictObject({
      add: z.array(z.unknown()).default([]),
      remove: z.array(indicatorId).default([]),
      /** Field-level patch of an inherited indicator (arrays and objects replace the inherited value). */
      override: z.record(indicatorId, z.record(z.string(), z.unknown())).default({}),
    })
    .default({ add: [], remove: [], override: {} }),
});
export type OverlayRuleSetDocument = z.infer<typeof overlayRuleSetSchema>;
