// The two national filing systems' column headers and the variants offices' copies of them use.
// 全国政府网站信息报送系统 (site list) and 全国政务新媒体信息报送系统 (account list); the first name of each
// column is the one the system writes, the rest are synonyms seen in offices' own spreadsheets.

export type SiteField = 'name' | 'siteCode' | 'url' | 'regionCode' | 'kind' | 'hostUnit' | 'operatingUnit' | 'icpNumber' | 'psbNumber' | 'subdomains' | 'state' | 'successorUrl';
export type AccountField = 'name' | 'platform' | 'accountId' | 'url' | 'hostUnit' | 'operatingUnit' | 'regionCode' | 'filingStatus' | 'filingNumber' | 'openedOn' | 'contentType' | 'state' | 'stopNoticeOn';

export interface ColumnSpec<F extends string> {
  field: F;
  names: string[];
  required: boolean;
}

export const SITE_COLUMNS: ColumnSpec<SiteField>[] = [
  { field: 'name', names: ['网站名称'], required: true },
  { field: 'siteCode', names: ['网站标识码', '标识码', '网站代码'], required: true },
  { field: 'url', names: ['首页网址', '网站首页网址', '网站网址', '网址', '网站地址', '首页地址', '网站首页地址'], required: true },
  { field: 'regionCode', names: ['行政区划代码', '区划代码', '地区代码', '行政区划编码'], required: false },
  { field: 'kind', names: ['网站类型', '网站类别', '网站性质'], required: true },
  { field: 'hostUnit', names: ['主办单位', '主办单位名称', '网站主办单位'], required: true },
  { field: 'operatingUnit', names: ['承办单位', '承办单位名称', '运维单位', '网站承办单位'], required: false },
  { field: 'icpNumber', names: ['ICP备案号', 'ICP备案编号', '网站ICP备案号', 'ICP备案'], required: false },
  { field: 'psbNumber', names: ['公安机关备案号', '公安备案号', '公网安备案号', '公安机关备案编号'], required: false },
  { field: 'subdomains', names: ['子域名', '注册子域名', '其他域名', '网站子域名'], required: false },
  { field: 'state', names: ['运行状态', '网站状态', '状态'], required: false },
  { field: 'successorUrl', names: ['迁移后网址', '新网址', '整合后网址', '迁移网址'], required: false },
];

export const ACCOUNT_COLUMNS: ColumnSpec<AccountField>[] = [
  { field: 'name', names: ['账号名称', '政务新媒体名称', '新媒体名称', '帐号名称', '名称'], required: true },
  { field: 'platform', names: ['平台类型', '平台', '开设平台', '所在平台', '平台名称', '账号类型', '类型'], required: true },
  { field: 'accountId', names: ['平台账号ID', '账号ID', '帐号ID', '账号标识', '账号', '微信号/账号ID'], required: true },
  { field: 'url', names: ['账号链接', '访问地址', '账号地址', '链接地址', '主页地址', '链接'], required: false },
  { field: 'hostUnit', names: ['主办单位', '主办单位名称', '开办主体', '开设主体'], required: true },
  { field: 'operatingUnit', names: ['运营单位', '运维单位', '承办单位', '运营主体'], required: false },
  { field: 'regionCode', names: ['行政区划代码', '区划代码', '地区代码', '行政区划编码'], required: true },
  { field: 'filingStatus', names: ['备案状态', '审核状态', '报送状态'], required: false },
  { field: 'filingNumber', names: ['备案编号', '备案号'], required: false },
  { field: 'openedOn', names: ['开设时间', '开设日期', '开通时间', '开通日期', '注册时间'], required: false },
  { field: 'contentType', names: ['内容类型', '内容形式'], required: false },
  { field: 'state', names: ['运行状态', '账号状态', '状态'], required: false },
  { field: 'stopNoticeOn', names: ['关停公告日期', '关停日期', '停更公告日期', '关停时间'], required: false },
];

/** Header cell → comparable key: half-width, no spaces, no required-markers (*, （必填）), upper-case Latin. */
export function headerKey(s: string): string {
  return s
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .replace(/\*/g, '')
    .replace(/\((必填|选填|可选)\)/g, '')
    .replace(/帐/g, '账')
    .toUpperCase();
}

export interface HeaderMatch<F extends string> {
  /** field → 0-based column index */
  columns: Map<F, number>;
  /** 0-based column index → header as written */
  written: Map<number, string>;
  missing: string[];
  score: number;
}

/** Maps one candidate header row; each field takes the first column whose header is one of its names. */
export function matchHeaders<F extends string>(cells: string[], specs: ColumnSpec<F>[]): HeaderMatch<F> {
  const keys = cells.map((c) => headerKey(c));
  const columns = new Map<F, number>();
  const written = new Map<number, string>();
  const taken = new Set<number>();
  for (const spec of specs) {
    // Exact names in order of preference, so 平台类型 wins over a later plain 类型 column.
    for (const n of spec.names) {
      const i = keys.findIndex((k, idx) => !taken.has(idx) && k === headerKey(n));
      if (i >= 0) {
        columns.set(spec.field, i);
        written.set(i, cells[i].trim());
        taken.add(i);
        break;
      }
    }
  }
  const missing = specs.filter((s) => s.required && !columns.has(s.field)).map((s) => s.names[0]);
  return { columns, written, missing, score: columns.size };
}
