// 机构职能 completeness (elements per the rule set's institution class citation) and 领导信息 (photo, resume, duties).
import * as cheerio from 'cheerio';
import type { FindingDraft } from '../finding';
import type { SiteView } from '../site-view';

const INSTITUTION_ELEMENTS: [string, RegExp][] = [
  ['机构职能', /主要职责|职能|职责/],
  ['机构设置', /内设机构|机构设置|下设/],
  ['办公地址', /(办公地址|地址)[ \t　]*[：:][ \t　]*\S{3,}/],
  ['办公时间', /办公时间[ \t　]*[：:][ \t　]*\S{3,}/],
  ['联系方式', /(联系电话|联系方式|电话)[ \t　]*[：:][ \t　]*[\d（(][\d\-－（）() ]{6,}/],
  ['负责人姓名', /(负责人|局长|主任)[ \t　]*[：:][ \t　]*[\u4e00-\u9fa5]{2,4}/],
];

const MAIN = '.jgzn, .ldxx, #zoom, .content, .main, .container, .wrap';

/** Text lines of the page's main content (header, navigation and footer excluded). */
function mainLines(html: string): { lines: string[]; $: cheerio.CheerioAPI; scope: ReturnType<cheerio.CheerioAPI> } {
  const $ = cheerio.load(html);
  const $m = $(MAIN).first();
  const scope = $m.length ? $m : $('body');
  const lines = scope.find('h1, h2, h3, h4, p, li, td, dd, dt').toArray().map((e) => $(e).text().replace(/\s+/g, ' ').trim()).filter(Boolean);
  return { lines, $, scope };
}

export function institutionInfo(view: SiteView): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const c of view.columns.filter((x) => x.columnClass === 'institution')) {
    if (!c.page.html || !c.page.analysis) continue;
    const { lines } = mainLines(c.page.html);
    const unit = c.page.analysis.footer.hostUnit.value ?? view.site.name;
    for (const [element, re] of INSTITUTION_ELEMENTS) {
      if (lines.some((l) => re.test(l))) continue;
      out.push({ type: 'institution-info-missing', url: c.url, breadcrumb: c.breadcrumb, archiveId: c.archiveId, evidence: `未标明${element}`, key: element, attributes: { element, unit } });
    }
  }
  return out;
}

const LEADER_PARTS: [string, (text: string, portraits: number) => boolean][] = [
  ['照片', (_t, portraits) => portraits > 0],
  ['简历', (t) => /简历|出生|年生|学历/.test(t)],
  ['分工', (t) => /分工|分管/.test(t)],
];

export function leaderInfo(view: SiteView): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const c of view.columns.filter((x) => x.columnClass === 'leadership')) {
    if (!c.page.html) continue;
    const { lines, $, scope } = mainLines(c.page.html);
    const text = lines.join(' ');
    if (!lines.length || (/暂无信息/.test(text) && text.length < 40)) continue;
    const portraits = scope.find('img').filter((_, i) => !/logo|dot\.|red\.png|ga\.png|jiucuo/i.test($(i).attr('src') ?? '')).length;
    for (const [element, has] of LEADER_PARTS) {
      if (has(text, portraits)) continue;
      out.push({ type: 'leader-info-missing', url: c.url, breadcrumb: c.breadcrumb, archiveId: c.archiveId, evidence: `领导信息缺少${element}`, key: element, attributes: { element } });
    }
  }
  return out;
}
