import ExcelJS from 'exceljs';
import { Harness } from './harness';
import { CREATE, PUBLISH, START, card, period, readyRound, registerSites, roundInput, seedRegions, site } from './fixtures';

const SUMMARY = `regionCode sitesChecked sitesPassed sitesFailed sitePassRate averageScore accountsChecked accountsFailed rectificationTasks`;
const ROLLUP = `query($r: String!, $p: String!) { regionRollup(regionCode: $r, periodKey: $p) { total { ${SUMMARY} } parts { ${SUMMARY} } rounds { id regionCode } } }`;

/** County → city → province: the province's view of two cities is the sum of their rounds. */
describe('roll-ups, trends and the annual assessment', () => {
  jest.setTimeout(120_000);
  let h: Harness;
  const yx = [site('云溪市人民政府', '421300', 'portal'), site('云溪市教育局', '421300', 'department'), site('溪山区人民政府', '421302', 'portal')];
  const yl = [site('云岭市人民政府', '421200', 'portal'), site('云岭市民政局', '421200', 'department'), site('岭南区人民政府', '421202', 'portal'), site('岭南区统计局', '421202', 'department')];
  let yxRound: string;
  let ylRound: string;

  beforeAll(async () => {
    h = await Harness.start('rollup');
    await seedRegions(h);
    await registerSites(h, [...yx, ...yl]);
    yxRound = await readyRound(h, '421300', '2026年第四季度云溪市政府网站检查', [card(yx[0], 'bonus'), card(yx[1], 'veto'), card(yx[2], 'pass', { score: 90 })]);
    ylRound = await readyRound(h, '421200', '2026年第四季度云岭市政府网站检查', [card(yl[0], 'pass', { score: 96 }), card(yl[1], 'below'), card(yl[2], 'pass', { score: 80 }), card(yl[3], 'veto')]);
    await h.ok(PUBLISH, { id: yxRound, d: '2026-12-01' });
    await h.ok(PUBLISH, { id: ylRound, d: '2026-12-02' });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('sums the two cities’ rounds into the province', async () => {
    const prov = (await h.ok(ROLLUP, { r: '420000', p: '2026Q4' })).regionRollup;
    const yxView = (await h.ok(ROLLUP, { r: '421300', p: '2026Q4' })).regionRollup.total;
    const ylView = (await h.ok(ROLLUP, { r: '421200', p: '2026Q4' })).regionRollup.total;
    expect(prov.rounds.map((r: any) => r.id).sort()).toEqual([yxRound, ylRound].sort());
    for (const k of ['sitesChecked', 'sitesPassed', 'sitesFailed', 'accountsChecked', 'accountsFailed', 'rectificationTasks']) {
      expect(prov.total[k]).toBe(yxView[k] + ylView[k]);
    }
    expect(prov.total).toMatchObject({ regionCode: '420000', sitesChecked: 7, sitesPassed: 4, sitesFailed: 3, rectificationTasks: 1 + 2 + 1 });
    expect(prov.total.sitePassRate).toBeCloseTo(4 / 7, 10);
    // Exact average over both cities' scored sites: (102 + 90 + 96 + 55 + 80) / 5.
    expect(prov.total.averageScore).toBe(84.6);
  });

  it('lets a city see a province round’s view of it, and counties roll up into their city', async () => {
    const county = (await h.ok(ROLLUP, { r: '421302', p: '2026Q4' })).regionRollup;
    expect(county.total).toMatchObject({ sitesChecked: 1, sitesPassed: 1 });
    // A province-wide round of the next quarter; the city has no round of its own then.
    const all = [...yx, ...yl];
    const prov = await readyRound(h, '420000', '2027年第一季度全省政府网站检查', all.map((s) => card(s, 'pass', { periodKey: '2027Q1', score: 92 })), { period: period('2027Q1') });
    await h.ok(PUBLISH, { id: prov, d: '2027-03-31' });
    const cityView = (await h.ok(ROLLUP, { r: '421300', p: '2027Q1' })).regionRollup;
    expect(cityView.rounds.map((r: any) => r.id)).toEqual([prov]);
    expect(cityView.total).toMatchObject({ regionCode: '421300', sitesChecked: 3, sitesPassed: 3 });
    const seen = await h.ok(`{ rounds(regionCode: "421300") { id } }`);
    expect(seen.rounds.map((r: any) => r.id).sort()).toEqual([yxRound, prov].sort());
    const v = await h.ok(`query($id: ID!) { round(id: $id) { view(regionCode: "421200") { sitesChecked } } }`, { id: prov });
    expect(v.round.view.sitesChecked).toBe(4);
    const outside = await h.gql(`query($id: ID!) { round(id: $id) { view(regionCode: "421200") { sitesChecked } } }`, { id: yxRound });
    expect(outside.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'outside-round' });
  });

  it('gives trends per target and per region', async () => {
    const t = await h.ok(`query($t: String!) { targetTrend(targetId: $t) { periodKey result finalScore tasks findingsByKind { kind count } } }`, { t: yx[1].siteId });
    expect(t.targetTrend.map((p: any) => [p.periodKey, p.result, p.tasks])).toEqual([
      ['2026Q4', 'failed-veto', 1],
      ['2027Q1', 'passed', 0],
    ]);
    expect(t.targetTrend[0].findingsByKind).toEqual([{ kind: '站点无法访问', count: 1 }]);
    const r = await h.ok(`{ regionTrend(regionCode: "420000") { periodKey summary { sitesChecked sitesPassed } } }`);
    expect(r.regionTrend).toEqual([
      { periodKey: '2026Q4', summary: { sitesChecked: 7, sitesPassed: 4 } },
      { periodKey: '2027Q1', summary: { sitesChecked: 7, sitesPassed: 7 } },
    ]);
  });

  it('exports the annual assessment with configurable weights, as data and as .xlsx', async () => {
    const q = `query($w: AnnualWeightsInput) { annualAssessment(regionCode: "421300", year: 2026, weights: $w) { unit quarters { quarter score } tasks annualScore } }`;
    const plain = (await h.ok(q)).annualAssessment;
    expect(plain.map((r: any) => [r.unit, r.quarters[3].score, r.tasks, r.annualScore])).toEqual([
      ['云溪市人民政府', 102, 0, 102],
      ['云溪市教育局', 0, 1, 0],
      ['溪山区人民政府', 90, 0, 90],
    ]);
    // Half the figure from on-time rectification: the education bureau has one open task (0 % on time).
    const weighted = (await h.ok(q, { w: { quarters: [1, 1, 1, 1], rectification: 0.5 } })).annualAssessment;
    expect(weighted.map((r: any) => r.annualScore)).toEqual([101, 0, 95]);
    const bad = await h.gql(q, { w: { quarters: [1, 1], rectification: 0 } });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'weights.quarters' });
    const file = await h.download('/annual/421300/2026.xlsx?rectification=0.5');
    expect(file.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as any);
    const ws = wb.worksheets[0];
    expect(ws.getRow(3).getCell(1).value).toBe('云溪市人民政府');
    expect(ws.getRow(3).getCell(12).value).toBe(101);
    expect(ws.getRow(4).getCell(1).value).toBe('云溪市教育局');
    expect(ws.getRow(4).getCell(7).value).toBe('一票否决');
  });

  it('rejects bad input with a classified error and changes nothing', async () => {
    const before = await h.query(`SELECT count(*)::int AS n FROM inspection_round`);
    // 421500 is named but has no registered site; 429900 is no region at all; 4213 is no code.
    const empty = await h.gql(CREATE, { i: roundInput('421500', '空白市检查') });
    expect(empty.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode', reason: 'empty-region' });
    expect(empty.errors![0].message).toContain('没有已登记的政府网站');
    const unknown = await h.gql(CREATE, { i: roundInput('429900', '不存在地区检查') });
    expect(unknown.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode', reason: 'unknown-region' });
    expect(unknown.errors![0].message).toContain('不存在');
    const malformed = await h.gql(CREATE, { i: roundInput('4213', '错误代码') });
    expect(malformed.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode' });
    const badRules = await h.gql(CREATE, { i: roundInput('421300', '错误规则集', { ruleSetId: 'no-such-rules' }) });
    expect(badRules.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ruleSetId' });
    const badPeriod = await h.gql(CREATE, { i: roundInput('421300', '错误周期', { period: { ...period(), from: '2026-13-01' } }) });
    expect(badPeriod.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    expect(await h.query(`SELECT count(*)::int AS n FROM inspection_round`)).toEqual(before);

    // A second publish of a published round: a conflict, and the round, its tasks and events stay as they were.
    const snapshot = async () => ({
      round: await h.query(`SELECT state, publish_date::text, published_at, bulletin FROM inspection_round WHERE id = $1`, [yxRound]),
      tasks: await h.query(`SELECT count(*)::int AS n FROM rectification_task WHERE round_id = $1`, [yxRound]),
      outbox: await h.query(`SELECT count(*)::int AS n FROM outbox_message`),
    });
    const was = await snapshot();
    const again = await h.gql(PUBLISH, { id: yxRound, d: '2026-12-05' });
    expect(again.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'roundId', reason: 'already-published' });
    expect(again.errors![0].message).toContain('不能重复发布');
    expect(await snapshot()).toEqual(was);

    const restart = await h.gql(START, { id: yxRound });
    expect(restart.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'bad-state' });
    const missingRound = await h.gql(PUBLISH, { id: '00000000-0000-4000-8000-000000000000', d: '2026-12-05' });
    expect(missingRound.errors![0].extensions.code).toBe('NOT_FOUND');
    const badDate = await h.gql(PUBLISH, { id: yxRound, d: '2026年12月5日' });
    expect(badDate.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'publishDate' });
    const notReady = await h.ok(CREATE, { i: roundInput('421300', '未完成的检查', { period: period('2027Q2') }) });
    const early = await h.gql(PUBLISH, { id: notReady.createRound.id, d: '2027-06-30' });
    expect(early.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'bad-state' });
    const file = await h.download('/bulletins/00000000-0000-4000-8000-000000000000.docx');
    expect(file.status).toBe(404);
  });
});
