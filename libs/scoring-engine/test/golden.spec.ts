import { loadRuleSet } from '@govinspect/rule-sets';
import { scoreTarget, ScoringInputError } from '../src';
import { AS_OF, finding, PERIOD } from './helpers';

const national = loadRuleSet('national-2019');

describe('golden cards in the style of published bulletins (national-2019)', () => {
  it('portal: 动态要闻 (−5) + 留言公开 (−3) + one blank column (−2) = 90, enters bonus scoring', () => {
    const findings = [
      finding('portal-1', 'news-column-stale', '首页>新闻中心>嘉鱼要闻', { columnClass: 'news', lastUpdated: '2022-04-20' }, { id: 'p1-news' }),
      finding('portal-1', 'message-board-stale', '首页>公众互动>留言公开', { lastUpdated: '2022-02-28' }, { id: 'p1-msg' }),
      finding('portal-1', 'column-blank', '首页>政务公开>专题专栏>乡村振兴', { level: 2 }, { id: 'p1-blank' }),
      // A reviewer dismissed this one (the list is filled by JavaScript), so it must not count.
      finding('portal-1', 'column-stale', '首页>政务公开>人事信息', { lastUpdated: '2020-01-01' }, { id: 'p1-dismissed', review: { state: 'dismissed', by: 'inspector-7' } }),
    ];
    const card = scoreTarget({ ruleSet: national, target: { id: 'portal-1', kind: 'portal' }, findings, period: PERIOD, asOf: AS_OF });

    expect(card.result).toBe('passed-bonus');
    expect(card.resultLabel).toBe('合格并进入加分');
    expect(card.deductionTotal).toBe(10);
    expect(card.baseScore).toBe(90);
    expect(card.bonusEligible).toBe(true);
    expect(card.bonusTotal).toBe(0);
    expect(card.finalScore).toBe(90);
    expect(card.ruleSet).toEqual({ id: 'national-2019', version: '1.0.0', name: national.name, effectiveDate: '2019-06-01', lineage: ['national-2019@1.0.0'] });
    expect(card.deductions.map((l) => [l.indicatorId, l.count, l.total])).toEqual([
      ['W-D-NEWS', 1, 5],
      ['W-D-OTHER-BLANK', 1, 2],
      ['W-D-MESSAGE-PUBLIC', 1, 3],
    ]);
    expect(card.annex).toEqual({
      problems: [
        '动态要闻监测时间点前2周内未更新的，扣5分。共扣5分。首页>新闻中心>嘉鱼要闻',
        '其他栏目存在空白的，每发现一个，扣2分。共扣2分。首页>政务公开>专题专栏>乡村振兴',
        '留言公开监测时间点前2个月内未更新的，扣3分。共扣3分。首页>公众互动>留言公开',
      ].join('\n'),
      score: '90',
    });
    expect(card.findings.excluded).toEqual([{ findingId: 'p1-dismissed', reason: 'dismissed' }]);
    expect(card.deductions[0].evidence).toEqual([
      { findingId: 'p1-news', label: '首页>新闻中心>嘉鱼要闻', url: 'http://www.example.gov.cn/' + encodeURIComponent('首页>新闻中心>嘉鱼要闻'), archiveId: expect.any(String) },
    ]);
  });

  it('other columns not updated: the exact sentence of the Xianning annex', () => {
    const findings = [
      finding('portal-2', 'column-stale', '首页>魅力嘉鱼>嘉鱼概况>嘉鱼交通', { columnClass: 'other', lastUpdated: '2020-11-03' }),
      finding('portal-2', 'column-stale', '首页>公众互动>在线访谈>访谈预告', { lastUpdated: '2021-03-01' }),
    ];
    const card = scoreTarget({ ruleSet: national, target: { id: 'portal-2', kind: 'portal' }, findings, period: PERIOD, asOf: AS_OF });
    expect(card.deductions).toHaveLength(1);
    expect(card.deductions[0].annex).toBe(
      '其他栏目存在应更新未更新的，每发现一处，扣1分。共扣2分。首页>公众互动>在线访谈>访谈预告 首页>魅力嘉鱼>嘉鱼概况>嘉鱼交通',
    );
    expect(card.finalScore).toBe(98);
  });

  it('department: two offices without 办公时间 (−2) + no 公安机关备案标识 (−0.5) + 政策解读 stale 6 months (−5) = 92.5', () => {
    const findings = [
      finding('dept-1', 'institution-info-missing', '首页>政务公开>机构职能', { element: '办公时间', unit: '办公室', subject: '办公室未标明办公时间' }),
      finding('dept-1', 'institution-info-missing', '首页>政务公开>机构职能', { element: '办公时间', unit: '财务科', subject: '财务科未标明办公时间' }),
      finding('dept-1', 'footer-label-missing', '首页', { label: 'psb' }),
      finding('dept-1', 'interpretation-column-stale', '首页>政务公开>政策解读', { level: 1, lastUpdated: '2021-10-08' }),
    ];
    const card = scoreTarget({ ruleSet: national, target: { id: 'dept-1', kind: 'department' }, findings, period: PERIOD, asOf: AS_OF });
    expect(card.result).toBe('passed');
    expect(card.resultLabel).toBe('合格');
    expect(card.deductionTotal).toBe(7.5);
    expect(card.finalScore).toBe(92.5);
    expect(card.bonusEligible).toBe(false); // nationally 加分 applies to portals only
    expect(card.annex).toEqual({
      problems: [
        '监测时间点前6个月内政策解读类一级栏目未更新的，扣5分。共扣5分。首页>政务公开>政策解读',
        '机构职能信息不准确的，每发现一处，扣1分。共扣2分。首页>政务公开>机构职能（办公室未标明办公时间） 首页>政务公开>机构职能（财务科未标明办公时间）',
        '未在全站页面底部功能区清晰列明公安机关备案标识，扣0.5分。共扣0.5分。首页',
      ].join('\n'),
      score: '92.5',
    });
  });

  it('forged date: 一票否决 even though other deductions exist, and no other indicator is scored', () => {
    const findings = [
      finding('dept-2', 'forged-date', '首页>政务公开>意见征集>关于公开征求《五社联动》意见的公告', { subject: '征求意见期限写为2000年3月30日至2000年4月30日' }, { source: 'manual', review: { state: 'confirmed' } }),
      finding('dept-2', 'news-column-stale', '首页>新闻动态>工作动态', { lastUpdated: '2022-03-01' }),
      finding('dept-2', 'column-blank', '首页>政务公开>财政信息'),
    ];
    const card = scoreTarget({ ruleSet: national, target: { id: 'dept-2', kind: 'department' }, findings, period: PERIOD, asOf: AS_OF });
    expect(card.result).toBe('failed-veto');
    expect(card.resultLabel).toBe('不合格(单项否决)');
    expect(card.vetoes).toHaveLength(1);
    expect(card.vetoes[0].indicatorId).toBe('W-V1');
    expect(card.vetoes[0].reasons).toEqual([{ clauseId: '5', label: '存在弄虚作假行为（如伪造发稿日期等）', count: 1 }]);
    expect(card.deductions).toEqual([]);
    expect(card.bonuses).toEqual([]);
    expect(card.finalScore).toBeNull();
    expect(card.deductionTotal).toBeNull();
    expect(card.annex).toEqual({
      problems:
        '安全、泄密事故等严重问题：存在弄虚作假行为（如伪造发稿日期等），即单项否决。首页>政务公开>意见征集>关于公开征求《五社联动》意见的公告（征求意见期限写为2000年3月30日至2000年4月30日）',
      score: '一票否决',
    });
  });

  it('department without external services: 办事服务 not checked, (75 − 7) × 4/3 = 90.7 (half up)', () => {
    const findings = [
      finding('dept-3', 'news-column-stale', '首页>工作动态', { lastUpdated: '2022-04-01' }),
      finding('dept-3', 'column-blank', '首页>政务公开>规划计划'),
      finding('dept-3', 'service-guide-incomplete', '首页>办事服务>事项A', { element: '设定依据', subject: '事项A' }, { id: 'dept-3-guide' }),
    ];
    const card = scoreTarget({ ruleSet: national, target: { id: 'dept-3', kind: 'department', externalServices: false }, findings, period: PERIOD, asOf: AS_OF });
    expect(card.targetClass).toBe('department-no-external-services');
    expect(card.scaling).toEqual({ remainingMarks: 75, numerator: 4, denominator: 3 });
    expect(card.deductionTotal).toBe(7);
    expect(card.baseScore).toBe(90.7);
    expect(card.finalScore).toBe(90.7);
    expect(card.result).toBe('passed');
    expect(card.deductions.some((l) => l.level1 === '办事服务')).toBe(false);
    expect(card.findings.unused).toEqual(['dept-3-guide']);
    // Same findings on a department with external services: 100 − 7 − 2 (办事指南 one element class) = 91.
    const withServices = scoreTarget({ ruleSet: national, target: { id: 'dept-3', kind: 'department' }, findings, period: PERIOD, asOf: AS_OF });
    expect(withServices.finalScore).toBe(91);
  });

  it('75 × 4/3 with no deductions is exactly 100', () => {
    const card = scoreTarget({ ruleSet: national, target: { id: 'dept-4', kind: 'department', externalServices: false }, findings: [], period: PERIOD, asOf: AS_OF });
    expect(card.finalScore).toBe(100);
  });

  it('portal above 80 enters bonus scoring: 98 + 4 + 6 (capped) = 108', () => {
    const findings = [
      finding('portal-3', 'column-blank', '首页>专题专栏>老专题'),
      ...[1, 2].map((i) => finding('portal-3', 'good-practice', `首页>政策解读>图解${i}`, { category: '信息发布', subject: `图解政策${i}` })),
      ...[1, 2, 3, 4].map((i) => finding('portal-3', 'good-practice', `首页>智能搜索${i}`, { category: '功能设计', subject: `智能搜索能力${i}` })),
    ];
    const card = scoreTarget({ ruleSet: national, target: { id: 'portal-3', kind: 'portal' }, findings, period: PERIOD, asOf: AS_OF });
    expect(card.result).toBe('passed-bonus');
    expect(card.baseScore).toBe(98);
    expect(card.bonuses.map((l) => [l.indicatorId, l.count, l.total, l.capped])).toEqual([
      ['W-B-INFO', 2, 4, false],
      ['W-B-FUNCTION', 4, 6, true],
    ]);
    expect(card.bonusTotal).toBe(10);
    expect(card.finalScore).toBe(108);
    expect(card.annex.score).toBe('108');
    expect(card.bonuses[0].annex).toBe('信息发布加分项，每项加2分。共加4分。首页>政策解读>图解1（图解政策1） 首页>政策解读>图解2（图解政策2）');
  });

  it('bonus entry is strictly above 80: a portal at exactly 80 gets no bonus', () => {
    const findings = [
      ...['a', 'b', 'c', 'd'].map((x) => finding('portal-4', 'column-blank', `首页>空白栏目${x}`)), // −8
      finding('portal-4', 'news-column-stale', '首页>要闻', { lastUpdated: null }), // −5
      finding('portal-4', 'policy-column-stale', '首页>政策文件', { level: 1, lastUpdated: '2021-01-01' }), // −5
      finding('portal-4', 'service-stats-stale', '首页>办事统计', { lastUpdated: '2021-12-01' }), // −2
      finding('portal-4', 'good-practice', '首页>创新', { category: '创新发展' }),
    ];
    const card = scoreTarget({ ruleSet: national, target: { id: 'portal-4', kind: 'portal' }, findings, period: PERIOD, asOf: AS_OF });
    expect(card.baseScore).toBe(80);
    expect(card.result).toBe('passed');
    expect(card.bonusEligible).toBe(false);
    expect(card.finalScore).toBe(80);
  });

  it('the total bonus is capped at 30', () => {
    const cats = ['信息发布', '办事服务', '互动交流', '功能设计', '创新发展'];
    const findings = [
      ...cats.flatMap((c) => [1, 2, 3].map((i) => finding('portal-5', 'good-practice', `首页>${c}${i}`, { category: c }))),
      finding('portal-5', 'survey-activity-held', '首页>调查征集>问卷1', { startedAt: '2022-01-10' }),
    ];
    const card = scoreTarget({ ruleSet: national, target: { id: 'portal-5', kind: 'portal' }, findings, period: PERIOD, asOf: AS_OF });
    expect(card.bonuses.reduce((s, l) => s + l.total, 0)).toBe(31);
    expect(card.bonusTotal).toBe(30);
    expect(card.finalScore).toBe(130);
  });

  it('a column penalised as blank is not penalised again as stale under the catch-all', () => {
    const findings = [
      finding('portal-6', 'column-blank', '首页>政务公开>统计信息', {}, { id: 'b' }),
      finding('portal-6', 'column-stale', '首页>政务公开>统计信息', { lastUpdated: null }, { id: 's' }),
    ];
    const card = scoreTarget({ ruleSet: national, target: { id: 'portal-6', kind: 'portal' }, findings, period: PERIOD, asOf: AS_OF });
    expect(card.deductions.map((l) => [l.indicatorId, l.total])).toEqual([['W-D-OTHER-BLANK', 2]]);
    expect(card.findings.excluded).toEqual([{ findingId: 's', reason: 'deduplicated' }]);
    expect(card.finalScore).toBe(98);
  });

  it('windows are re-checked at asOf: a column updated inside its window does not count', () => {
    const findings = [finding('portal-7', 'news-column-stale', '首页>要闻', { lastUpdated: '2022-05-02' }, { id: 'inside' })];
    const card = scoreTarget({ ruleSet: national, target: { id: 'portal-7', kind: 'portal' }, findings, period: PERIOD, asOf: AS_OF });
    expect(card.deductions).toEqual([]);
    expect(card.findings.unused).toEqual(['inside']);
    const later = scoreTarget({ ruleSet: national, target: { id: 'portal-7', kind: 'portal' }, findings, period: PERIOD, asOf: '2022-05-16T23:00:00+08:00' });
    expect(later.finalScore).toBe(100); // 2022-05-02 is still inside "前2周" of 2022-05-16
    const next = scoreTarget({ ruleSet: national, target: { id: 'portal-7', kind: 'portal' }, findings, period: { ...PERIOD, to: '2022-05-17T23:00:00+08:00' }, asOf: '2022-05-17T09:00:00+08:00' });
    expect(next.finalScore).toBe(95);
  });

  it('W-V2: failure ratio at (含) 5% vetoes, below does not', () => {
    const at = (ratio: number) =>
      scoreTarget({
        ruleSet: national,
        target: { id: 'portal-8', kind: 'portal' },
        findings: [finding('portal-8', 'site-unavailable', 'http://www.example.gov.cn/', { failureRatio: ratio, probes: 168, windowDays: 7 })],
        period: PERIOD,
        asOf: AS_OF,
      });
    expect(at(0.05).result).toBe('failed-veto');
    expect(at(0.05).annex.problems).toMatch(/^站点无法访问：监测1周内超过（含）15秒仍打不开的次数累计占比超过（含）5%，即单项否决。/);
    expect(at(0.049).result).toBe('passed-bonus');
  });

  it('W-V4: five key columns stale → 栏目不更新 veto; four → deductions only', () => {
    const stale = (n: number) => [
      ...Array.from({ length: n }, (_, i) => finding('portal-9', i % 2 ? 'notice-column-stale' : 'news-column-stale', `首页>栏目${i}`, { lastUpdated: '2021-01-01' })),
    ];
    const five = scoreTarget({ ruleSet: national, target: { id: 'portal-9', kind: 'portal' }, findings: stale(5), period: PERIOD, asOf: AS_OF });
    expect(five.vetoes.map((v) => [v.indicatorId, v.reasons.map((r) => r.clauseId)])).toEqual([['W-V4', ['1']]]);
    const four = scoreTarget({ ruleSet: national, target: { id: 'portal-9', kind: 'portal' }, findings: stale(4), period: PERIOD, asOf: AS_OF });
    expect(four.result).toBe('passed-bonus');
    expect(four.finalScore).toBe(95); // 动态要闻 −5 once; 通知公告 has no deduction of its own
  });

  it('W-V5: a consultation unanswered for more than 3 months within the last year vetoes', () => {
    const card = (receivedAt: string, repliedAt: string | null) =>
      scoreTarget({
        ruleSet: national,
        target: { id: 'portal-10', kind: 'portal' },
        findings: [finding('portal-10', 'message-unanswered', '首页>互动交流>咨询', { receivedAt, repliedAt })],
        period: PERIOD,
        asOf: AS_OF,
      });
    expect(card('2022-01-10', null).result).toBe('failed-veto');
    expect(card('2021-12-01', '2022-04-20').result).toBe('failed-veto');
    expect(card('2022-03-01', null).result).toBe('passed-bonus');
    expect(card('2021-03-01', null).result).toBe('passed-bonus'); // outside the 1-year look-back
  });

  it('new media: pass/fail by vetoes only nationally; 监测时间点内未更新 vs 开通以来从未更新', () => {
    const acct = (attrs: Record<string, unknown>) =>
      scoreTarget({
        ruleSet: national,
        target: { id: 'acct-1', kind: 'account' },
        findings: [finding('acct-1', 'account-not-updated', '“咸宁禁毒宣传”微信', attrs, { targetKind: 'account' })],
        period: PERIOD,
        asOf: AS_OF,
      });
    expect(acct({ lastUpdated: '2022-03-01' }).annex.problems).toBe('监测时间点内未更新');
    expect(acct({ lastUpdated: null }).annex.problems).toBe('开通以来从未更新');
    const fresh = acct({ lastUpdated: '2022-05-10' });
    expect(fresh.result).toBe('passed');
    expect(fresh.finalScore).toBeNull();
  });

  it('findings are only scored in their period and never after asOf', () => {
    const findings = [
      finding('portal-11', 'column-blank', '首页>旧栏目', {}, { id: 'old', asOf: '2022-03-01T09:00:00+08:00' }),
      finding('portal-11', 'column-blank', '首页>未来栏目', {}, { id: 'future', asOf: '2022-05-16T12:00:00+08:00' }),
    ];
    const card = scoreTarget({ ruleSet: national, target: { id: 'portal-11', kind: 'portal' }, findings, period: PERIOD, asOf: AS_OF });
    expect(card.finalScore).toBe(100);
    expect(card.findings.excluded).toEqual([
      { findingId: 'future', reason: 'out-of-period' },
      { findingId: 'old', reason: 'out-of-period' },
    ]);
  });

  it('confirmed-only review policy scores only confirmed findings', () => {
    const findings = [
      finding('portal-12', 'column-blank', '首页>甲', {}, { id: 'pending' }),
      finding('portal-12', 'column-blank', '首页>乙', {}, { id: 'ok', review: { state: 'confirmed' } }),
    ];
    const card = scoreTarget({ ruleSet: national, target: { id: 'portal-12', kind: 'portal' }, findings, period: PERIOD, asOf: AS_OF, options: { reviewPolicy: 'confirmed-only' } });
    expect(card.finalScore).toBe(98);
    expect(card.findings.excluded).toEqual([{ findingId: 'pending', reason: 'unconfirmed' }]);
  });

  it('bad input gets a classified error naming the field', () => {
    const other = finding('someone-else', 'column-blank', '首页>甲');
    expect(() => scoreTarget({ ruleSet: national, target: { id: 'portal-13', kind: 'portal' }, findings: [other], period: PERIOD, asOf: AS_OF })).toThrow(ScoringInputError);
    try {
      scoreTarget({ ruleSet: national, target: { id: 'portal-13', kind: 'portal' }, findings: [{ ...finding('portal-13', 'column-blank', 'x'), type: 'nope' } as never], period: PERIOD, asOf: 'yesterday' });
    } catch (e) {
      const err = e as ScoringInputError;
      expect(err.classification).toBe('scoring-input-invalid');
      expect(err.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['asOf', 'findings[0].type']));
    }
    expect.assertions(3);
  });
});

