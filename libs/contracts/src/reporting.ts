import { z } from 'zod';
import { defineEvent } from './define-event';
import { periodSchema } from './inspection';
import { REGION_CODE_PATTERN } from './patterns';

const isoDateTime = z.string().datetime({ offset: true });

/** An inspection round's bulletin (通报) was published; rectification tasks open with it. */
export const roundPublished = defineEvent(
  'reporting.round-published',
  1,
  z.object({
    roundId: z.string().min(1),
    name: z.string().min(1),
    office: z.string().min(1),
    regionCode: z.string().regex(REGION_CODE_PATTERN),
    period: periodSchema,
    asOf: isoDateTime,
    ruleSetId: z.string().min(1),
    publishedAt: isoDateTime,
    sitesChecked: z.number().int().nonnegative(),
    sitesPassed: z.number().int().nonnegative(),
    accountsChecked: z.number().int().nonnegative(),
    accountsPassed: z.number().int().nonnegative(),
    rectificationTasks: z.number().int().nonnegative(),
  }),
);

/** A rectification task (整改) passed its deadline without a confirmed fix. */
export const rectificationOverdue = defineEvent(
  'reporting.rectification-overdue',
  1,
  z.object({
    taskId: z.string().min(1),
    roundId: z.string().min(1),
    targetId: z.string().min(1),
    targetName: z.string().min(1),
    regionCode: z.string().regex(REGION_CODE_PATTERN),
    problem: z.string().min(1),
    deadline: isoDateTime,
    detectedAt: isoDateTime,
    /** The same problem was reported in an earlier round too. */
    repeat: z.boolean(),
  }),
);
