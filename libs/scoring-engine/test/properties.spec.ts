import fc from 'fast-check';
import { FINDING_TYPES, FindingInput, FindingType } from '@govinspect/contracts';
import { loadRuleSet } from '@govinspect/rule-sets';
import { ScoreCard, scoreTarget, ScoreTarget } from '../src';
import { AS_OF, PERIOD } from './helpers';

const ruleSets = [loadRuleSet('national-2019'), loadRuleSet('city-2022'), loadRuleSet('anhui-2020')];
const siteTypes = (Object.keys(FINDING_TYPES) as FindingType[]).filter((t) => (FINDING_TYPES[t].targets as readonly string[]).includes('site'));
const problemTypes = siteTypes.filter((t) => FINDING_TYPES[t].polarity === 'problem');
const crumbs = ['首页>要闻', '首页>通知公告', '首页>政策文件', '首页>政策解读', '首页>留言公开', '首页>机构职能', '首页>专题', '首页>人事信息', '首页'];
const day = fc.integer({ min: 0, max: 900 }).map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));

const findingArb = (types: FindingType[], id: fc.Arbitrary<string>) =>
  fc
    .record({
      id,
      type: fc.constantFrom(...types),
      crumb: fc.constantFrom(...crumbs),
      lastUpdated: fc.option(day, { nil: null }),
      receivedAt: day,
      endedAt: day,
      startedAt: day,
      level: fc.constantFrom(1, 2),
      label: fc.constantFrom('psb', 'conac', 'icp', 'site-code', 'error-report'),
      element: fc.constantFrom('办公时间', '负责人姓名', '设定依据'),
      unit: fc.constantFrom('办公室', '财务科'),
      category: fc.constantFrom('信息发布', '办事服务', '互动交流', '功能设计', '创新发展'),
      failureRatio: fc.integer({ min: 0, max: 100 }).map((n) => n / 1000),
      review: fc.constantFrom(undefined, 'pending', 'confirmed', 'dismissed'),
    })
    .map(
      (r): FindingInput => ({
        id: r.id,
        type: r.type,
        targetId: 'site-x',
        targetKind: 'site',
        asOf: '2022-05-15T09:00:00+08:00',
        location: { url: `http://x.gov.cn/${encodeURIComponent(r.crumb)}`, breadcrumb: r.crumb },
        evidence: { text: '' },
        attributes: {
          lastUpdated: r.lastUpdated,
          receivedAt: r.receivedAt,
          endedAt: r.endedAt,
          startedAt: r.startedAt,
          level: r.level,
          label: r.label as never,
          element: r.element,
          unit: r.unit,
          category: r.category,
          failureRatio: r.failureRatio,
          windowDays: 7,
        },
        source: 'machine',
        ...(r.review ? { review: { state: r.review as 'pending' } } : {}),
      }),
    );

const uniqueFindings = (types: FindingType[]) =>
  fc.uniqueArray(findingArb(types, fc.integer({ min: 0, max: 1e6 }).map((n) => `f${n}`)), { selector: (f) => f.id, maxLength: 60 });
const targetArb = fc.constantFrom<ScoreTarget>(
  { id: 'site-x', kind: 'portal' },
  { id: 'site-x', kind: 'department' },
  { id: 'site-x', kind: 'department', externalServices: false },
);
const ruleSetArb = fc.constantFrom(...ruleSets);

const score = (ruleSet: (typeof ruleSets)[number], target: ScoreTarget, findings: FindingInput[]) =>
  scoreTarget({ ruleSet, target, findings, period: PERIOD, asOf: AS_OF });
/** Veto ranks below any score. */
const rank = (c: ScoreCard) => (c.result === 'failed-veto' ? -Infinity : (c.finalScore ?? 0));

