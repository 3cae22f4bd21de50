import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { FINDING_TYPES, FindingType } from '@govinspect/contracts';
import {
  availabilityParameters,
  cstDay,
  dayToIso,
  diffRuleSets,
  FileRuleSetSource,
  formatRuleSetDiff,
  loadRuleSet,
  parseDuration,
  RULE_SETS_DIR,
  RuleSetError,
  RuleSetRepository,
  shiftDay,
} from '../src';

const NATIONAL_FILE = path.join(RULE_SETS_DIR, 'national-2019', '1.0.0.yaml');
const nationalRaw = () => yaml.load(readFileSync(NATIONAL_FILE, 'utf8'), { schema: yaml.CORE_SCHEMA }) as Record<string, any>;

/** A throwaway rule-set directory per test, written from plain objects. */
function repoWith(files: Record<string, unknown>): { repo: RuleSetRepository; dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'rule-sets-'));
  for (const [rel, doc] of Object.entries(files)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, typeof doc === 'string' ? doc : yaml.dump(doc));
  }
  dirs.push(dir);
  return { repo: new RuleSetRepository(new FileRuleSetSource(dir)), dir };
}
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function errorOf(fn: () => unknown): RuleSetError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RuleSetError) return e;
    throw e;
  }
  throw new Error('expected a RuleSetError');
}

describe('national-2019', () => {
  const rs = loadRuleSet('national-2019');

  it('W-V2 availability parameters with the verbatim clause', () => {
    expect(availabilityParameters(rs)).toEqual({
      probeTimeoutMs: 15000,
      minProbesPerDay: 20,
      windowDays: 7,
      vetoFailureRatio: 0.05,
      citation: '国办秘函〔2019〕19号：监测1周，每天间隔性访问20次以上，超过（含）15秒网站仍打不开的次数累计占比超过（含）5%，即单项否决。',
      indicatorId: 'W-V2',
    });
  });

  it('scoring parameters: pass 60, bonus strictly above 80, bonus cap 30, 75 × 4/3', () => {
    const w = rs.scoring.website;
    expect([w.fullMarks.value, w.passMark.value, w.bonusEntryMark.value, w.bonusEntryStrict.value, w.bonusCap.value]).toEqual([100, 60, 80, true, 30]);
    expect(w.noExternalServices.value).toEqual({ excludedLevel1: ['办事服务'], remainingMarks: 75, multiplier: { numerator: 4, denominator: 3 } });
    expect(w.noExternalServices.verified).toBe(false);
  });

  it('verified rules carry the regulation verbatim; unverified ones cite the product default or say so', () => {
    const verified = rs.indicators.filter((i) => i.verified).map((i) => i.id);
    expect(verified).toEqual(
      expect.arrayContaining(['W-V1', 'W-V2', 'W-V3', 'W-V4', 'W-V5', 'W-D-NEWS', 'W-D-POLICY', 'W-D-INTERP-COLUMN', 'W-D-INTERP-COVERAGE', 'W-D-INTERP-LINK', 'W-D-INSTITUTION', 'W-D-OTHER-STALE', 'W-D-OTHER-BLANK', 'W-D-MESSAGE-PUBLIC', 'W-D-SURVEY-FEEDBACK', 'W-D-FOOTER-PSB']),
    );
    for (const i of rs.indicators) {
      if (i.verified) {
        expect([i.id, i.citation.verbatim, i.citation.document]).toEqual([i.id, true, '国办秘函〔2019〕19号']);
      } else {
        expect([i.id, i.citation.verbatim]).toEqual([i.id, false]);
      }
    }
    const news = rs.indicators.find((i) => i.id === 'W-D-NEWS')!;
    expect(news.citation.clause).toBe('动态要闻监测时间点前2周内未更新的，扣5分。');
    expect(rs.indicators.find((i) => i.id === 'W-D-OTHER-STALE')!.unverifiedFields).toEqual(['cap']);
  });

  it('column-class windows are data (checklist §8)', () => {
    const w = Object.fromEntries(Object.entries(rs.columnClasses).map(([k, c]) => [k, [c.window, c.verified]]));
    expect(w).toMatchObject({
      homepage: ['P2W', true],
      news: ['P2W', true],
      notice: ['P6M', true],
      policy: ['P6M', true],
      interpretation: ['P6M', true],
      personnel: ['P1Y', false],
      'service-stats': ['P3M', false],
      'message-public': ['P2M', true],
      other: ['P1Y', false],
    });
    expect([rs.columnClasses.survey.lookback, rs.columnClasses.survey.feedback]).toEqual(['P1Y', 'P1M']);
  });

  it('every indicator is fed by known finding types, and FINDING_TYPES documents the same wiring', () => {
    const fedBy = new Map<string, Set<string>>();
    for (const i of rs.indicators) for (const t of i.findingTypes) (fedBy.get(t) ?? fedBy.set(t, new Set()).get(t)!).add(i.id);
    for (const [t, info] of Object.entries(FINDING_TYPES) as [FindingType, (typeof FINDING_TYPES)[FindingType]][]) {
      const documented: string[] = info.feeds.filter((f) => !f.endsWith('*'));
      const actual = [...(fedBy.get(t) ?? [])];
      expect([t, documented.filter((d) => !actual.includes(d))]).toEqual([t, []]);
      if (!info.feeds.some((f) => f.endsWith('*'))) expect([t, actual.filter((a) => !documented.includes(a))]).toEqual([t, []]);
    }
  });

  it('loads the highest version when none is given, and by effective date', () => {
    const raw = nationalRaw();
    const { repo } = repoWith({
      'national-2019/1.0.0.yaml': raw,
      'national-2019/1.10.0.yaml': { ...raw, version: '1.10.0', effectiveDate: '2023-01-01' },
      'national-2019/1.9.0.yaml': { ...raw, version: '1.9.0', effectiveDate: '2021-01-01' },
    });
    expect(repo.versions('national-2019')).toEqual(['1.0.0', '1.9.0', '1.10.0']);
    expect(repo.load('national-2019').version).toBe('1.10.0');
    expect(repo.effective('national-2019', '2022-06-30').version).toBe('1.9.0');
    expect(errorOf(() => repo.effective('national-2019', '2018-01-01')).classification).toBe('rule-set-not-found');
  });
});

