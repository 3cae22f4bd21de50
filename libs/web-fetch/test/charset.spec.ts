import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { canonicalCharset, decodeBody, Fetcher } from '../src';
import { serveHttp } from './servers';

const gbk = (s: string) => iconv.encode(s, 'gbk');
const html = (meta: string, body: string) => `<html><head>${meta}<title>云溪市人民政府</title></head><body>${body}</body></html>`;
const TEXT = '云溪市人民政府门户网站 政务公开 互动交流 网站标识码 4213000001';

describe('decodeBody: header → BOM → meta → sniff → default', () => {
  it('the HTTP header decides first', () => {
    expect(decodeBody(gbk(TEXT), 'text/html; charset=GBK')).toEqual({ text: TEXT, charset: 'gb18030', source: 'header' });
    expect(decodeBody(Buffer.from(TEXT), 'text/html; charset="UTF-8"')).toEqual({ text: TEXT, charset: 'utf-8', source: 'header' });
  });

  it('the header wins over a conflicting meta', () => {
    const bytes = gbk(html('<meta charset="big5">', TEXT));
    expect(decodeBody(bytes, 'text/html;charset=gb2312')).toMatchObject({ charset: 'gb18030', source: 'header' });
    expect(decodeBody(bytes, 'text/html;charset=gb2312').text).toContain(TEXT);
  });

  it('a BOM decides when the header says nothing', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
    expect(decodeBody(le, 'text/html')).toEqual({ text: TEXT, charset: 'utf-16le', source: 'bom' });
    const u8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]);
    expect(decodeBody(u8, null)).toEqual({ text: TEXT, charset: 'utf-8', source: 'bom' });
  });

  it('GBK bytes declared by <meta charset> or http-equiv decode as GB18030', () => {
    for (const meta of ['<meta charset="gbk">', '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "<META HTTP-EQUIV='content-type' CONTENT='text/html;charset=GB2312'>"]) {
      const r = decodeBody(gbk(html(meta, TEXT)), 'text/html');
      expect(r).toMatchObject({ charset: 'gb18030', source: 'meta' });
      expect(r.text).toContain(TEXT);
    }
  });

  it('a lying meta does not garble UTF-8: valid UTF-8 bytes declared gb2312 decode as UTF-8', () => {
    const r = decodeBody(Buffer.from(html('<meta http-equiv="content-type" content="text/html;charset=GB2312">', TEXT)), 'text/html');
    expect(r).toMatchObject({ charset: 'utf-8', source: 'sniff' });
    expect(r.text).toContain(TEXT);
  });

  it('a lying header "charset=gbk" over UTF-8 bytes does not garble them either', () => {
    expect(decodeBody(Buffer.from(TEXT), 'text/html; charset=gbk')).toEqual({ text: TEXT, charset: 'utf-8', source: 'sniff' });
  });

  it('a server-wide "charset=utf-8" header over a GBK page with a GBK meta takes the meta', () => {
    const r = decodeBody(gbk(html('<meta charset="gb2312">', TEXT)), 'text/html; charset=utf-8');
    expect(r).toMatchObject({ charset: 'gb18030', source: 'meta' });
    expect(r.text).toContain(TEXT);
  });

  it('GBK bytes declared utf-8 (header, meta or both) are sniffed as GB18030, not decoded to U+FFFD', () => {
    const cases: [string, string | null][] = [
      ['<meta charset="utf-8">', 'text/html; charset=utf-8'],
      ['<meta charset="utf-8">', 'text/html'],
      ['', 'text/html; charset=UTF-8'],
      ['<meta http-equiv="Content-Type" content="text/html; charset=utf-8">', null],
    ];
    for (const [meta, header] of cases) {
      const r = decodeBody(gbk(html(meta, TEXT)), header);
      expect(r).toMatchObject({ charset: 'gb18030', source: 'sniff' });
      expect(r.text).toContain(TEXT);
      expect(r.text).not.toContain('\ufffd');
    }
  });

  it('UTF-8 with one stray invalid byte stays UTF-8 (the sniff must do better to win)', () => {
    const bytes = Buffer.concat([Buffer.from(html('<meta charset="utf-8">', TEXT)), Buffer.from([0xff]), Buffer.from('</p>')]);
    const r = decodeBody(bytes, 'text/html; charset=utf-8');
    expect(r).toMatchObject({ charset: 'utf-8', source: 'header' });
    expect(r.text).toContain(TEXT);
  });

  it('an XML declaration counts as a meta declaration', () => {
    const r = decodeBody(gbk(`<?xml version="1.0" encoding="GB2312"?><rss><title>${TEXT}</title></rss>`), 'application/xml');
    expect(r).toMatchObject({ charset: 'gb18030', source: 'meta' });
    expect(r.text).toContain(TEXT);
  });

  it('without any declaration, bytes are sniffed (UTF-8, then chardet with GB18030 preferred)', () => {
    expect(decodeBody(Buffer.from(html('', TEXT)), null)).toMatchObject({ charset: 'utf-8', source: 'sniff' });
    const g = decodeBody(gbk(html('', TEXT)), 'text/html');
    expect(g).toMatchObject({ charset: 'gb18030', source: 'sniff' });
    expect(g.text).toContain(TEXT);
    expect(decodeBody(Buffer.from('<html>plain ascii</html>'), 'text/html')).toEqual({ text: '<html>plain ascii</html>', charset: 'utf-8', source: 'default' });
  });

  it('invalid GBK bytes decode with U+FFFD and never throw', () => {
    const bad = Buffer.concat([gbk('政务公开'), Buffer.from([0x81, 0x20, 0xff, 0xfe, 0x80]), gbk('互动交流')]);
    let r: ReturnType<typeof decodeBody> | undefined;
    expect(() => (r = decodeBody(bad, 'text/html; charset=gbk'))).not.toThrow();
    expect(r!.charset).toBe('gb18030');
    expect(r!.text).toContain('\ufffd');
    expect(r!.text.startsWith('政务公开')).toBe(true);
    expect(r!.text.endsWith('互动交流')).toBe(true);
  });

  it('an unknown declared charset is ignored, not thrown', () => {
    expect(decodeBody(Buffer.from(TEXT), 'text/html; charset=x-klingon')).toMatchObject({ text: TEXT, charset: 'utf-8', source: 'sniff' });
    expect(canonicalCharset('x-klingon')).toBeNull();
    expect(canonicalCharset(' "GB2312" ')).toBe('gb18030');
    expect(canonicalCharset('Big5-HKSCS')).toBe('big5');
  });

  it('a UTF-8 body cut at the cap mid-character is still recognised as UTF-8', () => {
    const bytes = Buffer.from(html('<meta charset="gb2312">', TEXT));
    const cut = bytes.subarray(0, bytes.indexOf(Buffer.from('政府门户')) + 2); // inside 政
    expect(decodeBody(cut, 'text/html').charset).toBe('utf-8');
  });
});

