import { BulletinData } from './bulletin-data';
import { changeText, ordinal, percent, score } from './chinese-format';

/** One block of the bulletin body; the .docx writer maps kinds to the official-document styles. */
export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'body'; text: string; lead?: string }
  | { kind: 'h1'; text: string }
  | { kind: 'chart'; chart: 'region-pass-rate' | 'score-distribution' }
  | { kind: 'signature'; text: string };

/** A、B、C等3家单位 (one unit is named alone; long lists are cut after `max` names). */
const unitList = (units: string[], max = 8) =>
  units.length === 1 ? units[0] : `${units.slice(0, max).join('、')}等${units.length}家单位`;
const names = (units: string[], max = 8) => (units.length <= max ? units.join('、') : unitList(units, max));

/** 附件 titles: 2026年第四季度全市政府网站检查情况表 … (the round name without its trailing 检查 / 政府网站与政务新媒体). */
export const ANNEX_TITLES = (d: BulletinData) => {
  const stem = d.round.name.replace(/检查$/, '').replace(/政府网站(与|和)政务新媒体$/, '');
  return [`${stem}政府网站检查情况表`, `${stem}政务新媒体检查情况表`, `${stem}不合格政务新媒体名单`];
};

export function bulletinTitle(d: BulletinData): string {
  return `关于${d.round.name}情况的通报`;
}

/** The prose of the bulletin, every number taken from the data model. */
export function bulletinBlocks(d: BulletinData): Block[] {
  const s = d.sites;
  const a = d.accounts;
  const out: Block[] = [{ kind: 'title', text: bulletinTitle(d) }];
  out.push({
    kind: 'body',
    text: `根据${d.round.basis}要求，${d.round.office}以${d.round.asOf}为监测时间点，组织开展了${d.round.name}工作。现将有关情况通报如下：`,
  });

  out.push({ kind: 'h1', text: '一、总体情况' });
  const groups = s.groups.map((g) => `${g.label}${g.count}家，平均得分为${score(g.average)}分`).join('；');
  const high = s.highScorers.length
    ? `${names(s.highScorers)}等${s.highScorers.length}家网站得分${s.highScoreMark}分及以上，得分较高，占比${percent(s.highScoreShare)}`
    : `无网站得分达到${s.highScoreMark}分`;
  out.push({
    kind: 'body',
    lead: `${ordinal(0)}政府网站检查情况。`,
    text:
      `本次共检查${d.round.regionName}${s.checked}家政府网站，检查比例${percent(s.coverage)}；` +
      `其中合格${s.passed}家，不合格${s.failed}家（单项否决${s.vetoed}家），总体合格率为${percent(s.passRate)}${changeText(s.passRate, s.previousPassRate)}。` +
      (groups ? `${groups}。` : '') +
      `${high}。${s.bonusEntered}家网站进入加分指标评分环节，占比${percent(s.bonusShare)}。`,
  });
  out.push({ kind: 'chart', chart: 'region-pass-rate' });
  out.push({ kind: 'chart', chart: 'score-distribution' });
  out.push({
    kind: 'body',
    lead: `${ordinal(1)}政务新媒体检查情况。`,
    text: a.available
      ? `本次共检查政务新媒体${a.checked}个，其中不合格${a.failed}个，总体合格率为${percent(a.passRate)}${changeText(a.passRate, a.previousPassRate)}。`
      : a.placeholder,
  });
  if (d.previous) {
    const p = d.previous;
    const parts = [`${p.name}通报中发现问题${p.tasks}个，已整改并经复查确认${p.closed}个`];
    if (p.stillPresent.length) {
      parts.push(`经复查，${p.stillPresent.map((x) => `${x.unit}（${x.problem}）`).join('、')}仍未按要求完成整改`);
    }
    if (p.pending.length) parts.push(`${p.pending.map((x) => `${x.unit}（${x.problem}）`).join('、')}整改尚未完成复查`);
    out.push({ kind: 'body', lead: `${ordinal(2)}上一轮通报问题整改情况。`, text: `${parts.join('；')}。` });
  }

  out.push({ kind: 'h1', text: '二、存在问题' });
  if (d.problems.length === 0) out.push({ kind: 'body', text: '本次检查未发现突出问题。' });
  d.problems.forEach((g, i) => {
    out.push({
      kind: 'body',
      lead: `${ordinal(i)}${g.kind}${g.veto ? '（单项否决）' : ''}。`,
      text: `${unitList(g.units)}存在${g.kind}方面问题${g.veto ? '，被判定为不合格' : ''}。`,
    });
  });
  if (!a.available) out.push({ kind: 'body', lead: `${ordinal(d.problems.length)}政务新媒体。`, text: a.placeholder });

  out.push({ kind: 'h1', text: '三、下一步工作要求' });
  for (const p of d.requirements) out.push({ kind: 'body', text: p });

  const titles = ANNEX_TITLES(d);
  out.push({ kind: 'body', text: `附件：1.${titles[0]}` });
  out.push({ kind: 'body', text: `2.${titles[1]}` });
  out.push({ kind: 'body', text: `3.${titles[2]}` });
  out.push({ kind: 'signature', text: d.round.office });
  out.push({ kind: 'signature', text: d.round.publishDateText });
  return out;
}

/** Fill an office's template paragraph: {office}, {deadline} (Chinese date) and {roundName}. */
export function fillRequirement(template: string, d: { office: string; deadlineText: string | null; roundName: string }): string {
  return template
    .replace(/\{office\}/g, d.office)
    .replace(/\{deadline\}/g, d.deadlineText ?? '规定期限')
    .replace(/\{roundName\}/g, d.roundName);
}

export const DEFAULT_REQUIREMENTS = [
  '（一）抓好问题整改。各地、各部门要对照本次通报指出的问题和附件所列情况逐项整改，查明原因、分类整治，确保问题整改到位不反弹，并于{deadline}前将整改情况报送{office}。',
  '（二）加强日常监管。严格落实值班读网和信息发布审核制度，及时更新空白栏目和应更新未更新栏目，确保政府网站和政务新媒体安全平稳运行。',
  '（三）规范政务新媒体管理。按照“先备案、后开设”原则做好开设、变更、关停注销管理，对“僵尸”“空壳”账号坚决予以清理。',
  '{office}将对整改情况进行复核，并适时通报复核结果。',
];
