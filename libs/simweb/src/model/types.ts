import type { ColumnClass, ConsultationConfig, DateFormat, FooterLabel, Platform, SiteDefect } from '../scenario/schema';

export type SiteKind = 'portal' | 'department';
export type Template = 'hanweb' | 'trs' | 'aspnet';
export type Charset = 'utf-8' | 'gbk' | 'gb18030';
export type CharsetDeclaration = 'header' | 'meta' | 'both' | 'none' | 'wrong';

export interface ColumnModel {
  key: string;
  name: string;
  class: ColumnClass;
  section: string;
  sectionName: string;
  path: string;
  level: 1 | 2;
  parent?: string;
  /** e.g. ['首页', '政府信息公开', '通知公告'] */
  breadcrumb: string[];
  count: number;
  newestAt: Date;
  intervalDays: number;
  dateFormat: DateFormat;
  pinned: number;
  commentedOut: boolean;
  staleAttribute: boolean;
  jsFilled: boolean;
  onHomepage: boolean;
  single: boolean;
}

export interface Attachment {
  ext: 'docx' | 'xlsx' | 'pdf';
  name: string;
  path: string;
}

export interface Item {
  column: ColumnModel;
  index: number;
  /** Pinned items live before index 0 and carry an old date. */
  pinned: boolean;
  date: Date;
  title: string;
  path: string;
  docNo?: string;
  attachments: Attachment[];
}

/** An article-level injection decided when the site model is built (so ground truth needs no rendering). */
export interface ArticleInjection {
  column: string;
  index: number;
  where: 'article' | 'attachment';
  kind: 'privacy' | 'outdated-name' | 'wording-error' | 'forged-date';
  /** The exact text that appears in the served bytes. */
  text: string;
  /** Sentence that carries the text. */
  sentence: string;
  detail: Record<string, string>;
}

export interface SiteModel {
  id: string;
  num: number;
  name: string;
  host: string;
  kind: SiteKind;
  regionCode: string;
  siteCode: string;
  hostUnit: string;
  operatorUnit: string;
  icpNumber?: string;
  psbNumber?: string;
  template: Template;
  charset: Charset;
  charsetDeclaration: CharsetDeclaration;
  ipv6: boolean;
  https: boolean;
  seed: number;
  asOf: Date;
  columns: ColumnModel[];
  columnByKey: Map<string, ColumnModel>;
  columnByPath: Map<string, ColumnModel>;
  defects: SiteDefect[];
  footerMissing: Set<FooterLabel>;
  footerMalformed: Set<string>;
  injections: ArticleInjection[];
  institutionMissing: string[];
  leaders: { count: number; missing: string[] };
  policyLinks: { pairs: number; oneWay: number; missing: number; uninterpreted: number };
  surveys: { count: number; feedbackMissing: Set<number> };
  messages: { count: number; newestAt: Date; intervalDays: number; replyDays: [number, number]; unanswered: Set<number> };
  consultation: ConsultationConfig;
  /** 友情链接 to other sites of the scenario. */
  peers: { href: string; text: string }[];
}

export interface AccountModel {
  id: string;
  num: number;
  name: string;
  filedName: string;
  platform: Platform;
  hostUnit: string;
  regionCode: string;
  state: 'active' | 'stale' | 'never-updated' | 'stopped';
  posts: number;
  newestAt: Date;
  intervalDays: number;
  comments: 'open' | 'closed';
  filing: 'filed' | 'unfiled' | 'name-mismatch';
  reposts: 'correct' | 'altered' | 'missing';
  wordingError: boolean;
  /** Platform-side user id used in the platform's URLs. */
  uid: string;
}

export interface AssignedArticle {
  id: string;
  title: string;
  source: string;
  publishedAt: Date;
}

export interface RegionModel {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
  parent?: string;
}

export interface ScenarioModel {
  name: string;
  seed: number;
  asOf: Date;
  regions: RegionModel[];
  sites: SiteModel[];
  accounts: AccountModel[];
  assignedArticles: AssignedArticle[];
}
