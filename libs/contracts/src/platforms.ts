// The closed (but extendable: add a row) list of new-media platforms a government account may be filed on.
// Labels are written as the 全国政务新媒体信息报送系统 export and offices' own lists write them; the first
// label is the canonical one. contentType decides sampling: reposting samples only text-type accounts.

export type PlatformId =
  | 'wechat-subscription'
  | 'wechat-service'
  | 'weibo'
  | 'douyin'
  | 'kuaishou'
  | 'toutiao'
  | 'baijiahao'
  | 'qiehao'
  | 'bilibili'
  | 'mini-program'
  | 'app';

export interface PlatformInfo {
  id: PlatformId;
  /** Chinese labels as filing systems write them; the first is canonical. */
  labels: readonly string[];
  contentType: 'text' | 'video';
}

export const PLATFORMS: readonly PlatformInfo[] = [
  // A bare 微信公众号 is most often a subscription account, so it maps there.
  { id: 'wechat-subscription', labels: ['微信公众号', '微信订阅号', '微信', '公众号', '微信公众号（订阅号）'], contentType: 'text' },
  { id: 'wechat-service', labels: ['微信服务号', '微信公众号（服务号）'], contentType: 'text' },
  { id: 'weibo', labels: ['新浪微博', '微博'], contentType: 'text' },
  { id: 'douyin', labels: ['抖音', '抖音号'], contentType: 'video' },
  { id: 'kuaishou', labels: ['快手', '快手号'], contentType: 'video' },
  { id: 'toutiao', labels: ['今日头条', '头条号', '头条'], contentType: 'text' },
  { id: 'baijiahao', labels: ['百家号', '百度百家号'], contentType: 'text' },
  { id: 'qiehao', labels: ['企鹅号', '腾讯企鹅号'], contentType: 'text' },
  { id: 'bilibili', labels: ['哔哩哔哩', 'B站', 'bilibili'], contentType: 'video' },
  { id: 'mini-program', labels: ['小程序', '微信小程序'], contentType: 'text' },
  { id: 'app', labels: ['移动客户端', 'APP', '客户端', '政务APP'], contentType: 'text' },
];

/** Full-width ASCII → half-width, ideographic space → space; then drop all spaces and lower-case Latin. */
export function normalizeLabel(s: string): string {
  return s
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .replace(/[()]/g, (c) => (c === '(' ? '（' : '）'))
    .toLowerCase();
}

const BY_LABEL = new Map<string, PlatformId>();
for (const p of PLATFORMS) for (const l of [p.id, ...p.labels]) BY_LABEL.set(normalizeLabel(l), p.id);

/** The platform a filing system's label names, or null when the label is not one we know. */
export function platformByLabel(label: string): PlatformId | null {
  return BY_LABEL.get(normalizeLabel(label)) ?? null;
}

export function platformInfo(id: PlatformId): PlatformInfo {
  const p = PLATFORMS.find((x) => x.id === id);
  if (!p) throw new Error(`unknown platform ${id}`);
  return p;
}
