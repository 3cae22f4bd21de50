// Turns the filing systems' exports into validated rows. A bad row becomes a RowError (sheet row, header as
// written, Chinese reason) and is left out; a bad file is a FilingFileError and yields nothing.
import { createHash } from 'node:crypto';
import { PLATFORMS, type PlatformId, platformByLabel, REGION_CODE_PATTERN, SITE_CODE_PATTERN } from '@govinspect/contracts';
import { ACCOUNT_COLUMNS, type ColumnSpec, SITE_COLUMNS } from './headers';
import { type CellValue, cellText, DEFAULT_LIMITS, type Located, locateHeader, readGrids, tooManyRows } from './sheet';
import { type AccountFilingRow, FilingFileError, type ParseLimits, type ParseResult, type RowError, type SiteFilingRow, type SiteKindFiled } from './types';
import { halfWidth, parseDate, parseUrl } from './values';

export { DEFAULT_LIMITS };

/** Reads one row's fields; collects errors instead of throwing so every problem of a row is reported at once. */
class RowReader<F extends string> {
  readonly errors: RowError[] = [];
  constructor(
    private readonly row: CellValue[],
    private readonly loc: Located<F>,
    readonly rowNumber: number,
  ) {}

  header(f: F): string {
    const i = this.loc.match.columns.get(f);
    return i === undefined ? '' : (this.loc.match.written.get(i) ?? '');
  }

  fail(f: F | '', code: string, reason: string): null {
    this.errors.push({ rowNumber: this.rowNumber, column: f ? this.header(f as F) : '', code, reason });
    return null;
  }

  raw(f: F): CellValue {
    const i = this.loc.match.columns.get(f);
    return i === undefined ? null : (this.row[i] ?? null);
  }

  /** Half-width trimmed text, or null when empty; formula and error cells are reported. */
  text(f: F): string | null {
    const v = this.raw(f);
    if (v !== null && typeof v === 'object') {
      return v.problem === 'formula-without-value'
        ? this.fail(f, 'formula-without-value', '单元格是公式且没有保存计算结果，请在 Excel 中将公式转换为数值后重新导入。')
        : this.fail(f, 'cell-error', '单元格含错误值（如 #N/A、#REF!），请更正。');
    }
    const s = halfWidth(cellText(v));
    return s === '' ? null : s;
  }

  required(f: F): string | null {
    const s = this.text(f);
    if (s === null && !this.errors.some((e) => e.column === this.header(f))) this.fail(f, 'required', `“${this.header(f)}”不能为空。`);
    return s;
  }

  date(f: F): string | null {
    const v = this.raw(f);
    if (v === null || (typeof v === 'string' && v.trim() === '')) return null;
    if (typeof v === 'object') return this.text(f);
    const d = parseDate(v);
    if (d === null) this.fail(f, 'invalid-date', `“${cellText(v)}”不是有效日期（应为 2021-03-05、2021年3月5日 等格式的真实日期）。`);
    return d;
  }

  url(f: F, required: boolean): string | null {
    const s = required ? this.required(f) : this.text(f);
    if (s === null) return null;
    const u = parseUrl(s);
    if (u === null) this.fail(f, 'invalid-url', `“${s}”不是有效网址（应为 http:// 或 https:// 开头、含域名的地址）。`);
    return u;
  }
}

function blank(row: CellValue[]): boolean {
  return row.every((v) => v === null || (typeof v === 'string' && v.trim() === ''));
}

