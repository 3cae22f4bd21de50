import { z } from 'zod';
import { defineEvent } from './define-event';

/**
 * Findings (检查结果 / 发现的问题): what the crawl service (machine) or an inspector (manual) detected on one
 * site or media account, with evidence. Scoring consumes them through the rule set's indicators; the rule set
 * decides which finding types feed which indicator, so this list is the vocabulary both sides share.
 *
 * `polarity: 'problem'` findings can only lower a score; `'achievement'` findings feed bonus (加分) indicators.
 * `feeds` names the national-2019 indicators that consume the type (documentation; the rule set is authoritative).
 */
export interface FindingTypeInfo {
  readonly zh: string;
  readonly polarity: 'problem' | 'achievement';
  readonly targets: readonly ('site' | 'account')[];
  /** Attributes the producer should set (see FindingAttributes). */
  readonly attributes: readonly string[];
  readonly feeds: readonly string[];
}

const site = ['site'] as const;
const account = ['account'] as const;
const both = ['site', 'account'] as const;

export const FINDING_TYPES = {
  // 单项否决 W-V1 / M-V1: 安全、泄密事故等严重问题
  'wording-error': { zh: '严重表述错误', polarity: 'problem', targets: both, attributes: ['subject'], feeds: ['W-V1', 'M-V1'] },
  'secret-leak': { zh: '泄露国家秘密', polarity: 'problem', targets: both, attributes: [], feeds: ['W-V1', 'M-V1'] },
  'illegal-content': { zh: '发布或链接反动、暴力、色情等内容', polarity: 'problem', targets: both, attributes: [], feeds: ['W-V1', 'M-V1'] },
  'hidden-link': { zh: '暗链', polarity: 'problem', targets: site, attributes: ['subject'], feeds: ['W-V1'] },
  'defacement': { zh: '页面被篡改（未及时有效处置）', polarity: 'problem', targets: site, attributes: [], feeds: ['W-V1'] },
  'malware-injection': { zh: '页面被挂马（未及时有效处置）', polarity: 'problem', targets: site, attributes: [], feeds: ['W-V1'] },
  'forged-date': { zh: '伪造发稿日期等弄虚作假', polarity: 'problem', targets: both, attributes: ['subject'], feeds: ['W-V1', 'M-V1'] },
  'falsification': { zh: '其他弄虚作假（如购买粉丝、强制点赞）', polarity: 'problem', targets: both, attributes: ['subject'], feeds: ['W-V1', 'M-V1'] },
  'negative-opinion': { zh: '因建设管理不当引发严重负面舆情', polarity: 'problem', targets: both, attributes: [], feeds: ['W-V1', 'M-V1'] },
  // W-V2 站点无法访问: the crawl aggregates probes over the window and reports the ratio; scoring applies the threshold.
  'site-unavailable': { zh: '站点无法访问', polarity: 'problem', targets: site, attributes: ['failureRatio', 'probes', 'failures', 'windowDays'], feeds: ['W-V2'] },
  // W-V3 首页不更新
  'homepage-not-updated': { zh: '首页不更新', polarity: 'problem', targets: site, attributes: ['lastUpdated', 'columnClass'], feeds: ['W-V3'] },
  // Column freshness (W-V4 and 发布解读 deductions). One finding per column; lastUpdated null = never updated.
  'news-column-stale': { zh: '动态要闻类栏目未更新', polarity: 'problem', targets: site, attributes: ['columnClass', 'lastUpdated', 'level'], feeds: ['W-V4', 'W-D-NEWS'] },
  'notice-column-stale': { zh: '通知公告类一级栏目未更新', polarity: 'problem', targets: site, attributes: ['columnClass', 'lastUpdated', 'level'], feeds: ['W-V4'] },
  'policy-column-stale': { zh: '政策文件类一级栏目未更新', polarity: 'problem', targets: site, attributes: ['columnClass', 'lastUpdated', 'level'], feeds: ['W-V4', 'W-D-POLICY'] },
  'interpretation-column-stale': { zh: '政策解读类一级栏目未更新', polarity: 'problem', targets: site, attributes: ['columnClass', 'lastUpdated', 'level'], feeds: ['W-V4', 'W-D-INTERP-COLUMN'] },
  'message-board-stale': { zh: '留言公开栏目未更新', polarity: 'problem', targets: site, attributes: ['columnClass', 'lastUpdated'], feeds: ['W-V4', 'W-D-MESSAGE-PUBLIC'] },
  'service-stats-stale': { zh: '办事统计数据未及时更新', polarity: 'problem', targets: site, attributes: ['columnClass', 'lastUpdated'], feeds: ['W-V4', 'W-D-SERVICE-STATS'] },
  'column-stale': { zh: '其他栏目应更新未更新', polarity: 'problem', targets: site, attributes: ['columnClass', 'lastUpdated', 'level'], feeds: ['W-V4', 'W-D-OTHER-STALE'] },
  'column-blank': { zh: '空白栏目', polarity: 'problem', targets: site, attributes: ['columnClass', 'level'], feeds: ['W-V4', 'W-D-OTHER-BLANK'] },
  // W-V5 互动回应差
  'consultation-channel-missing': { zh: '未提供网上有效咨询建言渠道', polarity: 'problem', targets: site, attributes: [], feeds: ['W-V5'] },
  'message-unanswered': { zh: '政务咨询留言超过3个月未回应', polarity: 'problem', targets: site, attributes: ['receivedAt', 'repliedAt', 'columnClass'], feeds: ['W-V5'] },
  // W-V6 服务不实用 and 办事服务 deductions
  'service-missing': { zh: '未提供办事服务', polarity: 'problem', targets: site, attributes: [], feeds: ['W-V6'] },
  'service-guide-incomplete': { zh: '办事指南要素缺失或不准确', polarity: 'problem', targets: site, attributes: ['element', 'subject'], feeds: ['W-V6', 'W-D-SERVICE-GUIDE'] },
  'service-form-missing': { zh: '表格样表缺失', polarity: 'problem', targets: site, attributes: ['subject'], feeds: ['W-D-SERVICE-FORM'] },
  'online-service-entry-missing': { zh: '在线办理入口缺失或不可用', polarity: 'problem', targets: site, attributes: ['subject'], feeds: ['W-D-SERVICE-ENTRY'] },
  // 发布解读 content
  'interpretation-missing': { zh: '抽查政策文件未被解读', polarity: 'problem', targets: site, attributes: ['subject'], feeds: ['W-D-INTERP-COVERAGE'] },
  'interpretation-link-missing': { zh: '解读稿与政策文件未相互关联', polarity: 'problem', targets: site, attributes: ['direction', 'subject'], feeds: ['W-D-INTERP-LINK'] },
  'institution-info-missing': { zh: '机构职能信息不准确', polarity: 'problem', targets: site, attributes: ['element', 'unit', 'subject'], feeds: ['W-D-INSTITUTION'] },
  'leader-info-missing': { zh: '负责人信息缺失', polarity: 'problem', targets: site, attributes: ['element', 'subject'], feeds: ['W-D-LEADER'] },
  'overview-info-missing': { zh: '概况信息缺失或陈旧', polarity: 'problem', targets: site, attributes: ['subject'], feeds: ['W-D-OVERVIEW'] },
  'data-release-missing': { zh: '数据发布缺失或陈旧', polarity: 'problem', targets: site, attributes: ['subject'], feeds: ['W-D-DATA'] },
  'response-missing': { zh: '未回应社会关切', polarity: 'problem', targets: site, attributes: ['subject'], feeds: ['W-D-RESPONSE'] },
  // 互动交流
  'survey-feedback-missing': { zh: '调查征集活动结束后1个月内无公开反馈结果', polarity: 'problem', targets: site, attributes: ['endedAt', 'feedbackAt', 'subject'], feeds: ['W-D-SURVEY-FEEDBACK'] },
  'message-stats-missing': { zh: '留言统计数据未公开', polarity: 'problem', targets: site, attributes: [], feeds: ['W-D-MESSAGE-STATS'] },
  'interview-missing': { zh: '在线访谈未开展或未公开', polarity: 'problem', targets: site, attributes: [], feeds: ['W-D-INTERVIEW'] },
  // 功能设计
  'footer-label-missing': { zh: '底部功能区标识缺失', polarity: 'problem', targets: site, attributes: ['label'], feeds: ['W-D-FOOTER-PSB', 'W-D-FOOTER-OTHER'] },
  'search-broken': { zh: '搜索功能缺失或不可用', polarity: 'problem', targets: site, attributes: ['subject'], feeds: ['W-D-SEARCH'] },
  'broken-link': { zh: '链接不可用', polarity: 'problem', targets: site, attributes: ['subject'], feeds: ['W-D-LINKS'] },
  'meta-tag-missing': { zh: '网页标签缺失', polarity: 'problem', targets: site, attributes: ['element'], feeds: ['W-D-META'] },
  'ipv6-unavailable': { zh: 'IPv6不可访问', polarity: 'problem', targets: site, attributes: [], feeds: ['W-D-IPV6'] },
  'domain-nonconforming': { zh: '域名不规范', polarity: 'problem', targets: site, attributes: ['subject'], feeds: ['W-D-DOMAIN'] },
  // Reported in bulletins (§7) but not scored by national-2019; overlays may score them.
  // Named by real bulletins (§7) and by the simulated web's ground truth; not scored by national-2019.
  'https-unavailable': { zh: 'HTTPS不可访问', polarity: 'problem', targets: site, attributes: [], feeds: [] },
  'footer-label-malformed': { zh: '页面标识格式错误', polarity: 'problem', targets: site, attributes: ['subject'], feeds: [] },
  'outdated-institution-name': { zh: '使用过时机构名称', polarity: 'problem', targets: both, attributes: ['subject'], feeds: [] },
  'privacy-leak': { zh: '个人隐私泄露', polarity: 'problem', targets: both, attributes: ['subject'], feeds: [] },
  'mandated-repost-missing': { zh: '重要信息未转载或转载不规范', polarity: 'problem', targets: both, attributes: ['subject'], feeds: [] },
  // 留言公开 [P]: published messages must show 留言时间 and 答复时间 (checklist §4); reported, scored by overlays only.
  'message-dates-missing': { zh: '公开留言未标明留言时间或答复时间', polarity: 'problem', targets: site, attributes: ['element', 'subject'], feeds: [] },
  // 功能设计: accessibility basics (axe-core on the rendered homepage); reported, not scored by national-2019.
  'accessibility-violation': { zh: '无障碍访问问题', polarity: 'problem', targets: site, attributes: ['element', 'subject'], feeds: [] },
  // Government new media (M-V2, M-V3 and provincial rules)
  'account-not-updated': { zh: '内容不更新', polarity: 'problem', targets: account, attributes: ['lastUpdated'], feeds: ['M-V2'] },
  'account-interaction-missing': { zh: '互动功能关闭或留言未回应', polarity: 'problem', targets: account, attributes: ['subject'], feeds: ['M-V3'] },
  'account-unfiled': { zh: '未备案', polarity: 'problem', targets: account, attributes: [], feeds: [] },
  'account-name-mismatch': { zh: '备案名称不一致', polarity: 'problem', targets: account, attributes: ['subject'], feeds: [] },
  'account-stopped-not-deregistered': { zh: '已停止更新但未注销', polarity: 'problem', targets: account, attributes: [], feeds: [] },
  'account-commercial-ad': { zh: '发布商业广告', polarity: 'problem', targets: account, attributes: ['subject'], feeds: [] },
  // Achievements feeding 加分 indicators
  'survey-activity-held': { zh: '开展在线调查征集活动', polarity: 'achievement', targets: site, attributes: ['startedAt', 'channel', 'subject'], feeds: ['W-B-SURVEY'] },
  'good-practice': { zh: '加分项（创新做法等）', polarity: 'achievement', targets: site, attributes: ['category', 'subject'], feeds: ['W-B-*'] },
} as const satisfies Record<string, FindingTypeInfo>;

