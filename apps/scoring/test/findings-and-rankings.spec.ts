import { cardWhen, finding, Harness, PERIOD, recordFindings, registerSite, requestInspection, startScoring, waitFor } from './harness';

describe('findings runs, rankings and rule-set queries (real PostgreSQL)', () => {
  jest.setTimeout(60_000);
  let h: Harness;
  const inspectionId = 'insp-rank';

  beforeAll(async () => {
    h = await startScoring();
    await requestInspection(h, inspectionId);
  });
  afterAll(() => h?.close());

  const ids = async (t: string) => (await h.ok(`{ findings(targetId: "${t}", periodKey: "${PERIOD.key}") { id source reviewState } }`)).findings;

  it('a newer run replaces the previous run’s machine findings; manual findings and reviewer verdicts stay; an older run is ignored', async () => {
    const t = await registerSite(h, 'portal', '通城县人民政府');
    await recordFindings(h, t, [finding(t, 'column-blank', '首页>甲', {}, { id: 'run1-a' }), finding(t, 'column-blank', '首页>乙', {}, { id: 'run1-b' })], {
      inspectionId,
      runId: 'run-1',
      asOf: '2022-05-10T10:00:00+08:00',
    });
    await cardWhen(h, t, PERIOD.key, (c) => c.finalScore === 96);
    await h.ok(`mutation { dismissFinding(findingId: "run1-b", by: "inspector", reason: "栏目已撤并") { finalScore } }`);
    await h.ok(`mutation M($i: ManualFindingInputGql!) { addManualFinding(input: $i, by: "inspector") { card { finalScore } } }`, {
      i: { targetId: t, periodKey: PERIOD.key, type: 'broken-link', url: 'http://x.gov.cn/a.html', evidenceText: '链接打不开', attributes: JSON.stringify({ subject: '“联系我们”链接不可用' }) },
    });
    // Run 2 in two batches: the first replaces run 1's machine findings, the second adds to run 2.
    await recordFindings(h, t, [finding(t, 'column-blank', '首页>乙', {}, { id: 'run2-b' })], { inspectionId, runId: 'run-2', asOf: '2022-05-12T10:00:00+08:00', batch: { index: 0, final: false } });
    await recordFindings(h, t, [finding(t, 'column-blank', '首页>丙', {}, { id: 'run2-c' })], { inspectionId, runId: 'run-2', asOf: '2022-05-12T10:00:00+08:00', batch: { index: 1, final: true } });
    await waitFor('run 2 stored', async () => (await ids(t)).some((f: any) => f.id === 'run2-c'));
    const card = await cardWhen(h, t, PERIOD.key);
    const fs = await ids(t);
    expect(fs.map((f: any) => [f.id.startsWith('manual-') ? 'manual' : f.id, f.reviewState]).sort()).toEqual([
      ['manual', 'confirmed'],
      ['run2-b', 'dismissed'], // the same problem (type, url) as run1-b: the reviewer's verdict carried over
      ['run2-c', 'pending'],
    ]);
    expect(card.finalScore).toBe(97.5); // −2 (run2-c) −0.5 (manual broken link)
    // A late batch of the superseded run changes nothing.
    await recordFindings(h, t, [finding(t, 'column-blank', '首页>丁', {}, { id: 'run1-late' })], { inspectionId, runId: 'run-1', asOf: '2022-05-10T10:00:00+08:00' });
    await recordFindings(h, t, [finding(t, 'column-blank', '首页>戊', {}, { id: 'run0' })], { inspectionId, runId: 'run-0', asOf: '2022-05-01T10:00:00+08:00' });
    await waitFor('both stale batches consumed', async () => Number((await h.ds.query(`SELECT count(*)::int AS n FROM processed_event WHERE consumer = 'scoring.crawl.findings-recorded'`))[0].n) >= 5);
    expect((await ids(t)).length).toBe(3);
  });

  it('rankings and group averages by comparison group, sub-regions included; bulk publish of reviewed cards', async () => {
    const city = '421200';
    const mk = async (kind: 'portal' | 'department', name: string, region: string, blanks: number) => {
      const id = await registerSite(h, kind, name, region);
      await recordFindings(h, id, Array.from({ length: blanks }, (_, i) => finding(id, 'column-blank', `首页>空白${i}`)), { inspectionId });
      await cardWhen(h, id, PERIOD.key);
      return id;
    };
    const edu = await mk('department', '咸宁市教育局', city, 1); // 98
    const fin = await mk('department', '咸宁市财政局', city, 3); // 94
    const civ = await mk('department', '咸宁市民政局', city, 1); // 98
    const vet = await registerSite(h, 'department', '咸宁市审计局', city);
    await recordFindings(h, vet, [finding(vet, 'secret-leak', '首页>通知', {})], { inspectionId });
    await cardWhen(h, vet, PERIOD.key);
    const county = await mk('portal', '赤壁市人民政府', '421281', 2); // 96, a county-level portal inside the city

    const r = await h.ok(`{ rankings(regionCode: "${city}", periodKey: "${PERIOD.key}", group: "city-department") { rank targetId targetName finalScore result groupLabel } }`);
    expect(r.rankings.map((e: any) => [e.rank, e.targetName, e.finalScore, e.result])).toEqual([
      [1, '咸宁市教育局', 98, 'passed'],
      [1, '咸宁市民政局', 98, 'passed'],
      [3, '咸宁市财政局', 94, 'passed'],
      [4, '咸宁市审计局', null, 'failed-veto'],
    ]);
    expect(r.rankings[0].groupLabel).toBe('市直部门网站');
    const counties = await h.ok(`{ rankings(regionCode: "${city}", periodKey: "${PERIOD.key}", group: "county-portal") { targetId finalScore } }`);
    expect(counties.rankings).toEqual(expect.arrayContaining([{ targetId: county, finalScore: 96 }]));
    const avg = await h.ok(`{ groupAverages(regionCode: "${city}", periodKey: "${PERIOD.key}") { group groupLabel cards scored vetoed failed passed averageScore } }`);
    expect(avg.groupAverages.find((g: any) => g.group === 'city-department')).toEqual({
      group: 'city-department', groupLabel: '市直部门网站', cards: 4, scored: 3, vetoed: 1, failed: 1, passed: 3, averageScore: 96.7,
    });
    // Only the county's own cards when asked for the county.
    const own = await h.ok(`{ groupAverages(regionCode: "421281", periodKey: "${PERIOD.key}") { group cards } }`);
    expect(own.groupAverages).toEqual([{ group: 'county-portal', cards: 1 }]);

    // A round's reviewer publishes every card under review at once; drafts wait unless asked.
    for (const t of [edu, fin]) await h.ok(`mutation { submitForReview(targetId: "${t}", periodKey: "${PERIOD.key}", by: "inspector") { state } }`);
    const pub = await h.ok(`mutation { publishScoreCards(regionCode: "${city}", periodKey: "${PERIOD.key}", by: "chief") { targetId state version } }`);
    expect(pub.publishScoreCards.map((c: any) => c.targetId).sort()).toEqual([edu, fin].sort());
    expect(pub.publishScoreCards.every((c: any) => c.state === 'published')).toBe(true);
    const publishedOnly = await h.ok(`{ rankings(regionCode: "${city}", periodKey: "${PERIOD.key}", group: "city-department", publishedOnly: true) { targetId } }`);
    expect(publishedOnly.rankings.map((e: any) => e.targetId).sort()).toEqual([edu, fin].sort());
    const rest = await h.ok(`mutation { publishScoreCards(regionCode: "${city}", periodKey: "${PERIOD.key}", by: "chief", includeDrafts: true) { targetId } }`);
    expect(rest.publishScoreCards.map((c: any) => c.targetId)).toEqual(expect.arrayContaining([civ, vet, county]));
    expect(rest.publishScoreCards.map((c: any) => c.targetId)).not.toContain(edu);
  });

  it('rule sets: list, one resolved with indicators, an overlay diff', async () => {
    const list = await h.ok(`{ ruleSets { id latestVersion versions { version origin hash extends } } }`);
    expect(list.ruleSets.map((r: any) => r.id).sort()).toEqual(['anhui-2020', 'city-2022', 'hubei-2022', 'national-2019']);
    expect(list.ruleSets.find((r: any) => r.id === 'city-2022').versions).toEqual([{ version: '1.0.0', origin: 'repository', hash: expect.stringMatching(/^[0-9a-f]{64}$/), extends: 'national-2019@1.0.0' }]);
    const rs = await h.ok(`{ ruleSet(id: "national-2019") { version lineage indicatorCount scoring { passMark bonusEntryMark bonusEntryStrict bonusCap noExternalServicesRemainingMarks noExternalServicesMultiplier }
      indicators { id kind level1 level2 appliesTo findingTypes points per cap dedupSkipColumnsCountedBy verified citation { document clause verbatim } conditions { kind text window } clauses { id label minCount } } } }`);
    const n = rs.ruleSet;
    expect([n.version, n.lineage, n.indicatorCount]).toEqual(['1.0.0', ['national-2019@1.0.0'], 42]);
    expect(n.scoring).toEqual({ passMark: 60, bonusEntryMark: 80, bonusEntryStrict: true, bonusCap: 30, noExternalServicesRemainingMarks: 75, noExternalServicesMultiplier: '4/3' });
    const news = n.indicators.find((i: any) => i.id === 'W-D-NEWS');
    expect(news).toMatchObject({ kind: 'deduction', level1: '发布解读', points: 5, per: 'target', verified: true, citation: { document: '国办秘函〔2019〕19号', verbatim: true } });
    expect(news.conditions.some((c: any) => c.window === 'P2W')).toBe(true);
    expect(n.indicators.find((i: any) => i.id === 'W-D-OTHER-STALE').dedupSkipColumnsCountedBy).toContain('W-D-OTHER-BLANK');
    expect(n.indicators.find((i: any) => i.id === 'W-V4').clauses.length).toBeGreaterThan(0);
    const d = await h.ok(`{ ruleSetDiff(from: "national-2019", to: "city-2022") { from to indicatorsAdded scoring { path after } text } }`);
    expect(d.ruleSetDiff.indicatorsAdded).toEqual(['W-D-REPOST', 'M-D-REPOST']);
    expect(d.ruleSetDiff.scoring).toEqual(expect.arrayContaining([{ path: 'website.passMark.value', after: '80' }]));
    const missing = await h.gql(`{ ruleSet(id: "atlantis-2030") { version } }`);
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', classification: 'rule-set-not-found' });
  });
});
