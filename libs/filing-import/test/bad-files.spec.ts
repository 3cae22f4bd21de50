// Each bad file from issue 11 gets its own FilingFileError code or row errors.
import { constants, createDeflateRaw, crc32 } from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import { FilingFileError, parseAccountExport, parseSiteExport, detectExportKind } from '../src';
import { sheetXml, xlsx, xlsxWithSheet } from './build';

const SITE_HEADER = ['序号', '网站名称', '网站标识码', '首页网址', '行政区划代码', '主办单位', '承办单位', '网站类型', 'ICP备案号', '公安机关备案号', '运行状态', '导出日期'];
const site = (n: number, code: string, url = `http://www${n}.yx.gov.cn/`) => [n, `云溪市测试网站${n}`, code, url, '421300', '云溪市人民政府办公室', '云溪市大数据局', '部门网站', '', '', '正常运行', '2026-12-01'];
const ACC_HEADER = ['序号', '账号名称', '平台类型', '账号ID', '账号链接', '主办单位', '运营单位', '行政区划代码', '开设时间', '运行状态'];
const acc = (n: number, platform: string, id: string, opened: string | number = '2021-03-05') => [n, `云溪发布${n}`, platform, id, '', '云溪市人民政府办公室', '', '421300', opened, '正常运行'];

async function fileError(p: Promise<unknown>): Promise<FilingFileError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FilingFileError) return e;
    throw e;
  }
  throw new Error('expected a FilingFileError');
}

