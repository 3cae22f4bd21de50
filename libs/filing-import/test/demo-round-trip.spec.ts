// The demo city's two filing workbooks, as the simulated web writes them, parse back to exactly the scenario.
import { join } from 'node:path';
import { filingWorkbook, loadScenario, siteFilingWorkbook, accountUrl, type ScenarioModel } from '@govinspect/simweb';
import { detectExportKind, parseAccountExport, parseSiteExport } from '../src';

let sc: ScenarioModel;
beforeAll(() => {
  sc = loadScenario(join(__dirname, '..', '..', 'simweb', 'scenarios', 'demo-city.yaml'));
});

const PLATFORM = { wechat: 'wechat-subscription', weibo: 'weibo', douyin: 'douyin', toutiao: 'toutiao' } as const;

test('site workbook yields exactly the scenario sites', async () => {
  const buf = await siteFilingWorkbook(sc);
  expect(await detectExportKind(buf, 'sites.xlsx')).toBe('sites');
  const res = await parseSiteExport(buf, 'sites.xlsx');
  expect(res.errors).toEqual([]);
  expect(res.kind).toBe('sites');
  expect(res.fileHash).toMatch(/^[0-9a-f]{64}$/);
  // Row 1 is the title, row 2 the header.
  expect(res.rows[0].rowNumber).toBe(3);
  expect(res.rows.map((r) => r.value)).toEqual(
    sc.sites.map((s) => ({
      siteCode: s.siteCode,
      name: s.name,
      url: `http://${s.host}/`,
      regionCode: s.regionCode,
      kind: s.kind,
      hostUnit: s.hostUnit,
      operatingUnit: s.operatorUnit,
      icpNumber: s.icpNumber ?? null,
      psbNumber: s.psbNumber ?? null,
      subdomains: [],
      state: 'running',
      successorUrl: null,
    })),
  );
});

test('account workbook yields exactly the scenario filed accounts (unfiled ones absent)', async () => {
  const buf = await filingWorkbook(sc);
  expect(await detectExportKind(buf, 'accounts.xlsx')).toBe('accounts');
  const res = await parseAccountExport(buf, 'accounts.xlsx');
  expect(res.errors).toEqual([]);
  const filed = sc.accounts.filter((a) => a.filing !== 'unfiled');
  expect(filed.length).toBeLessThan(sc.accounts.length);
  expect(res.rows.map((r) => r.value)).toEqual(
    filed.map((a) => ({
      platform: PLATFORM[a.platform],
      name: a.filedName,
      accountId: a.uid,
      url: accountUrl(a),
      hostUnit: a.hostUnit,
      operatingUnit: null,
      regionCode: a.regionCode,
      filingStatus: 'filed',
      filingNumber: null,
      openedOn: null,
      contentType: a.platform === 'douyin' ? 'video' : 'text',
      state: 'running',
      stopNoticeOn: null,
    })),
  );
});

test('the same bytes give the same file hash', async () => {
  const buf = await siteFilingWorkbook(sc);
  const a = await parseSiteExport(buf, 'a.xlsx');
  const b = await parseSiteExport(Buffer.from(buf), 'b.xlsx');
  expect(a.fileHash).toBe(b.fileHash);
});