describe('loader errors are clear and name the file and field', () => {
  it('unknown rule set', () => {
    const e = errorOf(() => loadRuleSet('atlantis-2030'));
    expect(e.classification).toBe('rule-set-not-found');
    expect(e.message).toContain('atlantis-2030');
    expect(e.message).toContain('national-2019');
  });

  it('a bad value inside an indicator names the file and the indicator by id', () => {
    const raw = nationalRaw();
    raw.indicators.find((i: { id: string }) => i.id === 'W-D-NEWS').points = 0.25;
    const { repo, dir } = repoWith({ 'national-2019/1.0.0.yaml': raw });
    const e = errorOf(() => repo.load('national-2019'));
    expect(e.classification).toBe('rule-set-invalid');
    expect(e.source).toBe(path.join(dir, 'national-2019', '1.0.0.yaml'));
    expect(e.issues).toEqual([{ path: 'indicators[W-D-NEWS].points', message: 'must be a multiple of 0.1' }]);
    expect(e.message).toContain('1.0.0.yaml: indicators[W-D-NEWS].points: must be a multiple of 0.1');
  });

  it('unknown finding types, unknown fields, broken references', () => {
    const raw = nationalRaw();
    const ind = raw.indicators.find((i: { id: string }) => i.id === 'W-D-OTHER-STALE');
    ind.findingTypes = ['column-stail'];
    ind.pionts = 3;
    const { repo } = repoWith({ 'national-2019/1.0.0.yaml': raw });
    const e = errorOf(() => repo.load('national-2019'));
    expect(e.issues).toEqual(
      expect.arrayContaining([
        { path: 'indicators[W-D-OTHER-STALE].findingTypes[0]', message: 'unknown finding type "column-stail"' },
        expect.objectContaining({ path: 'indicators[W-D-OTHER-STALE]', message: expect.stringContaining('pionts') }),
      ]),
    );

    const raw2 = nationalRaw();
    raw2.indicators.find((i: { id: string }) => i.id === 'W-D-OTHER-STALE').dedup.skipColumnsCountedBy = ['W-D-NOPE'];
    raw2.indicators.find((i: { id: string }) => i.id === 'W-V2').clauses[0].filters[0].value = { param: 'ratio' };
    raw2.indicators.find((i: { id: string }) => i.id === 'W-D-NEWS').citation.document = '国办秘函〔2019〕91号';
    raw2.indicators.find((i: { id: string }) => i.id === 'W-D-POLICY').filters[1].exceeds = { columnClass: 'policies' };
    const e2 = errorOf(() => repoWith({ 'national-2019/1.0.0.yaml': raw2 }).repo.load('national-2019'));
    expect(e2.issues).toEqual([
      { path: 'indicators[W-V2].clauses[0].filters[0].value.param', message: 'unknown param "ratio" (not in params)' },
      { path: 'indicators[W-D-NEWS].citation.document', message: 'document "国办秘函〔2019〕91号" is not listed under documents' },
      { path: 'indicators[W-D-POLICY].filters[1].exceeds', message: 'unknown column class "policies"' },
      { path: 'indicators[W-D-OTHER-STALE].dedup.skipColumnsCountedBy', message: 'unknown indicator W-D-NOPE' },
    ]);
  });

  it('a catch-all may only defer to an indicator that charges at least as much per column', () => {
    const raw = nationalRaw();
    // W-D-OTHER-STALE (1 per column) defers to W-D-OTHER-BLANK; at 0.5 a blank column would cost less than a stale one.
    raw.indicators.find((i: { id: string }) => i.id === 'W-D-OTHER-BLANK').points = 0.5;
    raw.indicators.find((i: { id: string }) => i.id === 'W-D-OTHER-BLANK').cap = 2;
    const e = errorOf(() => repoWith({ 'national-2019/1.0.0.yaml': raw }).repo.load('national-2019'));
    expect(e.issues).toEqual([
      { path: 'indicators[W-D-OTHER-STALE].dedup.skipColumnsCountedBy', message: 'W-D-OTHER-BLANK charges 0.5 per column, less than the 1 of W-D-OTHER-STALE that defers to it' },
    ]);
  });

  it('YAML syntax errors name the file and line', () => {
    const { repo } = repoWith({ 'national-2019/1.0.0.yaml': 'id: national-2019\nversion: 1.0.0\nindicators: [\n' });
    const e = errorOf(() => repo.load('national-2019'));
    expect(e.issues[0].path).toBe('(yaml)');
    expect(e.message).toMatch(/1\.0\.0\.yaml.*\(4:1\)/s);
  });

  it('a file whose id/version disagrees with its location is rejected', () => {
    const { repo } = repoWith({ 'national-2019/2.0.0.yaml': nationalRaw() });
    expect(errorOf(() => repo.load('national-2019')).issues[0].path).toBe('id/version');
  });
});

