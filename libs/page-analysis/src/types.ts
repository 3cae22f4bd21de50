// Facts an inspector reads off one government page. Perception only: no rule windows, no clock.

export type PageKind = 'homepage' | 'list' | 'article' | 'single' | 'search' | 'other';

export type HiddenTechnique =
  | 'display-none' | 'visibility-hidden' | 'opacity' | 'offscreen' | 'text-indent'
  | 'tiny-font' | 'same-color' | 'hidden-iframe' | 'js-write' | 'comment' | 'zero-size';

export type LinkRegion = 'nav' | 'footer' | 'body' | 'friend-links' | 'breadcrumb';

export interface PageLink {
  url: string;
  text: string;
  region: LinkRegion;
  hidden: HiddenTechnique | null;
  rel: string | null;
}

export interface ListItem {
  title: string;
  url: string;
  /** yyyy-MM-dd */
  date: string | null;
  /** yyyy-MM-ddTHH:mm when the list writes a time (tooltips, 留言时间), else null. */
  dateTime?: string | null;
  dateText: string | null;
  pinned: boolean;
}

export interface ListBlock {
  heading: string | null;
  moreUrl: string | null;
  /** 'empty': list container without items; 'script-filled': empty container an inline script fills. */
  container: 'static' | 'empty' | 'script-filled';
  items: ListItem[];
}

export interface ArticleFacts {
  title: string;
  /** yyyy-MM-dd or yyyy-MM-ddTHH:mm */
  publishedAt: string | null;
  dateText: string | null;
  source: string | null;
  bodyText: string;
  attachments: string[];
  relatedLinks: { text: string; url: string }[];
  /** 信息公开 table: 索引号 主题分类 发布机构 成文日期 文号 发布日期 … */
  infoTable: Record<string, string> | null;
}

export interface FooterLabels {
  conac: { present: boolean; href: string | null };
  siteCode: { value: string | null; valid: boolean; text: string | null; source: 'footer' | 'meta' | null; metaValue: string | null };
  icp: { value: string | null; valid: boolean; text: string | null };
  psb: { value: string | null; valid: boolean; text: string | null };
  hostUnit: { value: string | null };
  errorReport: { present: boolean; href: string | null };
}

export interface NavEntry {
  text: string;
  url: string;
  level: 1 | 2;
}

export interface HiddenLink {
  url: string;
  text: string;
  technique: HiddenTechnique;
}

export interface PageAnalysis {
  url: string;
  title: string;
  /** Every <meta name=… content=…> (original names as keys; the first occurrence wins, see metaAll). */
  meta: Record<string, string>;
  /** Every occurrence of every named meta (a second keywords meta in the body is a hijack sign). */
  metaAll: { name: string; content: string }[];
  pageKind: PageKind;
  breadcrumb: string[] | null;
  nav: NavEntry[];
  lists: ListBlock[];
  pagination: { pageCount: number | null; pageUrls: string[] };
  article: ArticleFacts | null;
  footer: FooterLabels;
  links: PageLink[];
  /** Hidden links judged to be a link farm (external, non-government hosts); see findHiddenLinks. */
  hiddenLinks: HiddenLink[];
  /** Visible text (no script/style/comments/hidden elements). */
  text: string;
  /** The site-search form, when the page has one. */
  searchForm: SearchForm | null;
  /** Every form (action absolutised, method, input names): consultation and search forms. */
  forms: { action: string; method: 'get' | 'post'; inputs: string[] }[];
}

export interface SearchForm {
  action: string;
  method: 'get' | 'post';
  queryParam: string | null;
  /** e.g. http://www.x.gov.cn/search/?q={q} (GET forms only). */
  urlTemplate: string | null;
}
