// The scenario language: validation with clear, classified errors; relative dates; the resolve map format.
import { join } from 'node:path';
import { loadScenario, type SimwebHandle, startSimweb } from '../src';
import { shift } from '../src/util/time';
import { baseSite, fetchVia, scenarioWith } from './helpers';

const err = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error('expected an error');
};

describe('validation', () => {
  test.each([
    ['bad site code', [baseSite('a', 1, { siteCode: '42990100' })], /siteCode/],
    ['bad span', [baseSite('a', 1, { columns: { news: { newest: 'two weeks' } } })], /span like 14d/],
    ['unknown column', [baseSite('a', 1, { columns: { nosuch: { items: 1 } } })], /unknown column "nosuch"/],
    ['unknown defect', [baseSite('a', 1, { defects: [{ type: 'nosuch' }] })], /defects/],
    ['undeclared region', [baseSite('a', 1, { region: '110101' })], /region 110101 is not declared/],
    ['duplicate host', [baseSite('a', 1), baseSite('a', 2, { id: 'b' })], /duplicate site host/],
    ['injection beyond the list', [baseSite('a', 1, { columns: { notice: { items: 1 } }, defects: [{ type: 'privacy-leak', kind: 'mobile', column: 'notice', item: 5 }] })], /item 5 of "notice"/],
  ])('%s', (_name, sites, message) => {
    const e = err(() => loadScenario(scenarioWith(sites)));
    expect(e.code).toBe('SIMWEB_SCENARIO_INVALID');
    expect(e.message).toMatch(message);
  });

  test('missing file and broken YAML', () => {
    expect(err(() => loadScenario('/nonexistent/x.yaml')).code).toBe('SIMWEB_SCENARIO_INVALID');
  });
});

test('relative spans move on the CST calendar', () => {
  const base = new Date('2024-08-31T10:00:00+08:00');
  expect(shift(base, '6M').toISOString()).toBe(new Date('2024-02-29T10:00:00+08:00').toISOString());
  expect(shift(base, '1y2M3d').toISOString()).toBe(new Date('2023-06-27T10:00:00+08:00').toISOString());
  expect(shift(base, '2w').toISOString()).toBe(new Date('2024-08-17T10:00:00+08:00').toISOString());
});

describe('demo scenario served', () => {
  let sim: SimwebHandle;
  beforeAll(async () => {
    sim = await startSimweb({ scenario: loadScenario(join(__dirname, '..', 'scenarios', 'demo-city.yaml')) });
  });
  afterAll(() => sim.close());

  test('registry rows and resolve map', () => {
    expect(sim.sites.length).toBe(39);
    for (const s of sim.sites) {
      expect(s.siteCode).toMatch(/^(\d{10}|bm\d{8})$/);
      expect(s.regionCode).toMatch(/^\d{6}$/);
      const host = new URL(s.url).hostname;
      const e = sim.resolveMap[host];
      expect(e.ipv4).toMatch(/^127\.0\.0\.1:\d+$/);
      if (e.ipv6 !== null) expect(e.ipv6).toMatch(/^\[::1\]:\d+$/);
      if (e.https !== null) expect(e.https).toMatch(/^127\.0\.0\.1:\d+$/);
    }
    expect(sim.resolveMap['zrzyj.yunxi.gov.cn']).toMatchObject({ ipv6: null, https: null });
    expect(sim.urlOf('yunxi-portal')).toBe('http://www.yunxi.gov.cn/');
    expect(() => sim.urlOf('nope')).toThrow(RangeError);
    expect(sim.resolveMap['mp.weixin.qq.com']).toBeDefined();
  });

  test('every demo homepage answers as its truth says; the e2e cases (500, hang) exist', async () => {
    const hard = new Map(sim.groundTruth.findings.filter((f) => f.type === 'site-unavailable' && f.attributes.failureRatio === 1).map((f) => [f.location.url, f.evidence]));
    expect(hard.size).toBe(2);
    for (const s of sim.sites) {
      const r = await fetchVia(sim.resolveMap, s.url, { timeoutMs: 400 }).catch((e: { code?: string }) => e.code);
      const ev = hard.get(s.url);
      if (ev?.includes('500')) expect(typeof r === 'object' && r.status).toBe(500);
      else if (ev) expect(r).toBe('ETIMEDOUT');
      else if (typeof r === 'object') expect([200, 500, 502, 503, 504]).toContain(r.status);
    }
  });

  test('the simulated clock can be read and moved over the admin host', async () => {
    const map = { ...sim.resolveMap, 'simweb.internal': sim.resolveMap['www.yunxi.gov.cn'] };
    const now = '2024-07-01T02:00:00.000Z';
    await fetchVia(map, 'http://simweb.internal/clock', { method: 'POST', body: JSON.stringify({ now }) });
    const r = JSON.parse((await fetchVia(map, 'http://simweb.internal/clock')).body.toString());
    expect(r.now.slice(0, 16)).toBe(now.slice(0, 16));
  });
});
