// Registry import files: what the national filing systems would hand the platform. Sites come from the
// site filing system; accounts from the 政务新媒体 filing system, which differs from reality
// (unfiled accounts are absent, mismatched names appear under their filed name).
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

export const PLATFORM_LABEL = { wechat: '微信公众号', weibo: '新浪微博', douyin: '抖音', toutiao: '今日头条' } as const;

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

/** The filing-system export as an .xlsx, with the column headings such exports use. */
export async function filingWorkbook(sc: ScenarioModel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '全国政务新媒体信息报送系统';
  wb.created = sc.asOf;
  wb.modified = sc.asOf;
  const ws = wb.addWorksheet('政务新媒体');
  ws.addRow(['序号', '账号名称', '平台类型', '主办单位', '行政区划代码', '账号链接', '平台账号ID', '运行状态', '导出日期']);
  accountImportRows(sc).forEach((r, i) => ws.addRow([i + 1, r.name, PLATFORM_LABEL[r.platform], r.hostUnit, r.regionCode, r.url, r.uid, '正常运行', ymd(sc.asOf)]));
  ws.columns.forEach((c) => (c.width = 24));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