async function parseExport<F extends string, T>(
  buf: Buffer,
  kind: 'sites' | 'accounts',
  specs: ColumnSpec<F>[],
  limits: Partial<ParseLimits> | undefined,
  readRow: (r: RowReader<F>) => T | null,
  key: (v: T) => string,
  duplicate: (r: RowReader<F>, firstRow: number) => void,
): Promise<ParseResult<T>> {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  const fileHash = createHash('sha256').update(buf).digest('hex');
  const loc = locateHeader(await readGrids(buf, lim), specs);
  if (!loc || loc.match.missing.length > 0) {
    const missing = loc?.match.missing ?? specs.filter((s) => s.required).map((s) => s.names[0]);
    const system = kind === 'sites' ? '全国政府网站信息报送系统' : '全国政务新媒体信息报送系统';
    throw new FilingFileError('wrong-headers', `表头不符合${system}导出格式，缺少必需列：${missing.join('、')}。`);
  }
  const dataRows = loc.grid.rows.slice(loc.headerRow + 1);
  if (dataRows.filter((r) => !blank(r)).length > lim.maxRows) throw tooManyRows(lim.maxRows);
  const rows: ParseResult<T>['rows'] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  dataRows.forEach((cells, i) => {
    if (blank(cells)) return;
    const r = new RowReader(cells, loc, loc.headerRow + 2 + i);
    const value = readRow(r);
    if (value !== null && r.errors.length === 0) {
      const k = key(value);
      const first = seen.get(k);
      if (first !== undefined) duplicate(r, first);
      else seen.set(k, r.rowNumber);
    }
    errors.push(...r.errors);
    if (value !== null && r.errors.length === 0) rows.push({ rowNumber: r.rowNumber, value });
  });
  return { kind, rows, errors, fileHash };
}

const SITE_KINDS: Array<[RegExp, SiteKindFiled]> = [
  // Order matters: the no-service wording also contains 部门网站.
  [/无.*(对外)?服务|不提供.*服务|不具备.*服务/, 'department-no-service'],
  [/门户/, 'portal'],
  [/部门/, 'department'],
];
const SITE_STATES: Array<[RegExp, SiteFilingRow['state']]> = [
  [/注销/, 'deregistered'],
  [/迁移|整合/, 'migrated'],
  [/关停|关闭|下线|停止/, 'closed'],
  [/正常|运行|在线|开通/, 'running'],
];
const ACCOUNT_STATES: Array<[RegExp, AccountFilingRow['state']]> = [
  [/注销/, 'deregistered'],
  [/关停|停更|停止|暂停|冻结/, 'stopped'],
  [/正常|运行|运营|开通/, 'running'],
];

function pick<V>(table: Array<[RegExp, V]>, s: string): V | null {
  for (const [re, v] of table) if (re.test(s)) return v;
  return null;
}

export async function parseSiteExport(buf: Buffer, _fileName: string, limits?: Partial<ParseLimits>): Promise<ParseResult<SiteFilingRow>> {
  return parseExport(
    buf,
    'sites',
    SITE_COLUMNS,
    limits,
    (r) => {
      const name = r.required('name');
      const siteCode = r.required('siteCode');
      if (siteCode !== null && !SITE_CODE_PATTERN.test(siteCode)) r.fail('siteCode', 'invalid-site-code', `网站标识码“${siteCode}”格式不正确（应为10位数字，或 bm 加8位数字）。`);
      const url = r.url('url', true);
      let regionCode = r.text('regionCode');
      // A 10-digit 网站标识码 begins with the host's region code; bm codes (central departments) do not.
      if (regionCode === null && siteCode !== null && /^\d{10}$/.test(siteCode)) regionCode = siteCode.slice(0, 6);
      if (regionCode === null) r.fail('regionCode', 'required', '缺少行政区划代码（网站标识码不是10位数字时须填写）。');
      else if (!REGION_CODE_PATTERN.test(regionCode)) r.fail('regionCode', 'invalid-region-code', `行政区划代码“${regionCode}”应为6位数字。`);
      const kindText = r.required('kind');
      const kind = kindText === null ? null : pick(SITE_KINDS, kindText);
      if (kindText !== null && kind === null) r.fail('kind', 'unknown-site-kind', `网站类型“${kindText}”无法识别（应为政府门户网站、部门网站或不提供对外服务的部门网站）。`);
      const hostUnit = r.required('hostUnit');
      const stateText = r.text('state');
      const state = stateText === null ? 'running' : pick(SITE_STATES, stateText);
      if (state === null) r.fail('state', 'unknown-state', `运行状态“${stateText}”无法识别（应为正常运行、关停、注销或迁移）。`);
      const subdomainText = r.text('subdomains');
      const subdomains = subdomainText ? subdomainText.split(/[\s,;，；、]+/).filter(Boolean).map((d) => d.toLowerCase()) : [];
      for (const d of subdomains) if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d)) r.fail('subdomains', 'invalid-subdomain', `子域名“${d}”格式不正确。`);
      const successorUrl = r.url('successorUrl', false);
      if (state === 'migrated' && successorUrl === null && !r.errors.some((e) => e.code === 'invalid-url')) r.fail('successorUrl', 'required', '已迁移的网站须填写迁移后网址。');
      if (r.errors.length > 0 || !name || !siteCode || !url || !regionCode || !kind || !hostUnit || !state) return null;
      return { siteCode, name, url, regionCode, kind, hostUnit, operatingUnit: r.text('operatingUnit'), icpNumber: r.text('icpNumber'), psbNumber: r.text('psbNumber'), subdomains, state, successorUrl };
    },
    (v) => v.siteCode,
    (r, first) => r.fail('siteCode', 'duplicate-site-code', `网站标识码与第 ${first} 行重复。`),
  );
}