export type FindingType = keyof typeof FINDING_TYPES;
export const FINDING_TYPE_IDS = Object.keys(FINDING_TYPES) as [FindingType, ...FindingType[]];

export const FindingTargetKind = { SITE: 'site', ACCOUNT: 'account' } as const;
export type FindingTargetKind = (typeof FindingTargetKind)[keyof typeof FindingTargetKind];

export const ReviewState = { PENDING: 'pending', CONFIRMED: 'confirmed', DISMISSED: 'dismissed' } as const;
export type ReviewState = (typeof ReviewState)[keyof typeof ReviewState];

const isoDateTime = z.string().datetime({ offset: true });
/** Dates on pages are often day-precision only, so attribute dates accept `yyyy-MM-dd` too. */
const isoDateOrDateTime = z.union([z.string().date(), isoDateTime]);
const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case');

/**
 * Typed known attributes; unknown keys are kept (passthrough) so a producer can add context without a contract bump.
 * Dates are ISO strings so that the finding stays JSON.
 */
export const findingAttributesSchema = z
  .object({
    /** Column class id from the rule set's columnClasses (news, notice, policy, interpretation, ...). */
    columnClass: kebab.optional(),
    /** 一级栏目 = 1, 二级栏目 = 2 ... */
    level: z.number().int().min(1).max(9).optional(),
    /** Date of the newest item in the column/account; null = never held any item. */
    lastUpdated: isoDateOrDateTime.nullable().optional(),
    /** W-V2: share of failed probes in the window, 0..1. */
    failureRatio: z.number().min(0).max(1).optional(),
    probes: z.number().int().nonnegative().optional(),
    failures: z.number().int().nonnegative().optional(),
    windowDays: z.number().int().positive().optional(),
    receivedAt: isoDateOrDateTime.optional(),
    repliedAt: isoDateOrDateTime.nullable().optional(),
    startedAt: isoDateOrDateTime.optional(),
    endedAt: isoDateOrDateTime.optional(),
    feedbackAt: isoDateOrDateTime.nullable().optional(),
    /** Which required element is missing (办公时间, 负责人姓名, 设定依据, SiteIDCode ...). */
    element: z.string().min(1).optional(),
    /** Office or sub-unit the finding is about (e.g. 办公室). */
    unit: z.string().min(1).optional(),
    /** Footer label: psb (公安机关备案标识), conac, site-code, icp, error-report (我为政府网站找错). */
    label: z.enum(['psb', 'conac', 'site-code', 'icp', 'error-report', 'host-unit', 'contact']).optional(),
    /** interpretation-link-missing: which side lacks the link. */
    direction: z.enum(['interpretation-to-policy', 'policy-to-interpretation']).optional(),
    /** survey-activity-held: channel used (web form, email ...); some provinces exclude email. */
    channel: z.string().min(1).optional(),
    /** Bonus category for good-practice (信息发布, 办事服务, 互动交流, 功能设计, 创新发展). */
    category: z.string().min(1).optional(),
    /**
     * What exactly is wrong, in the words an annex prints (e.g. 办公室未标明办公时间). Two findings with the same
     * url and subject are the same problem.
     */
    subject: z.string().min(1).optional(),
  })
  .passthrough();
