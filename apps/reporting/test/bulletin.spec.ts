import ExcelJS from 'exceljs';
import { scorecardPublished } from '@govinspect/contracts';
import { Harness, libreOffice, waitFor } from './harness';
import { PUBLISH, ROUND, card, publishCards, readyRound, registerSites, seedRegions, site } from './fixtures';

/**
 * A bulletin from fixed score cards fed through the real consumer into real PostgreSQL: .docx and .xlsx, converted by
 * LibreOffice, carry the same counts, pass rate, annex sentences and scores as the cards.
 */
describe('bulletin (通报) from published score cards', () => {
  jest.setTimeout(180_000);
  let h: Harness;
  const portal = site('云溪市人民政府', '421300', 'portal');
  const edu = site('云溪市教育局', '421300', 'department');
  const civil = site('云溪市民政局', '421300', 'department');
  const county = site('溪山区人民政府', '421302', 'portal');
  const countyDept = site('溪山区统计局', '421302', 'department');
  const cards = [card(portal, 'bonus', { score: 102.5 }), card(edu, 'pass', { score: 95 }), card(civil, 'veto'), card(county, 'below', { score: 55 }), card(countyDept, 'pass', { score: 88 })];
  let roundId: string;
  let docxText: string;

  beforeAll(async () => {
    h = await Harness.start('bulletin');
    await seedRegions(h);
    await registerSites(h, [portal, edu, civil, county, countyDept]);
    // The education bureau's first version is replaced by version 2 (a review corrected it); version 1 arrives late.
    const v1 = card(edu, 'veto', { version: 1 });
    const v2 = { ...cards[1], version: 2, changeReason: '人工审核撤销误报' };
    cards[1] = v2;
    roundId = await readyRound(h, '421300', '2026年第四季度全市政府网站与政务新媒体检查', [cards[0], v2, cards[2], cards[3], cards[4]]);
    await h.publish(scorecardPublished, v1.targetId, v1);
    await waitFor('late v1 processed', async () => (await h.query(`SELECT count(*)::int AS n FROM processed_event WHERE consumer = 'reporting.scoring.scorecard-published'`))[0].n === 6);
    const published = await h.ok(PUBLISH, { id: roundId, d: '2026-12-01' });
    expect(published.publishRound.state).toBe('PUBLISHED');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('keeps the newest card version per target and period', async () => {
    const [row] = await h.query(`SELECT version, result FROM score_card WHERE target_id = $1`, [edu.siteId]);
    expect(row).toEqual({ version: 2, result: 'passed' });
  });

  it('renders a .docx that LibreOffice opens, with the counts, pass rate, annex rows and the Chinese date', async () => {
    const file = await h.download(`/bulletins/${roundId}.docx`);
    expect(file.status).toBe(200);
    expect(file.type).toContain('wordprocessingml');
    // REPORTING_KEEP_BULLETIN=/path.docx keeps a copy to look at.
    if (process.env.REPORTING_KEEP_BULLETIN) require('node:fs').writeFileSync(process.env.REPORTING_KEEP_BULLETIN, file.body);
    const lo = await libreOffice(file.body, 'docx');
    expect(lo.pdf).toBe(true);
    expect(lo.pdfBytes).toBeGreaterThan(10_000);
    docxText = lo.text.replace(/\r/g, '');
    const t = docxText;
    expect(t).toContain('关于2026年第四季度全市政府网站与政务新媒体检查情况的通报');
    expect(t).toContain('国办秘函〔2019〕19号');
    expect(t).toContain('一、总体情况');
    expect(t).toContain('二、存在问题');
    expect(t).toContain('三、下一步工作要求');
    // 5 checked, 2 failed (1 veto, 1 below 60) → 60%; 5 of 5 registered sites → 100% coverage.
    expect(t).toContain('本次共检查云溪市5家政府网站，检查比例100%；其中合格3家，不合格2家（单项否决1家），总体合格率为60%');
    // Groups: 市政府门户网站 102.5; 市直部门 95 (the vetoed site has no score); 县区门户 55; 县直部门 88.
    expect(t).toContain('市政府门户网站1家，平均得分为102.5分');
    expect(t).toContain('市直部门网站2家，平均得分为95分');
    expect(t).toContain('县（市、区）政府门户网站1家，平均得分为55分');
    expect(t).toContain('云溪市人民政府等1家网站得分100分及以上，得分较高，占比20%');
    expect(t).toContain('1家网站进入加分指标评分环节，占比20%');
    expect(t).toContain('站点无法访问（单项否决）');
    expect(t).toContain('云溪市民政局存在站点无法访问方面问题，被判定为不合格');
    // No new-media results: the placeholder is printed and marked.
    expect(t).toContain('【待接入】政务新媒体检查结果尚未报送');
    expect(t).toContain('云溪市人民政府办公室');
    expect(t).toContain('2026年12月1日');
    // Deadline: 10 working days after 2026-12-01 → 2026-12-15.
    expect(t).toContain('于2026年12月15日前将整改情况报送云溪市人民政府办公室');
    // Every site's annex row: the card's own sentences and score.
    for (const c of cards) {
      expect(t).toContain(c.targetName);
      for (const line of c.annex.problems.split('\n')) expect(t).toContain(line);
    }
    expect(t).toContain('一票否决');
    expect(t).toContain('102.5');
    expect(t).toContain('附件3');
    expect(t).toContain('新媒体名称');
  });

  it('writes the same annex rows into the .xlsx (read back with exceljs)', async () => {
    const file = await h.download(`/bulletins/${roundId}.xlsx`);
    expect(file.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as any);
    const ws = wb.getWorksheet('附件1')!;
    const rows: string[][] = [];
    ws.eachRow((row, n) => {
      if (n > 2) rows.push([1, 2, 3].map((i) => String(row.getCell(i).value ?? '')));
    });
    const expected = [cards[0], cards[1], cards[2], cards[3], cards[4]].map((c) => [c.targetName, c.annex.problems, c.annex.score]);
    expect(rows.sort()).toEqual(expected.sort());
    expect(String(wb.getWorksheet('附件2')!.getRow(2).getCell(1).value)).toBe('市直/县市区');
    expect(String(wb.getWorksheet('附件2')!.getRow(3).getCell(1).value)).toContain('【待接入】');
    expect(String(wb.getWorksheet('附件3')!.getRow(2).getCell(4).value)).toBe('不合格原因');
    // (The machine's LibreOffice is Writer only, so the workbook is checked by reading it back, not by Calc.)
  });

  it('serves the annex rows as GraphQL data, equal to the files', async () => {
    const d = await h.ok(`query($id: ID!) { round(id: $id) { summary { sitesChecked sitesPassed sitePassRate } annex { sites { unit problems score } accountsAvailable } } }`, { id: roundId });
    expect(d.round.summary).toEqual({ sitesChecked: 5, sitesPassed: 3, sitePassRate: 0.6 });
    expect(d.round.annex.accountsAvailable).toBe(false);
    expect(d.round.annex.sites.map((r: any) => r.unit).sort()).toEqual(cards.map((c) => c.targetName).sort());
    for (const r of d.round.annex.sites) {
      const c = cards.find((x) => x.targetName === r.unit)!;
      expect([r.problems, r.score]).toEqual([c.annex.problems, c.annex.score]);
    }
  });

  it('announces the round once with the bulletin’s numbers', async () => {
    const ev = await waitFor('round-published', async () => h.produced.find((e) => e.type === 'reporting.round-published'));
    expect(ev.payload).toMatchObject({ roundId, sitesChecked: 5, sitesPassed: 3, accountsChecked: 0, rectificationTasks: 3 });
    const r = await h.ok(ROUND, { id: roundId });
    expect(r.round.publishDate).toBe('2026-12-01');
  });

  it('prints the new-media tables from account cards once a new-media service reports them', async () => {
    // Accounts in the same region arrive; a fresh preview (publishDate query) of a new round includes them.
    const account = (name: string, region: string, failed: boolean) => ({
      ...card(site(name, region, 'department'), failed ? 'veto' : 'pass', { periodKey: '2027Q1' }),
      targetKind: 'account' as const,
      targetClass: 'account',
      targetName: name,
      ...(failed
        ? { vetoes: [{ indicatorId: 'M-V2', level1: '单项否决', level2: '内容不更新', reasons: ['监测时间点前2周内未更新'], annex: '内容不更新', evidence: [] }], annex: { problems: '内容不更新', score: '一票否决' } }
        : {}),
    });
    const next = [card(portal, 'pass', { periodKey: '2027Q1' }), card(edu, 'pass', { periodKey: '2027Q1' }), card(civil, 'pass', { periodKey: '2027Q1' }), card(county, 'pass', { periodKey: '2027Q1' }), card(countyDept, 'pass', { periodKey: '2027Q1' })];
    const id = await readyRound(h, '421300', '2027年第一季度全市政府网站与政务新媒体检查', next, { period: { ...require('./fixtures').period('2027Q1') } });
    await publishCards(h, [account('云溪发布', '421300', false), account('溪山教育', '421302', true)]);
    await waitFor('accounts stored', async () => (await h.query(`SELECT count(*)::int AS n FROM score_card WHERE target_kind = 'account'`))[0].n === 2);
    const lo = await libreOffice((await h.download(`/bulletins/${id}.docx?publishDate=2027-03-31`)).body, 'docx');
    expect(lo.text).toContain('本次共检查政务新媒体2个，其中不合格1个，总体合格率为50%');
    expect(lo.text).toContain('溪山教育');
    expect(lo.text).toContain('监测时间点前2周内未更新');
    expect(lo.text).toContain('2027年3月31日');
    // Pass rate change from the previous round of the same region (60% → 100%).
    expect(lo.text).toContain('总体合格率为100%，较上一轮提升40个百分点');
    expect(lo.text).not.toContain('【待接入】');
  });
});
