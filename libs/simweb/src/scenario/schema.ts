// The scenario language. Every date is a span before the scenario's monitoring time point (asOf),
// written like `14d`, `6M`, `1y2M`, so a scenario means the same thing at any asOf.
import { z } from 'zod';

const span = z.string().regex(/^(\d+\s*(y|M|w|d|h|m|s)\s*)+$/, 'a span like 14d, 6M, 1y2M, 3h30m');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm');

export const COLUMN_CLASSES = [
  'news', 'notice', 'policy', 'interpretation', 'personnel', 'planning', 'service-stats',
  'message-public', 'survey', 'interview', 'institution', 'leadership', 'other',
] as const;
export type ColumnClass = (typeof COLUMN_CLASSES)[number];

export const DATE_FORMATS = ['iso', 'slash', 'bracket-md', 'md', 'cn', 'label', 'tooltip'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export const TEMPLATES = ['hanweb', 'trs', 'aspnet'] as const;
export const CHARSETS = ['utf-8', 'gbk', 'gb18030'] as const;
export const CHARSET_DECLARATIONS = ['header', 'meta', 'both', 'none', 'wrong'] as const;
export const PLATFORMS = ['wechat', 'weibo', 'douyin', 'toutiao'] as const;
export type Platform = (typeof PLATFORMS)[number];
export const FOOTER_LABELS = ['conac', 'siteCode', 'icp', 'psb', 'hostUnit', 'jiucuo'] as const;
export type FooterLabel = (typeof FOOTER_LABELS)[number];

/** Overrides for one column of a site; columns are addressed by their key in the site's column catalogue. */
export const columnOverride = z
  .object({
    name: z.string().min(1).optional(),
    class: z.enum(COLUMN_CLASSES).optional(),
    items: z.number().int().min(0).max(100_000).optional(),
    newest: span.optional().describe('age of the newest item'),
    interval: z.number().positive().max(3650).optional().describe('days between consecutive items'),
    dateFormat: z.enum(DATE_FORMATS).optional(),
    pinned: z.number().int().min(0).max(5).optional().describe('old items pinned at the top of the list'),
    commentedOut: z.boolean().optional().describe('a newer item left inside an HTML comment (must be ignored)'),
    staleAttribute: z.boolean().optional().describe('a stale template date in an alt= attribute'),
    jsFilled: z.boolean().optional().describe('the list is written by JavaScript from a JSON array'),
    onHomepage: z.boolean().optional(),
    removed: z.boolean().optional().describe('drop this column from the site'),
  })
  .strict();

const brokenLink = z
  .object({
    type: z.literal('broken-link'),
    kind: z.enum(['404', '500', 'timeout', 'unresolvable', 'closed-domain']),
    on: z.enum(['homepage', 'article']).default('homepage'),
  })
  .strict();

export const siteDefect = z.discriminatedUnion('type', [
  z.object({ type: z.literal('homepage-status'), status: z.number().int().min(400).max(599) }).strict(),
  z.object({ type: z.literal('homepage-hang') }).strict(),
  z
    .object({
      type: z.literal('availability'),
      downWindows: z
        .array(z.object({ from: span, to: span, mode: z.enum(['reset', '503', 'hang']).default('reset') }).strict())
        .default([])
        .describe('from/to: spans before asOf'),
      slowShare: z.number().min(0).max(1).default(0),
      slowMs: z.number().int().min(0).max(120_000).default(16_000),
      errorShare: z.number().min(0).max(1).default(0),
      resetShare: z.number().min(0).max(1).default(0),
    })
    .strict(),
  brokenLink,
  z.object({ type: z.literal('footer-label-missing'), labels: z.array(z.enum(FOOTER_LABELS)).min(1) }).strict(),
  z.object({ type: z.literal('footer-label-malformed'), labels: z.array(z.enum(['siteCode', 'icp', 'psb'])).min(1) }).strict(),
  z.object({ type: z.literal('meta-sitecode-empty') }).strict(),
  z
    .object({
      type: z.literal('hidden-link'),
      technique: z.enum(['display-none', 'visibility-hidden', 'offscreen', 'text-indent', 'tiny-font', 'same-color', 'hidden-iframe', 'js-write']),
      count: z.number().int().min(1).max(50).default(3),
    })
    .strict(),
  z.object({ type: z.literal('spam-keywords'), count: z.number().int().min(1).max(10).default(4) }).strict(),
  z.object({ type: z.literal('title-hijack') }).strict(),
  z.object({ type: z.literal('keyword-hijack') }).strict(),
  z.object({ type: z.literal('cloaking') }).strict(),
  z.object({ type: z.literal('referrer-redirect') }).strict(),
  z
    .object({
      type: z.literal('privacy-leak'),
      kind: z.enum(['id-number', 'mobile', 'bank-card']),
      where: z.enum(['article', 'attachment']).default('article'),
      column: z.string().default('notice'),
      item: z.number().int().min(0).default(1),
    })
    .strict(),
  z.object({ type: z.literal('forged-date'), kind: z.enum(['year-2000', 'start-equals-end']) }).strict(),
  z
    .object({ type: z.literal('outdated-institution-name'), column: z.string().default('news'), item: z.number().int().min(0).default(2) })
    .strict(),
  z
    .object({ type: z.literal('wording-error'), column: z.string().default('news'), item: z.number().int().min(0).default(0), entry: z.number().int().min(0).optional() })
    .strict(),
  z.object({ type: z.literal('search-broken'), mode: z.enum(['500', 'no-results', 'maintenance']).default('no-results') }).strict(),
]);
export type SiteDefect = z.infer<typeof siteDefect>;

export const consultation = z
  .object({
    reply: z.enum(['answer', 'never', 'empty']).default('answer'),
    replyAfter: span.default('4h').describe('working time between posting and the published answer'),
    workingHours: z.array(z.tuple([hhmm, hhmm])).default([['09:00', '12:00'], ['14:00', '18:00']]),
    minLength: z.number().int().min(0).default(0),
    onePerDay: z.boolean().default(false),
    openHours: z.tuple([hhmm, hhmm]).optional(),
    lookup: z.boolean().default(true),
  })
  .strict();
export type ConsultationConfig = z.infer<typeof consultation>;

export const siteSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    name: z.string().min(1),
    host: z.string().regex(/^[a-z0-9.-]+$/i),
    kind: z.enum(['portal', 'department']),
    region: z.string().regex(/^\d{6}$/),
    siteCode: z.string().regex(/^(\d{10}|bm\d{8})$/),
    hostUnit: z.string().min(1),
    operatorUnit: z.string().min(1).optional(),
    icpNumber: z.string().min(1).optional(),
    psbNumber: z.string().min(1).optional(),
    template: z.enum(TEMPLATES).default('hanweb'),
    charset: z.enum(CHARSETS).default('utf-8'),
    charsetDeclaration: z.enum(CHARSET_DECLARATIONS).default('both'),
    ipv6: z.boolean().default(true),
    https: z.boolean().default(true),
    columns: z.record(z.string(), columnOverride).default({}),
    institution: z
      .object({ missing: z.array(z.enum(['officeHours', 'leaderName', 'address', 'phone'])).default([]) })
      .strict()
      .prefault({}),
    leaders: z
      .object({ count: z.number().int().min(0).max(12).default(4), missing: z.array(z.enum(['photo', 'resume', 'duties'])).default([]) })
      .strict()
      .prefault({}),
    policyLinks: z
      .object({
        pairs: z.number().int().min(0).default(3),
        oneWay: z.number().int().min(0).default(0).describe('解读 links to its policy, the policy does not link back'),
        missing: z.number().int().min(0).default(0).describe('解读 does not link to its policy'),
        uninterpreted: z.number().int().min(0).default(0).describe('major policies without any 解读'),
      })
      .strict()
      .prefault({}),
    surveys: z
      .object({ count: z.number().int().min(0).default(4), feedbackMissing: z.number().int().min(0).default(0) })
      .strict()
      .prefault({}),
    messages: z
      .object({
        count: z.number().int().min(0).default(30),
        newest: span.default('2d'),
        interval: z.number().positive().default(3),
        replyDays: z.tuple([z.number().min(0), z.number().min(0)]).default([1, 5]),
        unanswered: z.number().int().min(0).default(0).describe('messages older than the reply window still unanswered'),
      })
      .strict()
      .prefault({}),
    consultation: consultation.prefault({}),
    defects: z.array(siteDefect).default([]),
  })
  .strict();