describe('charset over the wire', () => {
  it('the fetcher decodes GBK pages, lying metas and header-declared charsets', async () => {
    const pages: Record<string, [Record<string, string>, Buffer]> = {
      '/gbk-meta': [{ 'content-type': 'text/html' }, gbk(html('<meta charset="gbk">', TEXT))],
      '/lying-meta': [{ 'content-type': 'text/html' }, Buffer.from(html('<meta charset="gb2312">', TEXT))],
      '/header': [{ 'content-type': 'text/html; charset=GB2312' }, gbk(html('<meta charset="utf-8">', TEXT))],
    };
    const s = await serveHttp((q, r) => {
      const [h, b] = pages[q.url!];
      r.writeHead(200, h);
      r.end(b);
    });
    const f = new Fetcher({ policy: { mode: 'loopback' }, respectRobots: false, perHostDelayMs: 0 });
    try {
      const gbkMeta = await f.fetch(`${s.origin}/gbk-meta`);
      expect(gbkMeta).toMatchObject({ charset: 'gb18030', charsetSource: 'meta' });
      expect(gbkMeta.text).toContain(TEXT);
      const lying = await f.fetch(`${s.origin}/lying-meta`);
      expect(lying).toMatchObject({ charset: 'utf-8', charsetSource: 'sniff' });
      expect(lying.text).toContain(TEXT);
      const header = await f.fetch(`${s.origin}/header`);
      expect(header).toMatchObject({ charset: 'gb18030', charsetSource: 'header' });
      expect(header.text).toContain(TEXT);
    } finally {
      await f.close();
      await s.close();
    }
  });
});

// Real pages from ../shared/fixtures (third-party test data); skipped with a message where the folder is absent.
const REAL = path.resolve(__dirname, '../../../../shared/fixtures/real-pages');
const describeReal = existsSync(REAL) ? describe : describe.skip;
if (!existsSync(REAL)) console.warn(`charset real-pages tests skipped: ${REAL} is absent`);

describeReal('charset on real pages (../shared/fixtures/real-pages)', () => {
  it('people.cn declares GB2312 but is UTF-8: decoded as UTF-8', () => {
    const bytes = readFileSync(path.join(REAL, 'GeneralNewsExtractor__GeneralNewsExtractor__people-gb2312-declared.html'));
    const r = decodeBody(bytes, 'text/html');
    expect(r).toMatchObject({ charset: 'utf-8', source: 'sniff' });
    expect(r.text).toContain('女儿出嫁，郑板桥画了几笔兰花当嫁妆');
  });

  it('the apta page is real GBK declared gb2312: decoded as GB18030', () => {
    const bytes = readFileSync(path.join(REAL, 'silverfoxy__JSCryptoMinerStudy__apta-gov-cn-home-GBK-REENCODED-DERIVED.html'));
    const r = decodeBody(bytes, 'text/html');
    expect(r).toMatchObject({ charset: 'gb18030', source: 'meta' });
    expect(r.text).toContain('安徽省人事考试网');
    expect(r.text).not.toContain('\ufffd');
  });
});
