import { z } from 'zod';
import { defineEvent } from './define-event';
import { REGION_CODE_PATTERN } from './patterns';
import { PLATFORMS, type PlatformId } from './platforms';

const platformIds = PLATFORMS.map((p) => p.id) as [PlatformId, ...PlatformId[]];

/**
 * A government new-media account (政务新媒体账号) entered the register, from a filing-system import. Keyed by the
 * register's id; (platform, accountId) is the account's identity on its platform.
 */
export const accountRegistered = defineEvent(
  'registry.account-registered',
  1,
  z.object({
    accountRecordId: z.string().uuid(),
    platform: z.enum(platformIds),
    accountId: z.string().min(1),
    name: z.string().min(1),
    url: z.string().url().nullable(),
    regionCode: z.string().regex(REGION_CODE_PATTERN),
    hostUnit: z.string().min(1),
    contentType: z.enum(['text', 'video']),
    state: z.enum(['running', 'stopped', 'deregistered']),
  }),
);
