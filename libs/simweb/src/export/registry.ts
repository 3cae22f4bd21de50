// Registry import files: what the national filing systems would hand the platform. Sites come from
// 全国政府网站信息报送系统; accounts from 全国政务新媒体信息报送系统, which differs from reality
// (unfiled accounts are absent, mismatched names appear under their filed name). The workbooks follow the
// systems' export layout: a title row, the header row, one row per site/account, a trailing 导出日期 column.
import ExcelJS from 'exceljs';
import type { AccountModel, ScenarioModel, SiteModel } from '../model/types';
import { accountUrl } from '../newmedia/platforms';
import { ymd } from '../util/time';

export interface SiteImportRow {
  name: string;
  url: string;
  siteCode: string;
  regionCode: string;
  kind: 'portal' | 'department';
  hostUnit: string;
  icpNumber?: string;
  psbNumber?: string;
}

export interface AccountImportRow {
  name: string;
  platform: 'wechat' | 'weibo' | 'douyin' | 'toutiao';
  hostUnit: string;
  regionCode: string;
  url: string;
  /** The platform's own user id of the account. */
  uid: string;
  status: 'running' | 'closed';
}

/** Labels as the 政务新媒体 system writes them; the simulated 'wechat' is a subscription account (微信公众号). */
export const PLATFORM_LABEL = { wechat: '微信公众号', weibo: '新浪微博', douyin: '抖音', toutiao: '今日头条' } as const;

const SITE_KIND_LABEL = { portal: '政府门户网站', department: '部门网站' } as const;

export const SITE_FILING_HEADERS = ['序号', '网站名称', '网站标识码', '首页网址', '行政区划代码', '主办单位', '承办单位', '网站类型', 'ICP备案号', '公安机关备案号', '运行状态', '导出日期'];
export const ACCOUNT_FILING_HEADERS = ['序号', '账号名称', '平台类型', '账号ID', '账号链接', '主办单位', '运营单位', '行政区划代码', '运行状态', '导出日期'];

export function siteImportRow(s: SiteModel): SiteImportRow {
  return {
    name: s.name,
    url: `http://${s.host}/`,
    siteCode: s.siteCode,
    regionCode: s.regionCode,
    kind: s.kind,
    hostUnit: s.hostUnit,
    ...(s.icpNumber ? { icpNumber: s.icpNumber } : {}),
    ...(s.psbNumber ? { psbNumber: s.psbNumber } : {}),
  };
}

/** Rows of the 政务新媒体 filing system (unfiled accounts are not in it). */
export function accountImportRows(sc: ScenarioModel): AccountImportRow[] {
  return sc.accounts
    .filter((a) => a.filing !== 'unfiled')
    .map((a: AccountModel) => ({ name: a.filedName, platform: a.platform, hostUnit: a.hostUnit, regionCode: a.regionCode, url: accountUrl(a), uid: a.uid, status: 'running' as const }));
}

async function workbook(sc: ScenarioModel, creator: string, sheet: string, title: string, headers: string[], rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = creator;
  wb.created = sc.asOf;
  wb.modified = sc.asOf;
  const ws = wb.addWorksheet(sheet);
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, headers.length);
  ws.addRow(headers);
  // Codes are text in the real exports (leading zeros, bm prefixes), so they are written as strings.
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c) => (c.width = 24));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The 政务新媒体 filing-system export as an .xlsx. */
export async function filingWorkbook(sc: ScenarioModel): Promise<Buffer> {
  const rows = accountImportRows(sc).map((r, i) => [i + 1, r.name, PLATFORM_LABEL[r.platform], r.uid, r.url, r.hostUnit, '', r.regionCode, '正常运行', ymd(sc.asOf)]);
  return workbook(sc, '全国政务新媒体信息报送系统', '政务新媒体', '政务新媒体信息表', ACCOUNT_FILING_HEADERS, rows);
}

/** The site filing-system export as an .xlsx. */
export async function siteFilingWorkbook(sc: ScenarioModel): Promise<Buffer> {
  const rows = sc.sites.map((s, i) => {
    const r = siteImportRow(s);
    return [i + 1, r.name, r.siteCode, r.url, r.regionCode, r.hostUnit, s.operatorUnit, SITE_KIND_LABEL[r.kind], r.icpNumber ?? '', r.psbNumber ?? '', '正常运行', ymd(sc.asOf)];
  });
  return workbook(sc, '全国政府网站信息报送系统', '政府网站', '政府网站基本信息表', SITE_FILING_HEADERS, rows);
}
