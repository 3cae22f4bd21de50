// Column names → ColumnClass ids of the rule set (libs/rule-sets/rule-sets/national-2019/1.0.0.yaml
// columnClasses). Names vary by site (本地要闻/工作动态/动态资讯 …); patterns are ordered, first match wins.
export type ColumnClass =
  | 'homepage' | 'news' | 'notice' | 'policy' | 'interpretation' | 'personnel' | 'planning' | 'service-stats'
  | 'message-public' | 'consultation' | 'survey' | 'interview' | 'institution' | 'leadership' | 'account' | 'other';

const PATTERNS: [ColumnClass, RegExp, number][] = [
  ['interpretation', /政策解读|解读|图解|一图读懂|问答|答记者问/, 0.95],
  ['service-stats', /办事统计|办件统计|办件公示|办理情况统计|服务统计|办件量/, 0.95],
  ['message-public', /留言公开|留言选登|留言回复|来信选登|信件公开|信件选登|咨询回复|答复公开|网民留言|留言办理/, 0.95],
  ['consultation', /网上咨询|在线咨询|我要咨询|咨询投诉|政务咨询|信箱|我要留言|在线留言|留言板|12345/, 0.85],
  ['consultation', /^(互动交流|政民互动|公众互动|互动平台|政民互动平台)$/, 0.6],
  ['survey', /调查征集|意见征集|建言献策|网上调查|民意征集|征求意见|网上征集|问卷调查|民意调查/, 0.95],
  ['interview', /在线访谈|访谈|在线直播|新闻发布会|发布会|在线交流/, 0.85],
  ['institution', /机构职能|机构设置|机构概况|机构简介|部门职能|主要职责|职能职责|内设机构|政府机构|单位简介/, 0.95],
  ['leadership', /领导信息|领导之窗|领导简介|领导分工|政府领导|领导班子|现任领导|局领导|领导成员/, 0.95],
  ['personnel', /人事信息|人事任免|人事|干部任免|任免|公务员招录|招录|招聘|考录/, 0.9],
  ['planning', /规划计划|规划信息|发展规划|工作计划|规划|计划总结|工作要点/, 0.9],
  ['notice', /通知公告|公示公告|公告公示|通知|公告|公示|通告/, 0.95],
  ['policy', /政策文件|规范性文件|政府文件|市政府文件|县政府文件|区政府文件|政府令|政策法规|法规文件|文件|政策/, 0.9],
  ['news', /要闻|动态|新闻|资讯|时政|工作进展|工作信息|政务信息|信息快递|头条|图片新闻|热点/, 0.9],
];

const OTHER_HINT = /统计信息|统计数据|统计|财政|预决算|资金|专题|概况|信息公开指南|年报|目录|数据/;

export interface ColumnClassification {
  columnClass: ColumnClass;
  level: 1 | 2;
  confidence: number;
}

function classOf(name: string): { cls: ColumnClass; confidence: number } | null {
  const n = name.replace(/\s+/g, '');
  if (!n) return null;
  if (/^(首页|网站首页)$/.test(n)) return { cls: 'homepage', confidence: 1 };
  // 统计信息/财政资金 are "other" even though 信息 would hint at news
  if (/统计信息|统计数据|财政资金|财政预决算|预决算/.test(n)) return { cls: 'other', confidence: 0.9 };
  for (const [cls, re, c] of PATTERNS) if (re.test(n)) return { cls, confidence: c };
  if (OTHER_HINT.test(n)) return { cls: 'other', confidence: 0.8 };
  return null;
}

/** Section (channel) names above the column level: 新闻中心, 政府信息公开, 政务服务, 公众互动 … */
const CHANNEL = /^(新闻中心|新闻动态|政府信息公开|信息公开|政务公开|政务服务|网上办事|公众互动|互动交流|政民互动|走进.+|.+概况|专题专栏)$/;

/**
 * ColumnClass of a column name (rule-set ids), with its level: 2 when a parent column (not a channel)
 * sits between it and the channel in the breadcrumb, or when `parentName` is a column.
 */
export function classifyColumn(name: string, ctx: { breadcrumb?: string[]; url?: string; parentName?: string } = {}): ColumnClassification {
  const own = classOf(name);
  let level: 1 | 2 = 1;
  if (ctx.parentName && !CHANNEL.test(ctx.parentName.replace(/\s+/g, '')) && !/^(首页|网站首页)$/.test(ctx.parentName)) level = 2;
  if (ctx.breadcrumb && ctx.breadcrumb.length) {
    const trail = ctx.breadcrumb.map((s) => s.replace(/\s+/g, '')).filter((s) => !/^(首页|网站首页|当前位置)$/.test(s));
    const i = trail.lastIndexOf(name.replace(/\s+/g, ''));
    const above = (i >= 0 ? trail.slice(0, i) : trail).filter((s) => !CHANNEL.test(s));
    if (above.length >= 1) level = 2;
    if (!own) {
      // the nearest named column above it in the trail decides
      const last = [...(i >= 0 ? trail.slice(0, i) : trail)].reverse().map(classOf).find((c) => c && c.cls !== 'homepage');
      if (last) return { columnClass: last.cls, level, confidence: last.confidence * 0.6 };
    }
  }
  if (own) return { columnClass: own.cls, level, confidence: own.confidence };
  if (ctx.parentName) {
    const p = classOf(ctx.parentName);
    if (p && p.cls !== 'homepage') return { columnClass: p.cls, level: 2, confidence: p.confidence * 0.6 };
  }
  return { columnClass: 'other', level, confidence: 0.3 };
}
