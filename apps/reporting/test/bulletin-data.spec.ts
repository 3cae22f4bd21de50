import { ACCOUNT_PLACEHOLDER, childRegionOf, computeBulletin } from '../src/bulletin/bulletin-data';
import { bulletinBlocks } from '../src/bulletin/bulletin-text';
import { changeText, formatChineseDate, percent } from '../src/bulletin/chinese-format';
import { rectificationDeadline } from '../src/rectification/working-days';
import { sampleTargets } from '../src/rounds/scope';
import { card, site } from './fixtures';

/** Pure parts: the data model, Chinese formats, the working-day deadline and the seeded sample. */
describe('bulletin data model and formats', () => {
  const names: Record<string, string> = { '421300': '云溪市', '421302': '溪山区' };
  const portal = site('云溪市人民政府', '421300', 'portal');
  const dept = site('云溪市教育局', '421300', 'department');
  const county = site('溪山区人民政府', '421302', 'portal');
  const input = (cards: ReturnType<typeof card>[]) => ({
    round: { id: 'r1', name: '2026年第四季度全市政府网站检查', office: '云溪市人民政府办公室', regionCode: '421300', periodKey: '2026Q4', asOf: '2026年11月30日', highScoreMark: 100, passMark: 60 },
    publishDate: '2026-12-01',
    deadline: '2026-12-15',
    basis: '《通知》（国办秘函〔2019〕19号）',
    regionName: (c: string) => names[c] ?? c,
    registeredSites: 4,
    cards,
    sites: new Map(),
    previous: { roundId: 'r0', name: '上一轮', sitePassRate: 0.5, accountPassRate: null, tasks: [{ targetName: '溪山区人民政府', level2: '动态要闻', state: 'reopened' }] },
    requirements: ['（一）整改。'],
  });

  it('computes counts, rates, groups and per-region rows once', () => {
    const d = computeBulletin(input([card(portal, 'bonus', { score: 101 }), card(dept, 'veto'), card(county, 'pass', { score: 90 })]));
    expect(d.sites).toMatchObject({ checked: 3, passed: 2, failed: 1, vetoed: 1, bonusEntered: 1, highScorers: ['云溪市人民政府'], coverage: 0.75 });
    expect(d.sites.byRegion.map((r) => [r.label, r.checked, r.failed])).toEqual([
      ['市直', 2, 1],
      ['溪山区', 1, 0],
    ]);
    expect(d.sites.groups.map((g) => [g.group, g.average])).toEqual([
      ['city-portal', 101],
      ['city-department', null],
      ['county-portal', 90],
    ]);
    expect(d.problems[0]).toEqual({ kind: '站点无法访问', veto: true, units: ['云溪市教育局'] });
    expect(d.accounts.available).toBe(false);
    expect(d.previous?.stillPresent).toEqual([{ unit: '溪山区人民政府', problem: '动态要闻' }]);
    const text = bulletinBlocks(d).map((b) => ('text' in b ? `${b.kind === 'body' ? (b.lead ?? '') : ''}${b.text}` : '')).join('\n');
    expect(text).toContain('总体合格率为66.7%，较上一轮提升16.7个百分点');
    expect(text).toContain(ACCOUNT_PLACEHOLDER);
    expect(text).toContain('经复查，溪山区人民政府（动态要闻）仍未按要求完成整改');
    expect(text).toContain('2026年12月1日');
  });

  it("draws the score bands from the round's high mark and the rule set's pass mark", () => {
    const cards = [card(portal, 'bonus', { score: 101 }), card(dept, 'veto'), card(county, 'pass', { score: 85 })];
    const bands = (passMark: number) => computeBulletin({ ...input(cards), round: { ...input(cards).round, passMark } }).sites.distribution;
    expect(bands(60)).toEqual([
      { label: '100分及以上', count: 1 },
      { label: '60分至100分', count: 1 },
      { label: '60分以下', count: 0 },
      { label: '一票否决', count: 1 },
    ]);
    // An overlay passing at 90 puts the 85-point site below the pass band, never inside a passing one.
    expect(bands(90).map((b) => [b.label, b.count])).toEqual([
      ['100分及以上', 1],
      ['90分至100分', 0],
      ['90分以下', 1],
      ['一票否决', 1],
    ]);
  });

  it('formats Chinese dates, shares and changes as the bulletins print them', () => {
    expect(formatChineseDate('2026-12-01')).toBe('2026年12月1日');
    expect(formatChineseDate('2026-11-30T17:00:00Z')).toBe('2026年12月1日');
    expect(percent(0.988)).toBe('98.8%');
    expect(percent(1)).toBe('100%');
    expect(changeText(0.988, 0.948)).toBe('，较上一轮提升4个百分点');
    expect(changeText(0.9, 0.9)).toBe('，与上一轮持平');
    expect(changeText(0.9, null)).toBe('');
  });

  it('counts working days on the official calendar (National Day holiday and 调休)', () => {
    expect(rectificationDeadline('2026-12-01', 10)).toBe('2026-12-15T23:59:59+08:00');
    // From Wed 2026-09-30 the holiday 10-01…10-07 is skipped: 10-08 (Thu), 10-09 (Fri), then Saturday 10-10, a 调休 working day.
    expect(rectificationDeadline('2026-09-30', 1)).toBe('2026-10-08T23:59:59+08:00');
    expect(rectificationDeadline('2026-09-30', 3)).toBe('2026-10-10T23:59:59+08:00');
  });

  it('finds the direct child region and draws a stable seeded sample', () => {
    expect(childRegionOf('421302', '420000')).toBe('421300');
    expect(childRegionOf('421302', '421300')).toBe('421302');
    expect(childRegionOf('421300', '421300')).toBe('421300');
    const ids = Array.from({ length: 20 }, (_, i) => `site-${i}`);
    const a = sampleTargets(ids, { mode: 'count', count: 5, seed: 's' });
    expect(a).toHaveLength(5);
    expect(sampleTargets([...ids].reverse(), { mode: 'count', count: 5, seed: 's' })).toEqual(a);
    expect(sampleTargets(ids, { mode: 'count', count: 5, seed: 't' })).not.toEqual(a);
    expect(sampleTargets(ids, { mode: 'share', share: 0.25, seed: 's' })).toHaveLength(5);
    expect(sampleTargets(ids, { mode: 'all', seed: 's' })).toHaveLength(20);
  });
});
