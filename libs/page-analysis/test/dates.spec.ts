import { chinaDate, findDates, findLabelledDates, parseDateText, parseDateTimeText } from '../src';

const asOf = '2024-06-28T10:00:00+08:00';

describe('parseDateText', () => {
  it.each([
    ['2022-06-21', '2022-06-21'],
    ['2022/6/21', '2022-06-21'],
    ['2022.6.21', '2022-06-21'],
    ['2022年6月21日', '2022-06-21'],
    ['发布时间：2022-06-21', '2022-06-21'],
    ['发布日期: 2012-06-24', '2012-06-24'],
    ['时间：2019-09-18 06:23', '2019-09-18'],
    ['更新时间：2018/3/22 12:20:00', '2018-03-22'],
    ['2007-08-20-23:59:59', '2007-08-20'],
    ['[2018-03-22]', '2018-03-22'],
  ])('%s → %s', (text, want) => {
    expect(parseDateText(text, { asOf })).toBe(want);
  });

  it('places month-day dates in the asOf year, or the year before when they would be after asOf', () => {
    expect(parseDateText('[06-21]', { asOf })).toBe('2024-06-21');
    expect(parseDateText('06-21', { asOf })).toBe('2024-06-21');
    expect(parseDateText('07-02', { asOf })).toBe('2023-07-02');
    expect(parseDateText('12-31', { asOf: '2025-01-03' })).toBe('2024-12-31');
    expect(parseDateText('6月21日', { asOf })).toBe('2024-06-21');
  });

  it('uses the context year for month-day dates when given, and returns null without any year source', () => {
    expect(parseDateText('03-22', { contextYear: 2018 })).toBe('2018-03-22');
    expect(parseDateText('03-22', {})).toBeNull();
  });

  it('rejects impossible dates and non-dates', () => {
    expect(parseDateText('2022-13-01', { asOf })).toBeNull();
    expect(parseDateText('2023-02-29', { asOf })).toBeNull();
    expect(parseDateText('电话：0715-8123456', { asOf })).toBeNull();
    expect(parseDateText('办公时间 8:30—12:00', { asOf })).toBeNull();
    expect(parseDateText('', { asOf })).toBeNull();
  });

  it('keeps the time where one is written', () => {
    expect(parseDateTimeText('时间：2019-09-18 06:23', {})).toBe('2019-09-18T06:23');
    expect(parseDateTimeText('2007-08-20-23:59:59', {})).toBe('2007-08-20T23:59');
    expect(parseDateTimeText('2018/3/22 7:10:00', {})).toBe('2018-03-22T07:10');
    expect(parseDateTimeText('2022年6月21日', {})).toBe('2022-06-21');
  });
});

describe('findDates / findLabelledDates', () => {
  it('finds every date in order and does not read the year-less part of a full date twice', () => {
    const f = findDates('征集时间：2024年5月1日至2024年5月15日，[06-02] 更新', { asOf });
    expect(f.map((d) => d.date)).toEqual(['2024-05-01', '2024-05-15', '2024-06-02']);
    expect(f.map((d) => d.kind)).toEqual(['full', 'full', 'month-day']);
  });

  it('reads labelled publication dates', () => {
    const l = findLabelledDates('来源：本网 发布时间：2024-06-01 10:20 浏览次数', { asOf });
    expect(l[0]).toMatchObject({ label: '发布时间', date: '2024-06-01', time: '10:20' });
  });

  it('chinaDate converts instants to the China-time calendar day', () => {
    expect(chinaDate('2024-06-27T17:00:00Z')).toBe('2024-06-28');
    expect(chinaDate('2024-06-28')).toBe('2024-06-28');
    expect(chinaDate('garbage')).toBeNull();
  });
});