describe('scoring properties (fast-check)', () => {
  // Thousands of cards per property: on two shared cores that can exceed Jest's 5 s default.
  jest.setTimeout(60_000);

  it('caps are never exceeded and scores stay in range', () => {
    fc.assert(
      fc.property(ruleSetArb, targetArb, uniqueFindings(siteTypes), (rs, target, findings) => {
        const card = score(rs, target, findings);
        for (const l of [...card.deductions, ...card.bonuses]) {
          if (l.cap !== null) expect(l.total).toBeLessThanOrEqual(l.cap);
          expect(l.total).toBeLessThanOrEqual(l.per === 'target' ? l.points : l.points * l.count);
        }
        if (card.bonusTotal !== null) expect(card.bonusTotal).toBeLessThanOrEqual(rs.scoring.website.bonusCap.value);
        if (card.baseScore !== null) {
          expect(card.baseScore).toBeGreaterThanOrEqual(0);
          expect(card.baseScore).toBeLessThanOrEqual(rs.scoring.website.fullMarks.value);
        }
        // Tenths arithmetic: every number on the card has at most one decimal.
        for (const n of [card.finalScore, card.baseScore, card.deductionTotal, card.bonusTotal]) if (n !== null) expect(Math.round(n * 10)).toBeCloseTo(n * 10, 9);
      }),
      { numRuns: 300 },
    );
  });

  it('a veto short-circuits: no deduction or bonus lines, no score, and more findings keep it vetoed', () => {
    fc.assert(
      fc.property(ruleSetArb, targetArb, uniqueFindings(siteTypes), uniqueFindings(siteTypes), (rs, target, a, b) => {
        const forged: FindingInput = {
          id: 'veto',
          type: 'forged-date',
          targetId: 'site-x',
          targetKind: 'site',
          asOf: '2022-05-15T09:00:00+08:00',
          location: { url: 'http://x.gov.cn/yjzj/1.html', breadcrumb: '首页>意见征集' },
          evidence: { text: '2000年3月30日至2000年4月30日' },
          source: 'manual',
        };
        const findings = [forged, ...a.filter((f) => f.id !== 'veto')];
        const card = score(rs, target, findings);
        expect(card.result).toBe('failed-veto');
        expect(card.deductions).toEqual([]);
        expect(card.bonuses).toEqual([]);
        expect(card.finalScore).toBeNull();
        const ids = new Set(findings.map((f) => f.id));
        expect(score(rs, target, [...findings, ...b.filter((f) => !ids.has(f.id))]).result).toBe('failed-veto');
      }),
      { numRuns: 200 },
    );
  });

  it('adding a problem finding never raises a score', () => {
    // The added finding is on a column no other finding mentions; the next property covers columns already mentioned.
    fc.assert(
      fc.property(ruleSetArb, targetArb, uniqueFindings(siteTypes), findingArb(problemTypes, fc.constant('added')), (rs, target, base, added) => {
        const before = score(rs, target, base.filter((f) => f.id !== 'added'));
        const fresh = { ...added, location: { url: 'http://x.gov.cn/new-column', breadcrumb: '首页>新栏目' } };
        const after = score(rs, target, [...base.filter((f) => f.id !== 'added'), fresh]);
        expect(rank(after)).toBeLessThanOrEqual(rank(before));
      }),
      { numRuns: 400 },
    );
  });

  it('adding a column finding on a column other findings already mention never raises a score either', () => {
    // The case the new-column property leaves out: the column may already be counted by a capped indicator, by a
    // per-target one, or by the catch-all (W-D-OTHER-STALE) that skips columns other indicators penalised. Column
    // types only and few findings, so that most cards are scored rather than vetoed.
    const columnTypes: FindingType[] = ['column-blank', 'column-stale', 'news-column-stale', 'policy-column-stale', 'interpretation-column-stale', 'message-board-stale', 'service-stats-stale', 'notice-column-stale'];
    const few = fc.uniqueArray(findingArb(columnTypes, fc.integer({ min: 0, max: 1e6 }).map((n) => `f${n}`)), { selector: (f) => f.id, maxLength: 14 });
    let scored = 0;
    fc.assert(
      // Rule sets by index, so a counterexample prints readably.
      fc.property(fc.constantFrom(0, 1, 2), targetArb, few, findingArb(columnTypes, fc.constant('added')), (i, target, base, added) => {
        const rs = ruleSets[i];
        const before = score(rs, target, base);
        const after = score(rs, target, [...base, added]);
        if (before.result !== 'failed-veto') scored++;
        expect(rank(after)).toBeLessThanOrEqual(rank(before));
      }),
      { numRuns: 2000 },
    );
    expect(scored).toBeGreaterThan(1000);
  });

  it('a column counted by a saturated indicator is not a reason to lower the catch-all (regression)', () => {
    const rs = ruleSets[0];
    const at = (crumb: string, type: FindingType, id: string, lastUpdated: string | null): FindingInput => ({
      id,
      type,
      targetId: 'site-x',
      targetKind: 'site',
      asOf: '2022-05-15T09:00:00+08:00',
      location: { url: `http://x.gov.cn/${encodeURIComponent(crumb)}`, breadcrumb: crumb },
      evidence: { text: '' },
      attributes: { lastUpdated },
      source: 'machine',
    });
    const portal: ScoreTarget = { id: 'site-x', kind: 'portal' };
    // 动态要闻 stale (W-D-NEWS −5, once per site) and 人事信息 stale under the catch-all (W-D-OTHER-STALE −1).
    const base = [at('首页>要闻', 'news-column-stale', 'n1', '2022-01-01'), at('首页>人事信息', 'column-stale', 's1', '2020-01-01')];
    expect(score(rs, portal, base).deductionTotal).toBe(6);
    // The crawl also calls 人事信息 a stale news column: W-D-NEWS already charged its 5, so the catch-all keeps its −1.
    const after = score(rs, portal, [...base, at('首页>人事信息', 'news-column-stale', 'n2', '2020-01-01')]);
    expect(after.deductionTotal).toBe(6);
    expect(after.deductions.map((l) => [l.indicatorId, l.count, l.total])).toEqual([
      ['W-D-NEWS', 2, 5],
      ['W-D-OTHER-STALE', 1, 1],
    ]);
  });

  it('the same inputs always give the same card, whatever the order of findings', () => {
    fc.assert(
      fc.property(ruleSetArb, targetArb, uniqueFindings(siteTypes), fc.integer(), (rs, target, findings, seed) => {
        const shuffled = [...findings].sort((x, y) => ((x.id.length * 31 + seed) % 7) - ((y.id.length * 17 + seed) % 5) || (x.id < y.id ? 1 : -1));
        const a = score(rs, target, findings);
        expect(score(rs, target, findings)).toEqual(a);
        expect(score(rs, target, shuffled)).toEqual(a);
        expect(JSON.stringify(score(rs, target, shuffled))).toBe(JSON.stringify(a));
      }),
      { numRuns: 200 },
    );
  });
});
