import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { scorecardPublished } from '@govinspect/contracts';
import { RULE_SETS_DIR } from '@govinspect/rule-sets';
import { CARD, cardWhen, finding, Harness, PERIOD, recordFindings, registerSite, requestInspection, startScoring } from './harness';

/** Human review on real PostgreSQL: every action re-scores at once, published versions stay, the trail records it all. */
describe('review of score cards (integration, real PostgreSQL)', () => {
  jest.setTimeout(60_000);
  let h: Harness;
  const inspectionId = 'insp-review';
  let portal: string;

  const card = async (v?: number) => (await h.ok(CARD, { t: portal, p: PERIOD.key, v: v ?? null })).scoreCard;
  const count = async (table: string) => Number((await h.ds.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
  const fail = async (query: string, variables?: Record<string, unknown>) => {
    const r = await h.gql(query, variables);
    expect(r.errors?.length).toBeGreaterThan(0);
    return r.errors![0];
  };

  beforeAll(async () => {
    h = await startScoring();
    await requestInspection(h, inspectionId);
    portal = await registerSite(h, 'portal', '嘉鱼县人民政府');
    await recordFindings(
      h,
      portal,
      [
        finding(portal, 'news-column-stale', '首页>新闻中心>嘉鱼要闻', { columnClass: 'news', lastUpdated: '2022-04-20' }, { id: 'r-news' }),
        finding(portal, 'message-board-stale', '首页>公众互动>留言公开', { lastUpdated: '2022-02-28' }, { id: 'r-msg' }),
        finding(portal, 'column-blank', '首页>政务公开>专题专栏>乡村振兴', { level: 2 }, { id: 'r-blank' }),
        finding(portal, 'column-stale', '首页>政务公开>人事信息', { lastUpdated: '2020-01-01' }, { id: 'r-stale' }),
      ],
      { inspectionId },
    );
    await cardWhen(h, portal, PERIOD.key);
  });
  afterAll(() => h?.close());

  it('dismissing a finding restores its points at once; confirming keeps them', async () => {
    expect((await card()).finalScore).toBe(89); // −5 −3 −2 −1
    const d = await h.ok(`mutation { dismissFinding(findingId: "r-stale", by: "inspector-7", reason: "列表由JavaScript加载，人工核实已更新") { version state finalScore excludedFindings } }`);
    expect(d.dismissFinding).toEqual({ version: 1, state: 'draft', finalScore: 90, excludedFindings: ['r-stale:dismissed'] });
    const c = await h.ok(`mutation { confirmFinding(findingId: "r-news", by: "inspector-7") { finalScore } }`);
    expect(c.confirmFinding.finalScore).toBe(90);
    const f = await h.ok(`{ findings(targetId: "${portal}", periodKey: "${PERIOD.key}") { id reviewState reviewBy reviewNote } }`);
    expect(f.findings.find((x: any) => x.id === 'r-stale')).toEqual({ id: 'r-stale', reviewState: 'dismissed', reviewBy: 'inspector-7', reviewNote: '列表由JavaScript加载，人工核实已更新' });
  });

  it('reclassifying a column scores it under its real class (其他栏目 → 动态要闻)', async () => {
    const id = await registerSite(h, 'department', '嘉鱼县教育局');
    await recordFindings(h, id, [finding(id, 'column-stale', '首页>教育动态', { lastUpdated: '2022-04-10' }, { id: 'edu-col' })], { inspectionId });
    // As 其他栏目 (window 1 year) a column last updated 5 weeks ago is not stale.
    expect((await cardWhen(h, id, PERIOD.key)).finalScore).toBe(100);
    const r = await h.ok(`mutation { reclassifyFinding(findingId: "edu-col", columnClass: "news", by: "inspector-2", reason: "教育动态属动态要闻类") { finalScore deductions { indicatorId } } }`);
    expect(r.reclassifyFinding).toEqual({ finalScore: 95, deductions: [{ indicatorId: 'W-D-NEWS' }] });
    const bad = await fail(`mutation { reclassifyFinding(findingId: "edu-col", columnClass: "no-such-class", by: "inspector-2", reason: "x") { finalScore } }`);
    expect(bad.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'columnClass', classification: 'column-class-unknown' });
  });

  it('a published card is immutable: later edits create a new version with who, when and why', async () => {
    await h.ok(`mutation { submitForReview(targetId: "${portal}", periodKey: "${PERIOD.key}", by: "inspector-7") { state } }`);
    const p = await h.ok(`mutation { publishScoreCard(targetId: "${portal}", periodKey: "${PERIOD.key}", by: "chief-1") { version state publishedBy finalScore } }`);
    expect(p.publishScoreCard).toEqual({ version: 1, state: 'published', publishedBy: 'chief-1', finalScore: 90 });
    const v1 = await card(1);

    const d = await h.ok(`mutation { dismissFinding(findingId: "r-blank", by: "inspector-9", reason: "复核：该专题已归档，不属空白栏目") { version state finalScore createdBy changeReason } }`);
    expect(d.dismissFinding).toEqual({ version: 2, state: 'draft', finalScore: 92, createdBy: 'inspector-9', changeReason: '复核：该专题已归档，不属空白栏目' });
    expect(await card(1)).toEqual({ ...v1, versions: expect.any(Array) });
    expect((await card(1)).finalScore).toBe(90);
    expect((await card()).versions.map((v: any) => [v.version, v.state, v.finalScore, v.createdBy, v.changeReason])).toEqual([
      [1, 'published', 90, expect.stringMatching(/^(crawl|registry)$/), null],
      [2, 'draft', 92, 'inspector-9', '复核：该专题已归档，不属空白栏目'],
    ]);
    // The database itself refuses to change a published version.
    await expect(h.ds.query(`UPDATE score_card SET final_score = 0 WHERE target_id = $1 AND version = 1`, [portal])).rejects.toThrow(/immutable/);
    await expect(h.ds.query(`DELETE FROM audit_event`)).rejects.toThrow(/immutable/);
  });

  it('scorecard-published lands in the outbox with the contract shape', async () => {
    const rows: { key: string; value: string }[] = await h.ds.query(`SELECT key, value FROM outbox_message WHERE topic = $1 ORDER BY seq`, [scorecardPublished.topic]);
    expect(rows).toHaveLength(1);
    const env = scorecardPublished.parse(rows[0].value); // throws unless the envelope and payload match the contract
    expect(rows[0].key).toBe(portal);
    expect(env.payload).toMatchObject({
      version: 1,
      targetId: portal,
      targetKind: 'site',
      targetClass: 'portal',
      targetName: '嘉鱼县人民政府',
      regionCode: '421221',
      period: { key: PERIOD.key, kind: 'ad-hoc' },
      inspectionId,
      ruleSet: { id: 'national-2019', version: '1.0.0' },
      result: 'passed-bonus',
      finalScore: 90,
      publishedBy: 'chief-1',
      annex: { score: '90' },
    });
    expect(env.payload.changeReason).toBeUndefined();
    expect(env.payload.deductions.map((l) => [l.indicatorId, l.total, l.annex])).toEqual([
      ['W-D-NEWS', 5, '动态要闻监测时间点前2周内未更新的，扣5分。共扣5分。首页>新闻中心>嘉鱼要闻'],
      ['W-D-OTHER-BLANK', 2, '其他栏目存在空白的，每发现一个，扣2分。共扣2分。首页>政务公开>专题专栏>乡村振兴'],
      ['W-D-MESSAGE-PUBLIC', 3, '留言公开监测时间点前2个月内未更新的，扣3分。共扣3分。首页>公众互动>留言公开'],
    ]);
    expect(env.payload.deductions[0].evidence).toEqual([{ findingId: 'r-news', label: '首页>新闻中心>嘉鱼要闻', url: expect.stringContaining('http://www.example.gov.cn/'), archiveId: expect.any(String) }]);
    // Version 2, once published, says why it replaces version 1.
    await h.ok(`mutation { submitForReview(targetId: "${portal}", periodKey: "${PERIOD.key}", by: "inspector-9") { state } }`);
    await h.ok(`mutation { publishScoreCard(targetId: "${portal}", periodKey: "${PERIOD.key}", by: "chief-1") { version } }`);
    const again: { value: string }[] = await h.ds.query(`SELECT value FROM outbox_message WHERE topic = $1 ORDER BY seq`, [scorecardPublished.topic]);
    const v2 = scorecardPublished.parse(again[1].value).payload;
    expect([v2.version, v2.finalScore, v2.changeReason]).toEqual([2, 92, '复核：该专题已归档，不属空白栏目']);
  });

  it('the audit trail records each step, in order', async () => {
    const a = await h.ok(`{ auditTrail(targetId: "${portal}", periodKey: "${PERIOD.key}") { actor action findingId cardVersion reason at } }`);
    expect(a.auditTrail.map((e: any) => [e.action, e.actor, e.findingId ?? null, e.cardVersion])).toEqual([
      ['finding-dismissed', 'inspector-7', 'r-stale', 1],
      ['finding-confirmed', 'inspector-7', 'r-news', 1],
      ['card-submitted', 'inspector-7', null, 1],
      ['card-published', 'chief-1', null, 1],
      ['card-version-created', 'inspector-9', null, 2],
      ['finding-dismissed', 'inspector-9', 'r-blank', 2],
      ['card-submitted', 'inspector-9', null, 2],
      ['card-published', 'chief-1', null, 2],
    ]);
    expect(a.auditTrail.every((e: any) => !Number.isNaN(Date.parse(e.at)))).toBe(true);
  });

  it('a new rule-set version and an overlay switch re-score the region into new drafts; old versions keep their rule set', async () => {
    const yaml = readFileSync(path.join(RULE_SETS_DIR, 'national-2019', '1.0.0.yaml'), 'utf8');
    // The rule change: 动态要闻 costs 6 instead of 5.
    const changed = yaml.replace(/^version: 1\.0\.0$/m, 'version: 1.1.0').replace(/(- id: W-D-NEWS[\s\S]*?points:) 5/, '$1 6');
    expect(changed).not.toBe(yaml);
    const up = await h.ok(`mutation U($d: String!) { uploadRuleSet(document: $d, by: "rules-editor") { id version origin storedBy extends } }`, { d: changed });
    expect(up.uploadRuleSet).toEqual({ id: 'national-2019', version: '1.1.0', origin: 'upload', storedBy: 'rules-editor', extends: null });
    const diff = await h.ok(`{ ruleSetDiff(from: "national-2019@1.0.0", to: "national-2019@1.1.0") { indicatorsChanged { id changes { path before after } } text } }`);
    expect(diff.ruleSetDiff.indicatorsChanged).toEqual([{ id: 'W-D-NEWS', changes: [{ path: 'points', before: '5', after: '6' }] }]);

    const r = await h.ok(`mutation { rescoreRegion(regionCode: "421200", periodKey: "${PERIOD.key}", by: "rules-editor", reason: "动态要闻扣分调整为6分") { targets created updated unchanged waiting } }`);
    expect(r.rescoreRegion).toMatchObject({ targets: 2, created: 2, waiting: 0 });
    const now = await card();
    expect([now.version, now.state, now.ruleSetVersion, now.finalScore, now.changeReason]).toEqual([3, 'draft', '1.1.0', 91, '动态要闻扣分调整为6分']);
    const v2 = await card(2);
    expect([v2.state, v2.ruleSetVersion, v2.finalScore]).toEqual(['published', '1.0.0', 92]);

    // Findings nobody requested: the quarter, under the region's rule set (national, newest version).
    const q = await registerSite(h, 'department', '嘉鱼县水利局');
    const blanks = ['a', 'b', 'c', 'd'].map((x) => finding(q, 'column-blank', `首页>空白${x}`));
    await recordFindings(h, q, [...blanks, finding(q, 'news-column-stale', '首页>工作动态', { lastUpdated: '2022-01-04' })]);
    const before = await cardWhen(h, q, '2022Q2');
    expect([before.ruleSetId, before.ruleSetVersion, before.finalScore, before.result]).toEqual(['national-2019', '1.1.0', 86, 'passed']);
    // An inspection names its rule set, so switching the region leaves inspection cards alone...
    const s = await h.ok(`mutation { switchRegionRuleSet(regionCode: "421221", ruleSetId: "city-2022", periodKey: "${PERIOD.key}", by: "chief-1", reason: "市细则：合格线80分") { targets created updated unchanged } }`);
    expect(s.switchRegionRuleSet).toEqual({ targets: 2, created: 0, updated: 0, unchanged: 2 });
    // ...and re-scores the region's quarter under the overlay.
    const sw = await h.ok(`mutation { switchRegionRuleSet(regionCode: "421221", ruleSetId: "city-2022", periodKey: "2022Q2", by: "chief-1", reason: "市细则：合格线80分") { targets created } }`);
    expect(sw.switchRegionRuleSet).toEqual({ targets: 1, created: 1 });
    expect(await h.ok(`{ regionRuleSet(regionCode: "421221") }`)).toEqual({ regionRuleSet: 'city-2022' });
    const after = (await h.ok(CARD, { t: q, p: '2022Q2', v: null })).scoreCard;
    expect([after.version, after.ruleSetId, after.passMark, after.finalScore, after.result, after.state]).toEqual([2, 'city-2022', 80, 87, 'passed-bonus', 'draft']);
    expect(after.versions.map((v: any) => [v.version, v.state, v.ruleSetId])).toEqual([
      [1, 'superseded', 'national-2019'],
      [2, 'draft', 'city-2022'],
    ]);
  });
});