export type SiteSpec = z.infer<typeof siteSchema>;

export const accountSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    name: z.string().min(1),
    platform: z.enum(PLATFORMS),
    hostUnit: z.string().min(1),
    region: z.string().regex(/^\d{6}$/),
    state: z.enum(['active', 'stale', 'never-updated', 'stopped']).default('active'),
    posts: z.number().int().min(0).max(10_000).default(40),
    newest: span.default('1d'),
    interval: z.number().positive().default(2),
    comments: z.enum(['open', 'closed']).default('open'),
    filing: z.enum(['filed', 'unfiled', 'name-mismatch']).default('filed'),
    reposts: z.enum(['correct', 'altered', 'missing']).default('correct'),
    wordingError: z.boolean().default(false),
  })
  .strict();
export type AccountSpec = z.infer<typeof accountSchema>;

/** A block of accounts expanded deterministically from the scenario seed (for realistic mixes). */
export const accountGroupSchema = z
  .object({
    count: z.number().int().min(1).max(100_000),
    prefix: z.string().regex(/^[a-z0-9-]+$/).default('acct'),
    platforms: z.array(z.enum(PLATFORMS)).min(1).default([...PLATFORMS]),
    share: z
      .object({
        stale: z.number().min(0).max(1).default(0),
        neverUpdated: z.number().min(0).max(1).default(0),
        stopped: z.number().min(0).max(1).default(0),
        commentsClosed: z.number().min(0).max(1).default(0),
        unfiled: z.number().min(0).max(1).default(0),
        nameMismatch: z.number().min(0).max(1).default(0),
        repostAltered: z.number().min(0).max(1).default(0),
        repostMissing: z.number().min(0).max(1).default(0),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export const scenarioSchema = z
  .object({
    version: z.literal(1),
    name: z.string().min(1),
    seed: z.number().int().default(1),
    asOf: z.string().datetime({ offset: true }).describe('default monitoring time point; --as-of overrides it'),
    regions: z
      .array(
        z
          .object({
            code: z.string().regex(/^\d{6}$/),
            name: z.string().min(1),
            level: z.enum(['province', 'city', 'county']),
            parent: z.string().regex(/^\d{6}$/).optional(),
          })
          .strict(),
      )
      .min(1),
    units: z
      .array(z.object({ name: z.string().min(1), region: z.string().regex(/^\d{6}$/), kind: z.enum(['government', 'department']) }).strict())
      .default([]),
    assignedArticles: z
      .array(z.object({ id: z.string().min(1), title: z.string().min(1), source: z.string().min(1), published: span }).strict())
      .default([]),
    sites: z.array(siteSchema).default([]),
    accounts: z.array(accountSchema).default([]),
    accountGroups: z.array(accountGroupSchema).default([]),
  })
  .strict();
export type ScenarioSpec = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