export type FindingAttributes = z.infer<typeof findingAttributesSchema>;

export const findingReviewSchema = z.object({
  state: z.enum([ReviewState.PENDING, ReviewState.CONFIRMED, ReviewState.DISMISSED]),
  by: z.string().min(1).optional(),
  at: isoDateTime.optional(),
  note: z.string().optional(),
});
export type FindingReview = z.infer<typeof findingReviewSchema>;

export const findingSchema = z.object({
  id: z.string().min(1),
  type: z.enum(FINDING_TYPE_IDS),
  targetId: z.string().min(1),
  targetKind: z.enum([FindingTargetKind.SITE, FindingTargetKind.ACCOUNT]),
  /** When the finding was observed; scoring ignores findings observed after its own asOf. */
  asOf: isoDateTime,
  location: z.object({
    url: z.string().min(1),
    /** Column path as the annex prints it, e.g. 首页>公众互动>在线访谈>访谈预告 */
    breadcrumb: z.string().min(1).optional(),
  }),
  evidence: z.object({
    text: z.string(),
    /** Id of the archived page / screenshot in the evidence store. */
    archiveId: z.string().min(1).optional(),
  }),
  attributes: findingAttributesSchema.default({}),
  source: z.enum(['machine', 'manual']),
  review: findingReviewSchema.optional(),
});
export type Finding = z.infer<typeof findingSchema>;
/** What a producer passes in (attributes may be omitted). */
export type FindingInput = z.input<typeof findingSchema>;

/** Emitted by the crawl service (or the review UI) after a check of one target; keyed by targetId. */
export const findingsRecorded = defineEvent(
  'crawl.findings-recorded',
  1,
  z.object({
    targetId: z.string().min(1),
    targetKind: z.enum([FindingTargetKind.SITE, FindingTargetKind.ACCOUNT]),
    /** Monitoring time point of the check run that produced these findings. */
    asOf: isoDateTime,
    /** Check run id, so a consumer can replace the previous run's findings for the target. */
    runId: z.string().min(1),
    /** The inspection (round, recheck, manual) the run belongs to; absent for runs nobody requested by event. */
    inspectionId: z.string().min(1).optional(),
    /** Findings come in batches; the last batch of a run has final = true (the run's findings are then complete). */
    batch: z.object({ index: z.number().int().nonnegative(), final: z.boolean() }).optional(),
    findings: z.array(findingSchema),
  }),
);
