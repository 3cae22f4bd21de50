import { z } from 'zod';
import { defineEvent } from './define-event';
import { REGION_CODE_PATTERN } from './patterns';

const isoDateTime = z.string().datetime({ offset: true });

/**
 * A scoring period (检查周期): a quarter (`2026Q4`), a month (`2026-11`) or an ad-hoc spot check. Score cards are
 * kept per target and period; a round (reporting) names the period it inspects.
 */
export const periodSchema = z.object({
  key: z.string().min(1),
  kind: z.enum(['quarter', 'month', 'ad-hoc']),
  /** Inclusive ISO instants. */
  from: isoDateTime,
  to: isoDateTime,
});
export type PeriodRef = z.infer<typeof periodSchema>;

/** How the crawl service should run an inspection; every field has a service default. */
export const inspectionOptionsSchema = z.object({
  /** Render pages in headless Chromium (JS-filled lists, screenshots, axe-core). */
  render: z.boolean().optional(),
  /** Operator override: crawl paths robots.txt disallows (recorded with the inspection). */
  ignoreRobots: z.boolean().optional(),
  pageBudget: z.number().int().positive().optional(),
  maxDepth: z.number().int().nonnegative().optional(),
});
export type InspectionOptions = z.infer<typeof inspectionOptionsSchema>;

/**
 * A request to inspect sites (检查): from a reporting round, a rectification recheck (复核), an inspector, or the
 * schedule. Keyed by inspectionId. Scope is explicit site ids, or a region (with its sub-regions when asked) that
 * the crawl service expands from its own copy of the register.
 */
export const inspectionRequested = defineEvent(
  'reporting.inspection-requested',
  1,
  z
    .object({
      inspectionId: z.string().min(1),
      reason: z.enum(['round', 'recheck', 'manual', 'schedule']),
      siteIds: z.array(z.string().uuid()).optional(),
      regionCode: z.string().regex(REGION_CODE_PATTERN).optional(),
      includeSubRegions: z.boolean().default(true),
      /** 监测时间点: every window counts back from it. */
      asOf: isoDateTime,
      period: periodSchema,
      ruleSetId: z.string().min(1),
      ruleSetVersion: z.string().min(1).optional(),
      options: inspectionOptionsSchema.optional(),
      /** Set for a recheck: the rectification task and the problem to look for again. */
      recheck: z
        .object({ taskId: z.string().min(1), findingType: z.string().min(1), url: z.string().min(1), subject: z.string().optional() })
        .optional(),
    })
    .refine((p) => (p.siteIds?.length ?? 0) > 0 || !!p.regionCode, { message: 'siteIds or regionCode is required', path: ['siteIds'] }),
);

/** One site's inspection is over (findings were emitted before this, in `crawl.findings-recorded` batches). */
export const inspectionCompleted = defineEvent(
  'crawl.inspection-completed',
  1,
  z.object({
    inspectionId: z.string().min(1),
    runId: z.string().min(1),
    siteId: z.string().uuid(),
    regionCode: z.string().regex(REGION_CODE_PATTERN),
    asOf: isoDateTime,
    startedAt: isoDateTime,
    completedAt: isoDateTime,
    /** partial: the page budget or a deadline cut the crawl short; failed: nothing could be inspected. */
    status: z.enum(['completed', 'partial', 'failed']),
    pagesFetched: z.number().int().nonnegative(),
    findings: z.number().int().nonnegative(),
    findingsByType: z.record(z.string(), z.number().int().nonnegative()),
    /** For a recheck: whether the problem was found again. */
    recheck: z.object({ taskId: z.string().min(1), stillPresent: z.boolean(), findingIds: z.array(z.string()) }).optional(),
    error: z.string().optional(),
  }),
);