describe('overlays: inherit, add, remove, re-weight, re-threshold', () => {
  const overlay = (extra: Record<string, unknown>) => ({
    id: 'prov-x',
    name: '某省细则',
    version: '1.0.0',
    effectiveDate: '2021-01-01',
    extends: { id: 'national-2019', version: '1.0.0' },
    documents: { '某省〔2021〕1号': { title: '某省政府网站检查指标' } },
    ...extra,
  });

  it('applies add / remove / override / scoring changes and records the lineage', () => {
    const { repo } = repoWith({
      'national-2019/1.0.0.yaml': nationalRaw(),
      'prov-x/1.0.0.yaml': overlay({
        scoring: { website: { passMark: { value: 80, verified: true, citation: { document: '某省〔2021〕1号', verbatim: true, clause: '低于80分为不合格' } } } },
        columnClasses: { news: { window: 'P1W' } },
        indicators: {
          remove: ['W-D-DOMAIN'],
          override: { 'W-D-NEWS': { points: 3 }, 'W-V2': { params: { windowDays: { value: 7, verified: true }, minProbesPerDay: { value: 20, verified: true }, probeTimeoutMs: { value: 10000, verified: true }, vetoFailureRatio: { value: 0.03, verified: true } } } },
          add: [
            {
              id: 'P-D-PRIVACY',
              kind: 'deduction',
              level1: '发布解读',
              level2: '个人隐私',
              appliesTo: ['portal', 'department'],
              findingTypes: ['privacy-leak'],
              per: 'occurrence',
              points: 2,
              cap: 10,
              verified: true,
              citation: { document: '某省〔2021〕1号', verbatim: true, clause: '泄露个人隐私的，每发现一处，扣2分。' },
              annexTemplate: '泄露个人隐私的，每发现一处，扣{points}分。共扣{total}分。{evidence}',
            },
          ],
        },
      }),
    });
    const base = repo.load('national-2019');
    const prov = repo.load('prov-x');
    expect(prov.lineage.map((l) => `${l.id}@${l.version}`)).toEqual(['national-2019@1.0.0', 'prov-x@1.0.0']);
    expect(prov.scoring.website.passMark.value).toBe(80);
    expect(prov.scoring.website.bonusCap.value).toBe(30); // inherited
    expect(prov.columnClasses.news.window).toBe('P1W');
    expect(prov.columnClasses.news.name).toBe('动态要闻类'); // partial patch keeps the rest
    expect(prov.indicators.find((i) => i.id === 'W-D-DOMAIN')).toBeUndefined();
    expect(prov.indicators.at(-1)!.id).toBe('P-D-PRIVACY');
    expect(availabilityParameters(prov)).toMatchObject({ probeTimeoutMs: 10000, vetoFailureRatio: 0.03 });

    const d = diffRuleSets(base, prov);
    expect(d.indicators.added.map((i) => i.id)).toEqual(['P-D-PRIVACY']);
    expect(d.indicators.removed.map((i) => i.id)).toEqual(['W-D-DOMAIN']);
    expect(d.indicators.changed).toEqual([
      {
        id: 'W-V2',
        changes: [
          { path: 'params.probeTimeoutMs.note', before: '超过（含）15秒网站仍打不开', after: undefined },
          { path: 'params.probeTimeoutMs.unit', before: 'ms', after: undefined },
          { path: 'params.probeTimeoutMs.value', before: 15000, after: 10000 },
          { path: 'params.vetoFailureRatio.note', before: '累计占比超过（含）5%', after: undefined },
          { path: 'params.vetoFailureRatio.unit', before: 'ratio', after: undefined },
          { path: 'params.vetoFailureRatio.value', before: 0.05, after: 0.03 },
          { path: 'params.windowDays.note', before: '监测1周', after: undefined },
          { path: 'params.windowDays.unit', before: 'day', after: undefined },
          { path: 'params.minProbesPerDay.note', before: '每天间隔性访问20次以上', after: undefined },
          { path: 'params.minProbesPerDay.unit', before: 'count', after: undefined },
        ].sort((a, b) => (a.path < b.path ? -1 : 1)),
      },
      { id: 'W-D-NEWS', changes: [{ path: 'points', before: 5, after: 3 }] },
    ]);
    expect(d.columnClasses.changed).toEqual([{ id: 'news', changes: [{ path: 'window', before: 'P2W', after: 'P1W' }] }]);
    expect(d.scoring).toEqual(expect.arrayContaining([{ path: 'website.passMark.value', before: 60, after: 80 }]));
    expect(d.documents.added).toEqual(['某省〔2021〕1号']);
    const text = formatRuleSetDiff(d);
    expect(text).toContain('~ indicator W-D-NEWS.points: 5 -> 3');
    expect(text).toContain('+ indicator P-D-PRIVACY (deduction) 发布解读/个人隐私');
    expect(text).toContain('- indicator W-D-DOMAIN (deduction) 功能设计/域名');
  });

  it('a new version of the national set diffs field by field', () => {
    const raw = nationalRaw();
    const v2 = structuredClone(raw);
    v2.version = '1.1.0';
    v2.indicators.find((i: { id: string }) => i.id === 'W-D-OTHER-STALE').cap = 8;
    const { repo } = repoWith({ 'national-2019/1.0.0.yaml': raw, 'national-2019/1.1.0.yaml': v2 });
    const d = diffRuleSets(repo.load('national-2019', '1.0.0'), repo.load('national-2019', '1.1.0'));
    expect(d.header).toEqual([{ path: 'version', before: '1.0.0', after: '1.1.0' }]);
    expect(d.indicators).toEqual({ added: [], removed: [], changed: [{ id: 'W-D-OTHER-STALE', changes: [{ path: 'cap', before: 10, after: 8 }] }] });
  });

  it('overlay mistakes are reported against the overlay file', () => {
    const { repo, dir } = repoWith({
      'national-2019/1.0.0.yaml': nationalRaw(),
      'prov-x/1.0.0.yaml': overlay({ indicators: { remove: ['W-D-GONE'], override: { 'W-D-NEWS': { kind: 'bonus' } } }, scoring: { website: { passMarks: { value: 80 } } } }),
    });
    const e = errorOf(() => repo.load('prov-x'));
    expect(e.source).toBe(path.join(dir, 'prov-x', '1.0.0.yaml'));
    expect(e.issues).toEqual([
      { path: 'indicators.remove', message: 'W-D-GONE is not in national-2019@1.0.0' },
      { path: 'indicators.override.W-D-NEWS.kind', message: 'kind cannot be overridden; remove and add instead' },
      { path: 'scoring.website.passMarks', message: 'unknown scoring parameter' },
    ]);
  });

  it('an override that breaks the merged set is caught by full validation of the result', () => {
    const { repo } = repoWith({
      'national-2019/1.0.0.yaml': nationalRaw(),
      'prov-x/1.0.0.yaml': overlay({ indicators: { override: { 'W-D-INSTITUTION': { cap: 0.5 } } } }),
    });
    expect(errorOf(() => repo.load('prov-x')).issues).toEqual([{ path: 'indicators[W-D-INSTITUTION].cap', message: 'cap 0.5 is below points 1' }]);
  });

  it('inheritance cycles and missing parents are classified', () => {
    const { repo } = repoWith({
      'a/1.0.0.yaml': { ...overlay({}), id: 'a', extends: { id: 'b', version: '1.0.0' } },
      'b/1.0.0.yaml': { ...overlay({}), id: 'b', extends: { id: 'a', version: '1.0.0' } },
      'c/1.0.0.yaml': { ...overlay({}), id: 'c', extends: { id: 'nowhere', version: '1.0.0' } },
    });
    expect(errorOf(() => repo.load('a')).classification).toBe('rule-set-inheritance');
    expect(errorOf(() => repo.load('c')).classification).toBe('rule-set-not-found');
  });

  it('the shipped overlays resolve and change what the checklist says they change', () => {
    const base = loadRuleSet('national-2019');
    const anhui = diffRuleSets(base, loadRuleSet('anhui-2020'));
    expect(anhui.indicators.changed.map((c) => c.id)).toEqual(['W-B-SURVEY']);
    expect(anhui.indicators.changed[0].changes).toEqual(expect.arrayContaining([{ path: 'points', before: 1, after: 2 }, { path: 'minCount', before: 1, after: { param: 'activities' } }]));
    const hubei = diffRuleSets(base, loadRuleSet('hubei-2022'));
    expect(hubei.indicators.added.map((i) => [i.id, i.kind, i.findingTypes])).toEqual([
      ['M-V-UNFILED', 'veto', ['account-unfiled']],
      ['M-V-NAME-MISMATCH', 'veto', ['account-name-mismatch']],
    ]);
    const city = diffRuleSets(base, loadRuleSet('city-2022'));
    expect(city.scoring).toEqual(expect.arrayContaining([{ path: 'website.passMark.value', before: 60, after: 80 }]));
  });
});

describe('window arithmetic (China Standard Time calendar days)', () => {
  it('counts back months with month-end clamping and reads instants in +08:00', () => {
    expect(dayToIso(shiftDay(cstDay('2022-08-31'), parseDuration('P6M'), -1))).toBe('2022-02-28');
    expect(dayToIso(shiftDay(cstDay('2024-08-31'), parseDuration('P6M'), -1))).toBe('2024-02-29');
    expect(dayToIso(shiftDay(cstDay('2022-05-16'), parseDuration('P2W'), -1))).toBe('2022-05-02');
    expect(dayToIso(shiftDay(cstDay('2022-05-16'), parseDuration('P1Y'), -1))).toBe('2021-05-16');
    expect(dayToIso(cstDay('2022-05-15T17:30:00Z'))).toBe('2022-05-16'); // 01:30 in Beijing
    expect(() => parseDuration('2 weeks')).toThrow(/P7D/);
  });
});