describe('provincial overlays', () => {
  it('city-2022 (pass at 80) turns a national pass into a fail', () => {
    const findings = [
      ...['a', 'b', 'c', 'd'].map((x) => finding('dept-9', 'column-blank', `首页>空白${x}`)), // −8
      finding('dept-9', 'news-column-stale', '首页>工作动态', { lastUpdated: '2022-01-04' }), // −5
      finding('dept-9', 'policy-column-stale', '首页>政策文件', { level: 1, lastUpdated: '2021-06-30' }), // −5
      finding('dept-9', 'message-board-stale', '首页>留言公开', { lastUpdated: '2022-01-04' }), // −3
      ...[1, 2].map((i) => finding('dept-9', 'column-stale', `首页>其他栏目${i}`, { lastUpdated: '2020-12-31' })), // −2
      ...['办公室', '法规科'].map((u) => finding('dept-9', 'institution-info-missing', '首页>机构职能', { element: '负责人姓名', unit: u, subject: `${u}负责人姓名缺失` })), // −2
    ];
    const input = { target: { id: 'dept-9', kind: 'department' as const }, findings, period: PERIOD, asOf: AS_OF };
    const nationalCard = scoreTarget({ ruleSet: national, ...input });
    const cityCard = scoreTarget({ ruleSet: loadRuleSet('city-2022'), ...input });
    expect([nationalCard.result, nationalCard.finalScore, nationalCard.passMark]).toEqual(['passed', 75, 60]);
    expect([cityCard.result, cityCard.resultLabel, cityCard.finalScore, cityCard.passMark]).toEqual(['failed-below-pass', '不合格(低于合格线)', 75, 80]);
    expect(cityCard.ruleSet.lineage).toEqual(['national-2019@1.0.0', 'city-2022@1.0.0']);
  });

  it('anhui-2020: 调查征集 bonus needs ≥ 6 activities in the last year (not by email) and gives 2', () => {
    const survey = (n: number, channel = 'web') =>
      Array.from({ length: n }, (_, i) => finding('portal-20', 'survey-activity-held', `首页>调查征集>问卷${i + 1}`, { startedAt: `2021-${String(7 + (i % 6)).padStart(2, '0')}-15`, channel }));
    const anhui = loadRuleSet('anhui-2020');
    const score = (rs = anhui, f = survey(6)) => scoreTarget({ ruleSet: rs, target: { id: 'portal-20', kind: 'portal' }, findings: f, period: PERIOD, asOf: AS_OF });
    expect(score().bonuses.map((l) => [l.indicatorId, l.count, l.total])).toEqual([['W-B-SURVEY', 6, 2]]);
    expect(score().finalScore).toBe(102);
    expect(score(anhui, survey(5)).bonusTotal).toBe(0);
    expect(score(anhui, survey(6, 'email')).bonusTotal).toBe(0);
    expect(score(national, survey(1)).bonusTotal).toBe(1); // national default (unverified)
  });

  it('hubei-2022: an unfiled account fails; nationally the same finding is not scored', () => {
    const findings = [finding('acct-9', 'account-unfiled', '“嘉鱼旅游”今日头条', {}, { targetKind: 'account', id: 'unfiled' })];
    const input = { target: { id: 'acct-9', kind: 'account' as const }, findings, period: PERIOD, asOf: AS_OF };
    const hubei = scoreTarget({ ruleSet: loadRuleSet('hubei-2022'), ...input });
    expect([hubei.result, hubei.annex.problems, hubei.annex.score]).toEqual(['failed-veto', '湖北省未备案', '一票否决']);
    const nat = scoreTarget({ ruleSet: national, ...input });
    expect([nat.result, nat.findings.unused]).toEqual(['passed', ['unfiled']]);
  });

  it('city-2022: accounts get a local point scale', () => {
    const reposts = (n: number) => Array.from({ length: n }, (_, i) => finding('acct-10', 'mandated-repost-missing', `“文化咸宁”微信 第${i + 1}条`, {}, { targetKind: 'account' }));
    const city = loadRuleSet('city-2022');
    const two = scoreTarget({ ruleSet: city, target: { id: 'acct-10', kind: 'account' }, findings: reposts(2), period: PERIOD, asOf: AS_OF });
    expect([two.result, two.finalScore]).toEqual(['passed', 80]);
    const five = scoreTarget({ ruleSet: city, target: { id: 'acct-10', kind: 'account' }, findings: reposts(5), period: PERIOD, asOf: AS_OF });
    expect([five.deductions[0].total, five.deductions[0].capped, five.finalScore]).toEqual([40, true, 60]);
  });
});