export async function parseAccountExport(buf: Buffer, _fileName: string, limits?: Partial<ParseLimits>): Promise<ParseResult<AccountFilingRow>> {
  return parseExport(
    buf,
    'accounts',
    ACCOUNT_COLUMNS,
    limits,
    (r) => {
      const name = r.required('name');
      const platformText = r.required('platform');
      const platform: PlatformId | null = platformText === null ? null : platformByLabel(platformText);
      if (platformText !== null && platform === null) {
        r.fail('platform', 'unknown-platform', `平台“${platformText}”不在平台清单中（可用：${PLATFORMS.map((p) => p.labels[0]).join('、')}）。`);
      }
      const accountId = r.required('accountId');
      const url = r.url('url', false);
      const hostUnit = r.required('hostUnit');
      const regionCode = r.required('regionCode');
      if (regionCode !== null && !REGION_CODE_PATTERN.test(regionCode)) r.fail('regionCode', 'invalid-region-code', `行政区划代码“${regionCode}”应为6位数字。`);
      const filingText = r.text('filingStatus');
      // Being in the filing system's export means filed unless the row says the filing is still under review.
      const filingStatus = filingText !== null && /待|审核中|未通过|未备案/.test(filingText) ? 'pending' : 'filed';
      const openedOn = r.date('openedOn');
      const contentText = r.text('contentType');
      let contentType = platform ? (PLATFORMS.find((p) => p.id === platform)?.contentType ?? 'text') : 'text';
      if (contentText !== null) {
        if (/视频/.test(contentText)) contentType = 'video';
        else if (/图文|文字|文章|综合/.test(contentText)) contentType = 'text';
        else r.fail('contentType', 'unknown-content-type', `内容类型“${contentText}”无法识别（应为图文或视频）。`);
      }
      const stateText = r.text('state');
      const state = stateText === null ? 'running' : pick(ACCOUNT_STATES, stateText);
      if (state === null) r.fail('state', 'unknown-state', `运行状态“${stateText}”无法识别（应为正常运行、关停或注销）。`);
      const stopNoticeOn = r.date('stopNoticeOn');
      if (r.errors.length > 0 || !name || !platform || !accountId || !hostUnit || !regionCode || !state) return null;
      return { platform, name, accountId, url, hostUnit, operatingUnit: r.text('operatingUnit'), regionCode, filingStatus, filingNumber: r.text('filingNumber'), openedOn, contentType, state, stopNoticeOn };
    },
    (v) => `${v.platform}\u0000${v.accountId}`,
    (r, first) => r.fail('accountId', 'duplicate-account', `同一平台的账号ID与第 ${first} 行重复。`),
  );
}

/** Which filing system wrote the file, from its headers. */
export async function detectExportKind(buf: Buffer, _fileName: string): Promise<'sites' | 'accounts'> {
  const grids = await readGrids(buf, DEFAULT_LIMITS);
  const site = locateHeader(grids, SITE_COLUMNS);
  const account = locateHeader(grids, ACCOUNT_COLUMNS);
  const siteOk = site !== null && site.match.missing.length === 0;
  const accountOk = account !== null && account.match.missing.length === 0;
  if (siteOk && (!accountOk || site.match.score >= account.match.score)) return 'sites';
  if (accountOk) return 'accounts';
  throw new FilingFileError('wrong-headers', '无法识别表格类型：表头既不是全国政府网站信息报送系统的网站列表，也不是全国政务新媒体信息报送系统的账号列表。');
}
