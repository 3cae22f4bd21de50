/**
 * Parsing a province's filing exports (1,000 sites and 3,000 accounts by default) with @govinspect/filing-import:
 * the parse share of issue 11's import benchmark (the registry's dry run and apply come on top). Deterministic
 * synthetic rows in the national systems' layouts, written with ExcelJS as the filing systems' .xlsx. Not a test.
 */
import { loadavg } from 'node:os';
import ExcelJS from 'exceljs';
import { parseAccountExport, parseSiteExport } from '@govinspect/filing-import';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const SITES = arg('sites', 1000);
const ACCOUNTS = arg('accounts', 3000);
const RUNS = arg('runs', 3);
const PLATFORMS = ['微信公众号', '新浪微博', '抖音', '今日头条', '快手', '百家号'];

async function book(title: string, headers: string[], rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow([title]);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function main() {
  const county = (i: number) => `42${String(1 + (i % 17)).padStart(2, '0')}${String(1 + (i % 9)).padStart(2, '0')}`;
  const sites = await book(
    '政府网站基本信息表',
    ['序号', '网站名称', '网站标识码', '首页网址', '行政区划代码', '主办单位', '承办单位', '网站类型', 'ICP备案号', '公安机关备案号', '运行状态', '导出日期'],
    Array.from({ length: SITES }, (_, i) => [i + 1, `测试网站${i}`, `${county(i)}${String(i).padStart(4, '0')}`, `http://w${i}.example.gov.cn/`, county(i), `单位${i}`, `承办${i}`, i % 10 ? '部门网站' : '政府门户网站', `鄂ICP备${i}号`, `鄂公网安备 ${i}号`, '正常运行', '2026-12-01']),
  );
  const accounts = await book(
    '政务新媒体信息表',
    ['序号', '账号名称', '平台类型', '账号ID', '账号链接', '主办单位', '运营单位', '行政区划代码', '开设时间', '运行状态', '导出日期'],
    Array.from({ length: ACCOUNTS }, (_, i) => [i + 1, `测试发布${i}`, PLATFORMS[i % PLATFORMS.length], `uid${i}`, '', `单位${i % SITES}`, '', county(i), `2020年${1 + (i % 12)}月${1 + (i % 28)}日`, '正常运行', '2026-12-01']),
  );
  console.log(`sites.xlsx ${(sites.length / 1024).toFixed(0)} KB (${SITES} rows), accounts.xlsx ${(accounts.length / 1024).toFixed(0)} KB (${ACCOUNTS} rows); load ${loadavg()[0].toFixed(2)}`);
  for (let run = 1; run <= RUNS; run++) {
    const t0 = performance.now();
    const s = await parseSiteExport(sites, 'sites.xlsx');
    const t1 = performance.now();
    const a = await parseAccountExport(accounts, 'accounts.xlsx');
    const t2 = performance.now();
    if (s.errors.length || a.errors.length || s.rows.length !== SITES || a.rows.length !== ACCOUNTS) throw new Error(`unexpected result: ${JSON.stringify({ s: s.errors.slice(0, 3), a: a.errors.slice(0, 3) })}`);
    console.log(`run ${run}: sites ${(t1 - t0).toFixed(0)} ms, accounts ${(t2 - t1).toFixed(0)} ms, total ${(t2 - t0).toFixed(0)} ms`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
