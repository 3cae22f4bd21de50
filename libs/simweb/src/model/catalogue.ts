// Default column layout of a site, patterned on the navigation of real portals and department sites
// (新闻中心 / 政府信息公开 / 政务服务 / 公众互动). Scenarios override or remove columns by key.
import type { ColumnClass } from '../scenario/schema';

export interface Section {
  key: string;
  name: string;
  path: string;
}

export interface CatalogueColumn {
  key: string;
  name: string;
  class: ColumnClass;
  section: string;
  path: string;
  level: 1 | 2;
  parent?: string;
  /** Columns shown as blocks on the homepage. */
  onHomepage?: boolean;
}

export const SECTIONS: Section[] = [
  { key: 'xwzx', name: '新闻中心', path: '/xwzx/' },
  { key: 'zwgk', name: '政府信息公开', path: '/zwgk/' },
  { key: 'zwfw', name: '政务服务', path: '/zwfw/' },
  { key: 'hdjl', name: '公众互动', path: '/hdjl/' },
];

const C = (
  key: string, name: string, cls: ColumnClass, section: string, path: string,
  extra: Partial<CatalogueColumn> = {},
): CatalogueColumn => ({ key, name, class: cls, section, path, level: 1, ...extra });

const SHARED_GK: CatalogueColumn[] = [
  C('notice', '通知公告', 'notice', 'zwgk', '/zwgk/tzgg/', { onHomepage: true }),
  C('policy', '政策文件', 'policy', 'zwgk', '/zwgk/zcwj/', { onHomepage: true }),
  C('interpretation', '政策解读', 'interpretation', 'zwgk', '/zwgk/zcjd/', { onHomepage: true }),
  C('personnel', '人事信息', 'personnel', 'zwgk', '/zwgk/rsxx/'),
  C('planning', '规划计划', 'planning', 'zwgk', '/zwgk/ghjh/'),
  C('institution', '机构职能', 'institution', 'zwgk', '/zwgk/jgzn/'),
  C('leader', '领导信息', 'leadership', 'zwgk', '/zwgk/ldxx/'),
];

export const PORTAL_COLUMNS: CatalogueColumn[] = [
  C('news', '本地要闻', 'news', 'xwzx', '/xwzx/bdyw/', { onHomepage: true }),
  C('dept-news', '部门动态', 'news', 'xwzx', '/xwzx/bmdt/', { onHomepage: true }),
  C('county-news', '区县动态', 'news', 'xwzx', '/xwzx/qxdt/'),
  ...SHARED_GK,
  C('policy-gov', '市政府文件', 'policy', 'zwgk', '/zwgk/zcwj/szfwj/', { level: 2, parent: 'policy' }),
  C('stats', '统计信息', 'other', 'zwgk', '/zwgk/tjxx/'),
  C('finance', '财政资金', 'other', 'zwgk', '/zwgk/czzj/'),
  C('service-stats', '办事统计', 'service-stats', 'zwfw', '/zwfw/bstj/'),
  C('messages', '留言公开', 'message-public', 'hdjl', '/hdjl/lygk/'),
  C('survey', '调查征集', 'survey', 'hdjl', '/hdjl/dczj/'),
  C('interview', '在线访谈', 'interview', 'hdjl', '/hdjl/zxft/'),
  C('interview-preview', '访谈预告', 'interview', 'hdjl', '/hdjl/zxft/ftyg/', { level: 2, parent: 'interview' }),
];

export const DEPARTMENT_COLUMNS: CatalogueColumn[] = [
  C('news', '工作动态', 'news', 'xwzx', '/xwzx/gzdt/', { onHomepage: true }),
  ...SHARED_GK,
  C('messages', '留言公开', 'message-public', 'hdjl', '/hdjl/lygk/'),
  C('survey', '调查征集', 'survey', 'hdjl', '/hdjl/dczj/'),
];

/** Classes rendered as a single page rather than an item list. */
export const SINGLE_PAGE_CLASSES: ReadonlySet<ColumnClass> = new Set(['institution', 'leadership']);
