// LOCAL column classifier (page-analysis's classifyColumn is not published yet): the column's own name first, then
// its breadcrumb path; class ids are the rule set's columnClasses keys (glossary ColumnClass).
export interface ColumnClassification {
  columnClass: string;
  confidence: number;
}

const RULES: [RegExp, string][] = [
  [/解读|图解|答记者问/, 'interpretation'],
  [/留言|信箱|咨询|来信/, 'message-public'],
  [/调查|征集|征求意见/, 'survey'],
  [/访谈/, 'interview'],
  [/机构职能|机构设置|机构概况|部门职能|职能/, 'institution'],
  [/领导/, 'leader'],
  [/办事统计|办件统计|办件/, 'service-stats'],
  [/通知|公告|公示|通告/, 'notice'],
  [/政策|文件|规范性|法规/, 'policy'],
  [/要闻|动态|新闻|资讯|工作进展|图片/, 'news'],
  [/人事|招聘|任免|招考/, 'personnel'],
  [/规划|计划/, 'planning'],
];

export function classifyColumn(name: string, ctx: { breadcrumb?: string[] } = {}): ColumnClassification {
  for (const [re, cls] of RULES) if (re.test(name)) return { columnClass: cls, confidence: 0.9 };
  const path = (ctx.breadcrumb ?? []).slice(1, -1).reverse();
  for (const p of path) for (const [re, cls] of RULES) if (re.test(p)) return { columnClass: cls, confidence: 0.6 };
  return { columnClass: 'other', confidence: 0.5 };
}

/** Classes shown as one page rather than an item list; never stale or blank. */
export const SINGLE_PAGE_CLASSES = new Set(['institution', 'leader']);
