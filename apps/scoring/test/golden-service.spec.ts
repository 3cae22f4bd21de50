import { AS_OF, cardWhen, finding, Harness, PERIOD, recordFindings, registerSite, requestInspection, startScoring } from './harness';

/**
 * The engine's golden cases (libs/scoring-engine/test/golden.spec.ts) through the service: registration, inspection
 * and findings arrive as events, the card comes out of GraphQL with the same annex sentences. Real PostgreSQL.
 */
describe('golden cards through the scoring service', () => {
  jest.setTimeout(60_000);
  let h: Harness;
  const inspectionId = 'insp-xianning-2022-q2';

  beforeAll(async () => {
    h = await startScoring();
    await requestInspection(h, inspectionId);
  });
  afterAll(() => h?.close());

  it('portal: −5 − 3 − 2 = 90, enters bonus scoring, dismissed finding left out', async () => {
    const id = await registerSite(h, 'portal', '嘉鱼县人民政府');
    await recordFindings(
      h,
      id,
      [
        finding(id, 'news-column-stale', '首页>新闻中心>嘉鱼要闻', { columnClass: 'news', lastUpdated: '2022-04-20' }, { id: 'p1-news' }),
        finding(id, 'message-board-stale', '首页>公众互动>留言公开', { lastUpdated: '2022-02-28' }, { id: 'p1-msg' }),
        finding(id, 'column-blank', '首页>政务公开>专题专栏>乡村振兴', { level: 2 }, { id: 'p1-blank' }),
        finding(id, 'column-stale', '首页>政务公开>人事信息', { lastUpdated: '2020-01-01' }, { id: 'p1-dismissed', review: { state: 'dismissed', by: 'inspector-7' } }),
      ],
      { inspectionId },
    );
    const card = await cardWhen(h, id, PERIOD.key);
    expect(card).toMatchObject({
      version: 1,
      state: 'draft',
      targetName: '嘉鱼县人民政府',
      targetClass: 'portal',
      regionCode: '421221',
      group: 'county-portal',
      inspectionId,
      ruleSetId: 'national-2019',
      ruleSetVersion: '1.0.0',
      result: 'passed-bonus',
      resultLabel: '合格并进入加分',
      deductionTotal: 10,
      baseScore: 90,
      bonusTotal: 0,
      finalScore: 90,
    });
    expect(new Date(card.asOf).toISOString()).toBe(new Date(AS_OF).toISOString());
    expect(card.annex).toEqual({
      problems: [
        '动态要闻监测时间点前2周内未更新的，扣5分。共扣5分。首页>新闻中心>嘉鱼要闻',
        '其他栏目存在空白的，每发现一个，扣2分。共扣2分。首页>政务公开>专题专栏>乡村振兴',
        '留言公开监测时间点前2个月内未更新的，扣3分。共扣3分。首页>公众互动>留言公开',
      ].join('\n'),
      score: '90',
    });
    expect(card.deductions.map((l: any) => [l.indicatorId, l.count, l.total])).toEqual([
      ['W-D-NEWS', 1, 5],
      ['W-D-OTHER-BLANK', 1, 2],
      ['W-D-MESSAGE-PUBLIC', 1, 3],
    ]);
    expect(card.excludedFindings).toEqual(['p1-dismissed:dismissed']);
    const [ev] = card.deductions[0].evidence;
    expect(ev).toMatchObject({ findingId: 'p1-news', label: '首页>新闻中心>嘉鱼要闻', archiveId: expect.stringMatching(/^arc-/) });
    expect(ev.evidenceUrl).toBe(`http://127.0.0.1:4002/evidence/${ev.archiveId}`);
  });

  it('department: −2 − 0.5 − 5 = 92.5 with the exact sentences', async () => {
    const id = await registerSite(h, 'department', '嘉鱼县民政局');
    await recordFindings(
      h,
      id,
      [
        finding(id, 'institution-info-missing', '首页>政务公开>机构职能', { element: '办公时间', unit: '办公室', subject: '办公室未标明办公时间' }),
        finding(id, 'institution-info-missing', '首页>政务公开>机构职能', { element: '办公时间', unit: '财务科', subject: '财务科未标明办公时间' }),
        finding(id, 'footer-label-missing', '首页', { label: 'psb' }),
        finding(id, 'interpretation-column-stale', '首页>政务公开>政策解读', { level: 1, lastUpdated: '2021-10-08' }),
      ],
      { inspectionId },
    );
    const card = await cardWhen(h, id, PERIOD.key);
    expect([card.result, card.resultLabel, card.deductionTotal, card.finalScore, card.bonusEligible, card.group]).toEqual(['passed', '合格', 7.5, 92.5, false, 'county-department']);
    expect(card.annex).toEqual({
      problems: [
        '监测时间点前6个月内政策解读类一级栏目未更新的，扣5分。共扣5分。首页>政务公开>政策解读',
        '机构职能信息不准确的，每发现一处，扣1分。共扣2分。首页>政务公开>机构职能（办公室未标明办公时间） 首页>政务公开>机构职能（财务科未标明办公时间）',
        '未在全站页面底部功能区清晰列明公安机关备案标识，扣0.5分。共扣0.5分。首页',
      ].join('\n'),
      score: '92.5',
    });
  });

  it('forged date added by a reviewer: 一票否决 even though other deductions exist', async () => {
    const id = await registerSite(h, 'department', '嘉鱼县卫健局');
    await recordFindings(
      h,
      id,
      [finding(id, 'news-column-stale', '首页>新闻动态>工作动态', { lastUpdated: '2022-03-01' }), finding(id, 'column-blank', '首页>政务公开>财政信息')],
      { inspectionId },
    );
    const before = await cardWhen(h, id, PERIOD.key);
    expect(before.finalScore).toBe(93);
    const added = await h.ok(
      `mutation M($input: ManualFindingInput!) { addManualFinding(input: $input, by: "inspector-3", reason: "征求意见期限日期造假") {
         finding { id source reviewState reviewBy }
         card { version result resultLabel finalScore deductionTotal annex { problems score } vetoes { indicatorId reasons { clauseId label count } } deductions { indicatorId } }
       } }`,
      {
        input: {
          targetId: id,
          periodKey: PERIOD.key,
          type: 'forged-date',
          url: 'http://www.example.gov.cn/yjzj/1.html',
          breadcrumb: '首页>政务公开>意见征集>关于公开征求《五社联动》意见的公告',
          evidenceText: '征求意见期限：2000年3月30日至2000年4月30日',
          attributes: JSON.stringify({ subject: '征求意见期限写为2000年3月30日至2000年4月30日' }),
        },
      },
    );
    expect(added.addManualFinding.finding).toMatchObject({ source: 'manual', reviewState: 'confirmed', reviewBy: 'inspector-3' });
    const c = added.addManualFinding.card;
    expect([c.version, c.result, c.resultLabel, c.finalScore, c.deductionTotal, c.deductions]).toEqual([1, 'failed-veto', '不合格(单项否决)', null, null, []]);
    expect(c.vetoes).toEqual([{ indicatorId: 'W-V1', reasons: [{ clauseId: '5', label: '存在弄虚作假行为（如伪造发稿日期等）', count: 1 }] }]);
    expect(c.annex).toEqual({
      problems:
        '安全、泄密事故等严重问题：存在弄虚作假行为（如伪造发稿日期等），即单项否决。首页>政务公开>意见征集>关于公开征求《五社联动》意见的公告（征求意见期限写为2000年3月30日至2000年4月30日）',
      score: '一票否决',
    });
  });

  it('department without external services (set by an inspector): (75 − 7) × 4/3 = 90.7', async () => {
    const id = await registerSite(h, 'department', '嘉鱼县档案馆');
    await recordFindings(
      h,
      id,
      [
        finding(id, 'news-column-stale', '首页>工作动态', { lastUpdated: '2022-04-01' }),
        finding(id, 'column-blank', '首页>政务公开>规划计划'),
        finding(id, 'service-guide-incomplete', '首页>办事服务>事项A', { element: '设定依据', subject: '事项A' }, { id: `${id}-guide` }),
      ],
      { inspectionId },
    );
    expect((await cardWhen(h, id, PERIOD.key)).finalScore).toBe(91);
    const set = await h.ok(`mutation { setExternalServices(targetId: "${id}", externalServices: false, by: "inspector-1", reason: "无对外服务职能（编办确认）") { version targetClass finalScore baseScore unusedFindingIds deductions { indicatorId } } }`);
    expect(set.setExternalServices).toEqual([
      { version: 1, targetClass: 'department-no-external-services', finalScore: 90.7, baseScore: 90.7, unusedFindingIds: [`${id}-guide`], deductions: [{ indicatorId: 'W-D-NEWS' }, { indicatorId: 'W-D-OTHER-BLANK' }] },
    ]);
  });

  it('portal above 80 enters bonus scoring: 98 + 4 + 6 (capped) = 108', async () => {
    const id = await registerSite(h, 'portal', '咸宁市人民政府', '421200');
    await recordFindings(
      h,
      id,
      [
        finding(id, 'column-blank', '首页>专题专栏>老专题'),
        ...[1, 2].map((i) => finding(id, 'good-practice', `首页>政策解读>图解${i}`, { category: '信息发布', subject: `图解政策${i}` })),
        ...[1, 2, 3, 4].map((i) => finding(id, 'good-practice', `首页>智能搜索${i}`, { category: '功能设计', subject: `智能搜索能力${i}` })),
      ],
      { inspectionId },
    );
    const card = await cardWhen(h, id, PERIOD.key);
    expect([card.result, card.baseScore, card.bonusTotal, card.finalScore, card.annex.score, card.group]).toEqual(['passed-bonus', 98, 10, 108, '108', 'city-portal']);
    expect(card.bonuses.map((l: any) => [l.indicatorId, l.count, l.total, l.capped])).toEqual([
      ['W-B-INFO', 2, 4, false],
      ['W-B-FUNCTION', 4, 6, true],
    ]);
    expect(card.bonuses[0].annex).toBe('信息发布加分项，每项加2分。共加4分。首页>政策解读>图解1（图解政策1） 首页>政策解读>图解2（图解政策2）');
  });

  it('findings without an inspection go to the quarter of their asOf under the default rule set', async () => {
    const id = await registerSite(h, 'portal', '通山县人民政府');
    await recordFindings(h, id, [
      finding(id, 'news-column-stale', '首页>新闻中心>通山要闻', { columnClass: 'news', lastUpdated: '2022-04-20' }),
      finding(id, 'column-blank', '首页>政务公开>专题专栏>乡村振兴', { level: 2 }),
    ]);
    const card = await cardWhen(h, id, '2022Q2');
    expect([card.finalScore, card.ruleSetId, card.inspectionId]).toEqual([93, 'national-2019', null]);
    const period = await h.ok(`{ scoreCard(targetId: "${id}", periodKey: "2022Q2") { period { key kind from to } } }`);
    expect(period.scoreCard.period).toEqual({ key: '2022Q2', kind: 'quarter', from: '2022-03-31T16:00:00.000Z', to: '2022-06-30T15:59:59.999Z' });
  });

  it('Site.scoreCard(periodKey) on the federated Site entity, beside Site.availability', async () => {
    const id = await registerSite(h, 'portal', '崇阳县人民政府');
    await recordFindings(h, id, [finding(id, 'column-blank', '首页>空白')], { inspectionId });
    await cardWhen(h, id, PERIOD.key);
    const d = await h.ok(
      `query E($r: [_Any!]!) { _entities(representations: $r) { ... on Site { id scoreCard(periodKey: "${PERIOD.key}") { finalScore annex { score } } availability(asOf: "${AS_OF}") { probes verdict } } } }`,
      { r: [{ __typename: 'Site', id }] },
    );
    expect(d._entities).toEqual([{ id, scoreCard: { finalScore: 98, annex: { score: '98' } }, availability: { probes: 0, verdict: 'INSUFFICIENT_DATA' } }]);
  });
});