describe('file-level errors', () => {
  test('not a spreadsheet', async () => {
    const e = await fileError(parseSiteExport(Buffer.from('网站名称,网站标识码\n云溪,4213000001\n'), 'sites.xlsx'));
    expect(e.code).toBe('not-spreadsheet');
    expect(e.message).toMatch(/不是 Excel 表格/);
  });

  test('password-protected (encrypted OLE container)', async () => {
    // What Excel writes for a password-protected .xlsx: an OLE file with EncryptionInfo and EncryptedPackage.
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, 'EncryptionInfo', Buffer.alloc(64, 1));
    XLSX.CFB.utils.cfb_add(cfb, 'EncryptedPackage', Buffer.alloc(4096, 7));
    const buf = Buffer.from(XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer);
    const e = await fileError(parseSiteExport(buf, 'sites.xlsx'));
    expect(e.code).toBe('encrypted');
    expect(e.message).toMatch(/密码/);
  });

  test('corrupt: a truncated .xlsx, an OLE file without a workbook', async () => {
    const good = xlsx([SITE_HEADER, site(1, '4213000001')]);
    const e = await fileError(parseSiteExport(good.subarray(0, Math.floor(good.length / 2)), 'sites.xlsx'));
    expect(e.code).toBe('corrupt');
    // An OLE container (like .xls) without a workbook stream.
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, 'Something', Buffer.alloc(600, 3));
    const e2 = await fileError(parseSiteExport(Buffer.from(XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer), 'sites.xls'));
    expect(e2.code).toBe('corrupt');
  });

  test('too large', async () => {
    const good = xlsx([SITE_HEADER, site(1, '4213000001')]);
    const e = await fileError(parseSiteExport(good, 'sites.xlsx', { maxBytes: 1000 }));
    expect(e.code).toBe('too-large');
  });

  test('wrong headers name the missing required columns', async () => {
    const e = await fileError(parseSiteExport(xlsx([['序号', '网站名称', '主办单位'], [1, 'x', 'y']]), 'sites.xlsx'));
    expect(e.code).toBe('wrong-headers');
    expect(e.message).toContain('网站标识码');
    expect(e.message).toContain('首页网址');
    expect(e.message).not.toContain('主办单位、');
    // An account list handed to the site import is wrong headers too.
    const e2 = await fileError(parseSiteExport(xlsx([ACC_HEADER, acc(1, '抖音', 'a1')]), 'x.xlsx'));
    expect(e2.code).toBe('wrong-headers');
    await expect(detectExportKind(xlsx([['a', 'b']]), 'x.xlsx')).rejects.toMatchObject({ code: 'wrong-headers' });
  });

  test('a 200,000-row file is refused quickly', async () => {
    const rows = [SITE_HEADER.map(String)];
    for (let i = 1; i <= 200_000; i++) rows.push(site(i, String(4213000000 + i)).map(String));
    const buf = xlsxWithSheet(sheetXml(rows));
    const t0 = performance.now();
    const e = await fileError(parseSiteExport(buf, 'big.xlsx'));
    const ms = performance.now() - t0;
    expect(e.code).toBe('too-many-rows');
    expect(e.message).toContain('100000');
    console.log(`200,000-row file (${(buf.length / 1048576).toFixed(1)} MB) refused in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(5000);
  }, 60_000);

  test('maxRows counts data rows below the header', async () => {
    const rows = [SITE_HEADER, site(1, '4213000001'), site(2, '4213000002'), site(3, '4213000003')];
    expect((await parseSiteExport(xlsx(rows), 's.xlsx', { maxRows: 3 })).rows).toHaveLength(3);
    const e = await fileError(parseSiteExport(xlsx([...rows, site(4, '4213000004')]), 's.xlsx', { maxRows: 3 }));
    expect(e.code).toBe('too-many-rows');
  });

  test('a zip bomb disguised as .xlsx is refused from its central directory, without inflating', async () => {
    // 1 GB of zeros deflated chunk by chunk, so the test itself never holds the inflated sheet either.
    const size = 1024 * 1048576;
    const chunk = Buffer.alloc(1048576, 0x20);
    const parts: Buffer[] = [];
    let crc = 0;
    await new Promise<void>((resolve, reject) => {
      const d = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION });
      d.on('data', (b: Buffer) => parts.push(b));
      d.on('end', resolve);
      d.on('error', reject);
      let i = 0;
      const pump = () => {
        while (i < 1024) {
          crc = crc32(chunk, crc);
          i++;
          if (!d.write(chunk)) return void d.once('drain', pump);
        }
        d.end();
      };
      pump();
    });
    const buf = xlsxWithSheet(Buffer.concat(parts), { size, crc });
    expect(buf.length).toBeLessThan(5 * 1048576);
    global.gc?.();
    const before = process.memoryUsage();
    const e = await fileError(parseSiteExport(buf, 'sites.xlsx'));
    const after = process.memoryUsage();
    expect(e.code).toBe('inflation-limit');
    const grew = Math.max(after.heapUsed - before.heapUsed, after.arrayBuffers - before.arrayBuffers);
    const mb = (n: number) => (n / 1048576).toFixed(1);
    console.log(`zip bomb (${(buf.length / 1024).toFixed(0)} KB declaring 1 GB) refused; heap ${mb(after.heapUsed - before.heapUsed)} MB, buffers ${mb(after.arrayBuffers - before.arrayBuffers)} MB`);
    expect(grew).toBeLessThan(20 * 1048576);
    // The same bomb declaring a small size is caught while streaming, as soon as it inflates past the declaration.
    const liar = xlsxWithSheet(Buffer.concat(parts), { size: 4096, crc });
    const e2 = await fileError(parseSiteExport(liar, 'sites.xlsx'));
    expect(e2.code).toBe('inflation-limit');
    expect(e2.message).toContain('超过其声明的大小');
  }, 120_000);
});

describe('row errors', () => {
  test('duplicate 网站标识码, invalid code, invalid URL', async () => {
    const res = await parseSiteExport(
      xlsx([SITE_HEADER, site(1, '4213000001'), site(2, '4213000001'), site(3, '42130001'), site(4, '4213000004', 'ftp://x.gov.cn/'), site(5, 'bm13000002')]),
      'sites.xlsx',
    );
    expect(res.errors).toEqual([
      { rowNumber: 3, column: '网站标识码', code: 'duplicate-site-code', reason: '网站标识码与第 2 行重复。' },
      { rowNumber: 4, column: '网站标识码', code: 'invalid-site-code', reason: expect.stringContaining('格式不正确') },
      { rowNumber: 5, column: '首页网址', code: 'invalid-url', reason: expect.stringContaining('不是有效网址') },
    ]);
    expect(res.rows.map((r) => [r.rowNumber, r.value.siteCode])).toEqual([
      [2, '4213000001'],
      [6, 'bm13000002'],
    ]);
  });

  test('unknown platform, duplicate platform + account id, dates in every spelling and impossible dates', async () => {
    const res = await parseAccountExport(
      xlsx([
        ACC_HEADER,
        acc(1, '微信公众号', 'yxfb', 44260), // Excel serial date 2021-03-05
        acc(2, '脸书', 'fb1'),
        acc(3, ' 微 信 公 众 号 ', 'yxfb'), // same platform after normalising, same id
        acc(4, '抖音', 'dy1', '2021.3.5'),
        acc(5, '新浪微博', 'wb1', '2021年3月5日'),
        acc(6, '快手', 'ks1', '2021/03/05'),
        acc(7, '头条号', 'tt1', '2021-02-30'),
        acc(8, 'Ｂ站', 'ＢＶ１２３', '２０２１－０３－０５'),
      ]),
      'accounts.xlsx',
    );
    expect(res.errors).toEqual([
      { rowNumber: 3, column: '平台类型', code: 'unknown-platform', reason: expect.stringContaining('“脸书”不在平台清单中') },
      { rowNumber: 4, column: '账号ID', code: 'duplicate-account', reason: '同一平台的账号ID与第 2 行重复。' },
      { rowNumber: 8, column: '开设时间', code: 'invalid-date', reason: expect.stringContaining('2021-02-30') },
    ]);
    expect(res.rows.map((r) => [r.value.platform, r.value.accountId, r.value.openedOn, r.value.contentType])).toEqual([
      ['wechat-subscription', 'yxfb', '2021-03-05', 'text'],
      ['douyin', 'dy1', '2021-03-05', 'video'],
      ['weibo', 'wb1', '2021-03-05', 'text'],
      ['kuaishou', 'ks1', '2021-03-05', 'video'],
      ['bilibili', 'BV123', '2021-03-05', 'video'],
    ]);
  });

  test('formulas: the cached value is read; a formula without one is rejected', async () => {
    const res = await parseSiteExport(
      xlsx([SITE_HEADER, site(1, '4213000001'), [2, { t: 's', v: '云溪市网站2', f: '"云溪市网站"&"2"' }, '4213000002', 'http://b.yx.gov.cn/', '421300', '主办', '', '部门网站'], [3, { t: 'z', f: 'A1&B1' } as XLSX.CellObject, '4213000003', 'http://c.yx.gov.cn/', '421300', '主办', '', '部门网站']]),
      'sites.xlsx',
    );
    expect(res.rows.map((r) => r.value.name)).toEqual(['云溪市测试网站1', '云溪市网站2']);
    expect(res.errors).toEqual([{ rowNumber: 4, column: '网站名称', code: 'formula-without-value', reason: expect.stringContaining('公式') }]);
  });

  test('merged cells, a title row, header variants and .xls', async () => {
    const rows = [
      ['云溪市政务新媒体信息表'],
      ['序号', '政务新媒体名称', '平台', '账号 ID', '主办单位（必填）', '行政区划代码', '导出日期'],
      [1, '云溪发布', '微信服务号', 'fw1', '云溪市人民政府办公室', '４２１３００', '2026-12-01'],
      [2, '云溪发布', '今日头条', 'tt1', null, '421300', '2026-12-01'],
    ];
    const merges = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 6 } }, { s: { r: 2, c: 4 }, e: { r: 3, c: 4 } }];
    for (const bookType of ['xlsx', 'biff8'] as const) {
      const buf = xlsx(rows, { merges, bookType });
      expect(await detectExportKind(buf, `a.${bookType}`)).toBe('accounts');
      const res = await parseAccountExport(buf, `accounts.${bookType === 'biff8' ? 'xls' : 'xlsx'}`);
      expect(res.errors).toEqual([]);
      expect(res.rows.map((r) => [r.rowNumber, r.value.platform, r.value.hostUnit, r.value.regionCode])).toEqual([
        [3, 'wechat-service', '云溪市人民政府办公室', '421300'],
        [4, 'toutiao', '云溪市人民政府办公室', '421300'],
      ]);
    }
  });
});
