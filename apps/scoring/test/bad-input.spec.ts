import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { findingsRecorded } from '@govinspect/contracts';
import { RULE_SETS_DIR } from '@govinspect/rule-sets';
import { cardWhen, finding, Harness, PERIOD, recordFindings, registerSite, requestInspection, startScoring, waitFor } from './harness';

/** Each bad input gets a classified error and changes nothing (cards, findings, rule sets, outbox, audit). */
describe('bad input → classified errors, nothing changed (real PostgreSQL)', () => {
  jest.setTimeout(60_000);
  let h: Harness;
  let site: string;
  const inspectionId = 'insp-bad';

  const snapshot = async () => {
    const n = async (sql: string) => Number((await h.ds.query(sql))[0].n);
    return {
      cards: await n(`SELECT count(*)::int AS n FROM score_card`),
      cardJson: (await h.ds.query(`SELECT md5(string_agg(card::text || state, ',' ORDER BY card_id, version)) AS n FROM score_card`))[0].n,
      findings: await n(`SELECT count(*)::int AS n FROM finding`),
      ruleSets: await n(`SELECT count(*)::int AS n FROM rule_set_version`),
      outbox: await n(`SELECT count(*)::int AS n FROM outbox_message`),
      audit: await n(`SELECT count(*)::int AS n FROM audit_event`),
    };
  };
  const expectError = async (query: string, variables: Record<string, unknown>, ext: Record<string, unknown>) => {
    const before = await snapshot();
    const r = await h.gql(query, variables);
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0].extensions).toMatchObject(ext);
    expect(await snapshot()).toEqual(before);
    return r.errors![0];
  };

  beforeAll(async () => {
    h = await startScoring();
    await requestInspection(h, inspectionId);
    site = await registerSite(h, 'portal', '赤壁市人民政府');
    await recordFindings(h, site, [finding(site, 'column-blank', '首页>空白', {}, { id: 'bad-1' })], { inspectionId });
    await cardWhen(h, site, PERIOD.key);
  });
  afterAll(() => h?.close());

  const PUBLISH = `mutation P($t: String!, $p: String!) { publishScoreCard(targetId: $t, periodKey: $p, by: "chief") { version } }`;
  const UPLOAD = `mutation U($d: String!, $f: String) { uploadRuleSet(document: $d, by: "editor", format: $f) { version } }`;
  const MANUAL = `mutation M($i: ManualFindingInput!) { addManualFinding(input: $i, by: "inspector") { card { finalScore } } }`;
  const manual = (over: Record<string, unknown>) => ({ targetId: site, periodKey: PERIOD.key, type: 'wording-error', url: 'http://x.gov.cn/a.html', evidenceText: '…', ...over });

  it('unknown card, unknown period, unknown finding', async () => {
    await expectError(PUBLISH, { t: 'no-such-site', p: PERIOD.key }, { code: 'NOT_FOUND', classification: 'score-card-not-found' });
    await expectError(`{ rankings(regionCode: "421200", periodKey: "1999Q9", group: "city-portal") { rank } }`, {}, { code: 'NOT_FOUND', classification: 'period-not-found' });
    await expectError(`mutation { dismissFinding(findingId: "nope", by: "x", reason: "y") { version } }`, {}, { code: 'NOT_FOUND', classification: 'finding-not-found' });
    // Reading a card that does not exist is not an error: the answer is null.
    expect(await h.ok(`{ scoreCard(targetId: "x", periodKey: "${PERIOD.key}") { version } }`)).toEqual({ scoreCard: null });
  });

  it('workflow: publishing a draft, publishing twice, submitting a published card, dismissing without a reason', async () => {
    await expectError(PUBLISH, { t: site, p: PERIOD.key }, { code: 'CONFLICT', classification: 'score-card-not-reviewed' });
    await h.ok(`mutation { submitForReview(targetId: "${site}", periodKey: "${PERIOD.key}", by: "inspector") { state } }`);
    await h.ok(PUBLISH, { t: site, p: PERIOD.key });
    await expectError(PUBLISH, { t: site, p: PERIOD.key }, { code: 'CONFLICT', classification: 'score-card-already-published' });
    await expectError(`mutation { submitForReview(targetId: "${site}", periodKey: "${PERIOD.key}", by: "inspector") { state } }`, {}, { code: 'CONFLICT', classification: 'score-card-already-published' });
    await expectError(`mutation { dismissFinding(findingId: "bad-1", by: "inspector", reason: "  ") { version } }`, {}, { code: 'BAD_USER_INPUT', field: 'reason' });
    await expectError(`mutation { publishScoreCards(regionCode: "4212", periodKey: "${PERIOD.key}", by: "chief") { version } }`, {}, { code: 'BAD_USER_INPUT', field: 'regionCode', classification: 'region-code-invalid' });
    await expectError(`{ rankings(regionCode: "421200", periodKey: "${PERIOD.key}", group: "villages") { rank } }`, {}, { code: 'BAD_USER_INPUT', field: 'group', classification: 'group-unknown' });
  });

  it('bad rule-set uploads: not YAML, schema violations, unknown parent, a stored version with other content', async () => {
    const national = readFileSync(path.join(RULE_SETS_DIR, 'national-2019', '1.0.0.yaml'), 'utf8');
    const yamlErr = await expectError(UPLOAD, { d: 'id: [unclosed' }, { code: 'BAD_USER_INPUT', field: 'document', classification: 'rule-set-invalid' });
    expect(yamlErr.message).toContain('(yaml)');
    await expectError(UPLOAD, { d: '{"id": "x"', f: 'json' }, { code: 'BAD_USER_INPUT', classification: 'rule-set-invalid' });
    const negative = national.replace(/^version: 1\.0\.0$/m, 'version: 1.0.1').replace(/(- id: W-D-NEWS[\s\S]*?points:) 5/, '$1 -5');
    const neg = await expectError(UPLOAD, { d: negative }, { code: 'BAD_USER_INPUT', classification: 'rule-set-invalid' });
    expect(neg.message).toContain('indicators[W-D-NEWS].points');
    expect(neg.extensions.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'indicators[W-D-NEWS].points' })]));
    const orphan = 'id: lost-2024\nname: 无主细则\nversion: 1.0.0\neffectiveDate: "2024-01-01"\nextends: { id: nowhere-2020, version: 1.0.0 }\n';
    await expectError(UPLOAD, { d: orphan }, { code: 'BAD_USER_INPUT', classification: 'rule-set-inheritance' });
    const tampered = national.replace(/(- id: W-D-NEWS[\s\S]*?points:) 5/, '$1 4');
    await expectError(UPLOAD, { d: tampered }, { code: 'CONFLICT', field: 'version', classification: 'rule-set-version-exists' });
    await expectError(UPLOAD, { d: national, f: 'xml' }, { code: 'BAD_USER_INPUT', field: 'format' });
    // The same document again is not a new version (its hash is known): no error, no row.
    const before = await snapshot();
    expect((await h.ok(UPLOAD, { d: national })).uploadRuleSet.version).toBe('1.0.0');
    expect(await snapshot()).toEqual(before);
  });

  it('bad manual findings: unknown type, bad attributes, unknown target or period, wrong target kind', async () => {
    const t = await expectError(MANUAL, { i: manual({ type: 'ufo-sighting' }) }, { code: 'BAD_USER_INPUT', field: 'type', classification: 'finding-invalid' });
    expect(t.message).toContain('type');
    await expectError(MANUAL, { i: manual({ attributes: '{not json' }) }, { code: 'BAD_USER_INPUT', field: 'attributes', classification: 'finding-invalid' });
    const lvl = await expectError(MANUAL, { i: manual({ attributes: JSON.stringify({ level: 42 }) }) }, { code: 'BAD_USER_INPUT', field: 'attributes', classification: 'finding-invalid' });
    expect(lvl.message).toContain('attributes.level');
    await expectError(MANUAL, { i: manual({ asOf: 'yesterday' }) }, { code: 'BAD_USER_INPUT', field: 'asOf', classification: 'finding-invalid' });
    await expectError(MANUAL, { i: manual({ type: 'account-unfiled' }) }, { code: 'BAD_USER_INPUT', field: 'type', classification: 'finding-invalid' });
    await expectError(MANUAL, { i: manual({ targetId: 'ghost' }) }, { code: 'NOT_FOUND', classification: 'target-not-found' });
    await expectError(MANUAL, { i: manual({ periodKey: '1999Q1' }) }, { code: 'NOT_FOUND', classification: 'period-not-found' });
  });

  it('a findings event about another target is dead-lettered whole; the card is untouched', async () => {
    const before = await snapshot();
    const dlq: string[] = [];
    const sub = await h.bus.subscribe({ groupId: 'test-dlq', topics: [`${findingsRecorded.topic}.dlq`], handler: async (m) => void dlq.push(m.headers['x-dlq-classification']) });
    await recordFindings(h, site, [finding('someone-else', 'column-blank', '首页>别人的栏目')], { inspectionId });
    await waitFor('dead letter', async () => dlq.length > 0);
    await sub.stop();
    expect(dlq).toEqual(['findings-event-rejected']);
    expect(await snapshot()).toEqual(before);
  });
});
