import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { findingsRecorded, inspectionRequested } from '@govinspect/contracts';
import { RULE_SETS_DIR } from '@govinspect/rule-sets';
import { AS_OF, cardWhen, finding, Harness, PERIOD, recordFindings, registerSite, requestInspection, startScoring, waitFor } from './harness';

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
    await h.ok(`mutation M($i: ManualFindingInput!) { addManualFinding(input: $i, by: "inspector") { card { finalScore } } }`, {
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

  it('monitoring runs (no inspection, e.g. W-V2 windows) and inspection runs of one quarter replace only their own kind', async () => {
    const q2 = { key: '2022Q2', kind: 'quarter' as const, from: '2022-04-01T00:00:00+08:00', to: '2022-06-30T23:59:59+08:00' };
    await requestInspection(h, 'insp-q2', q2);
    const t = await registerSite(h, 'portal', '咸安区人民政府', '421202');
    await recordFindings(h, t, [finding(t, 'column-blank', '首页>甲', {}, { id: 'q2-insp-a' })], { inspectionId: 'insp-q2', runId: 'q2-insp-run' });
    const window = (id: string, runId: string, asOf: string, ratio: number) =>
      recordFindings(h, t, [finding(t, 'site-unavailable', 'http://www.example.gov.cn/', { failureRatio: ratio, probes: 140, failures: Math.round(ratio * 140), windowDays: 7 }, { id, asOf })], { runId, asOf });
    await window('q2-win-1', 'win-1', '2022-05-09T10:00:00+08:00', 0.01);
    await window('q2-win-2', 'win-2', '2022-05-16T09:00:00+08:00', 0.02);
    await waitFor('both windows', async () => Number((await h.ds.query(`SELECT count(*)::int AS n FROM finding_run WHERE target_id = $1`, [t]))[0].n) === 3);
    const fs = (await h.ok(`{ findings(targetId: "${t}", periodKey: "2022Q2") { id } }`)).findings.map((f: any) => f.id).sort();
    expect(fs).toEqual(['q2-insp-a', 'q2-win-2']);
    // The card is the inspection's: its monitoring point and rule set.
    const card = await cardWhen(h, t, '2022Q2');
    expect([card.inspectionId, card.finalScore, new Date(card.asOf).toISOString()]).toEqual(['insp-q2', 98, new Date(AS_OF).toISOString()]);
    // Once published, a window observed after the card's monitoring point changes nothing it says: no new version.
    await h.ok(`mutation { submitForReview(targetId: "${t}", periodKey: "2022Q2", by: "inspector") { state } }`);
    await h.ok(`mutation { publishScoreCard(targetId: "${t}", periodKey: "2022Q2", by: "chief") { version } }`);
    await window('q2-win-3', 'win-3', '2022-05-23T09:00:00+08:00', 0.2);
    await waitFor('window 3', async () => (await h.ok(`{ findings(targetId: "${t}", periodKey: "2022Q2") { id } }`)).findings.some((f: any) => f.id === 'q2-win-3'));
    const after = (await h.ok(`{ scoreCard(targetId: "${t}", periodKey: "2022Q2") { version state finalScore } }`)).scoreCard;
    expect(after).toEqual({ version: 1, state: 'published', finalScore: 98 });
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

  it('new-media accounts: pass/fail by vetoes nationally, a local point scale under an overlay', async () => {
    const acct = 'acct-wenhua-xianning';
    const period = { key: '2022-city-acct', kind: 'ad-hoc' as const, from: PERIOD.from, to: PERIOD.to };
    await requestInspection(h, 'insp-city', period, undefined, 'city-2022');
    const repost = (i: number) => finding(acct, 'mandated-repost-missing', `“文化咸宁”微信 第${i}条`, {}, { targetKind: 'account', id: `acct-r${i}` });
    await h.send(findingsRecorded, acct, { targetId: acct, targetKind: 'account', asOf: AS_OF, runId: 'acct-run', inspectionId: 'insp-city', findings: [1, 2].map(repost) });
    const card = await cardWhen(h, acct, period.key);
    expect([card.targetKind, card.targetClass, card.ruleSetId, card.result, card.finalScore, card.passMark]).toEqual(['account', 'account', 'city-2022', 'passed', 80, 60]);
    expect(card.deductions.map((l: any) => [l.indicatorId, l.total])).toEqual([['M-D-REPOST', 20]]);
    // Nationally the same account is judged by vetoes only.
    await h.send(findingsRecorded, acct, { targetId: acct, targetKind: 'account', asOf: AS_OF, runId: 'acct-run-2', findings: [finding(acct, 'account-not-updated', '“文化咸宁”微信', { lastUpdated: null }, { targetKind: 'account', id: 'acct-nu' })] });
    const nat = await cardWhen(h, acct, '2022Q2');
    expect([nat.result, nat.finalScore, nat.annex]).toEqual(['failed-veto', null, { problems: '开通以来从未更新', score: '一票否决' }]);
    // The register has no accounts yet, so a card cannot be published without a name and region.
    await h.ok(`mutation { submitForReview(targetId: "${acct}", periodKey: "2022Q2", by: "inspector") { state } }`);
    const r = await h.gql(`mutation { publishScoreCard(targetId: "${acct}", periodKey: "2022Q2", by: "chief") { version } }`);
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', classification: 'target-not-registered' });
  });

  it('an inspection naming a rule-set version nobody stored keeps its findings unscored, and scores them once it exists', async () => {
    const period = { key: '2022-future-rules', kind: 'ad-hoc' as const, from: PERIOD.from, to: PERIOD.to };
    await h.send(inspectionRequested, 'insp-future', { inspectionId: 'insp-future', reason: 'round', regionCode: '421200', includeSubRegions: true, asOf: AS_OF, period, ruleSetId: 'national-2019', ruleSetVersion: '9.0.0' });
    const t = await registerSite(h, 'portal', '嘉鱼县人民政府门户', '421221');
    await recordFindings(h, t, [finding(t, 'column-blank', '首页>空白', {}, { id: 'future-1' })], { inspectionId: 'insp-future' });
    await waitFor('finding stored', async () => (await h.ok(`{ findings(targetId: "${t}", periodKey: "${period.key}") { id } }`)).findings.length === 1);
    expect((await h.ok(`{ scoreCard(targetId: "${t}", periodKey: "${period.key}") { version } }`)).scoreCard).toBeNull();
    const yaml = readFileSync(path.join(RULE_SETS_DIR, 'national-2019', '1.0.0.yaml'), 'utf8').replace(/^version: 1\.0\.0$/m, 'version: 9.0.0');
    await h.ok(`mutation U($d: String!) { uploadRuleSet(document: $d, by: "editor") { version } }`, { d: yaml });
    const r = await h.ok(`mutation { rescoreRegion(regionCode: "421221", periodKey: "${period.key}", by: "editor", reason: "9.0.0 stored") { created } }`);
    expect(r.rescoreRegion.created).toBe(1);
    expect((await cardWhen(h, t, period.key)).ruleSetVersion).toBe('9.0.0');
  });

  it('rule sets: list, one resolved with indicators, an overlay diff', async () => {
    const list = await h.ok(`{ ruleSets { id latestVersion versions { version origin hash extends } } }`);
    expect(list.ruleSets.map((r: any) => r.id).sort()).toEqual(['anhui-2020', 'city-2022', 'hubei-2022', 'national-2019']);
    expect(list.ruleSets.find((r: any) => r.id === 'national-2019').latestVersion).toBe('9.0.0');
    expect(list.ruleSets.find((r: any) => r.id === 'city-2022').versions).toEqual([{ version: '1.0.0', origin: 'repository', hash: expect.stringMatching(/^[0-9a-f]{64}$/), extends: 'national-2019@1.0.0' }]);
    const rs = await h.ok(`{ ruleSet(id: "national-2019", version: "1.0.0") { version lineage indicatorCount scoring { passMark bonusEntryMark bonusEntryStrict bonusCap noExternalServicesRemainingMarks noExternalServicesMultiplier }
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
