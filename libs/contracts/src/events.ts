import { z } from 'zod';
import { accountRegistered } from './accounts';
import { defineEvent } from './define-event';
import { findingsRecorded } from './findings';
import { inspectionCompleted, inspectionRequested } from './inspection';
import { REGION_CODE_PATTERN, SITE_CODE_PATTERN } from './patterns';
import { scorecardPublished } from './scoring';
import { rectificationOverdue, roundPublished } from './reporting';



export const SiteKind = { PORTAL: 'portal', DEPARTMENT: 'department' } as const;
export type SiteKind = (typeof SiteKind)[keyof typeof SiteKind];

/** Failure classes of an availability probe (W-V2). Permanent vs transient is decided by the fetcher. */
export const ProbeFailure = {
  DNS: 'dns',
  REFUSED: 'refused',
  RESET: 'reset',
  TLS: 'tls',
  TIMEOUT: 'timeout',
  HTTP_STATUS: 'http-status',
  GUARDED: 'guarded',
  OTHER: 'other',
} as const;
export type ProbeFailure = (typeof ProbeFailure)[keyof typeof ProbeFailure];

export const siteRegistered = defineEvent(
  'registry.site-registered',
  1,
  z.object({
    siteId: z.string().uuid(),
    name: z.string().min(1),
    url: z.string().url(),
    siteCode: z.string().regex(SITE_CODE_PATTERN),
    regionCode: z.string().regex(REGION_CODE_PATTERN),
    kind: z.enum([SiteKind.PORTAL, SiteKind.DEPARTMENT]),
    hostUnit: z.string().min(1),
  }),
);

export const probeRecorded = defineEvent(
  'crawl.probe-recorded',
  1,
  z.object({
    probeId: z.string().uuid(),
    siteId: z.string().uuid(),
    regionCode: z.string().regex(REGION_CODE_PATTERN),
    url: z.string(),
    probedAt: z.string().datetime({ offset: true }),
    ok: z.boolean(),
    httpStatus: z.number().int().nullable(),
    ms: z.number().int().nonnegative(),
    failure: z.enum(Object.values(ProbeFailure) as [ProbeFailure, ...ProbeFailure[]]).nullable(),
    /** Probes our side could not make are voided and never count against the site. */
    voided: z.boolean().default(false),
  }),
);

/** Every contract, for tools that create topics or list them in docs. */
export const ALL_EVENTS = [
  siteRegistered,
  accountRegistered,
  probeRecorded,
  findingsRecorded,
  inspectionRequested,
  inspectionCompleted,
  scorecardPublished,
  roundPublished,
  rectificationOverdue,
];
