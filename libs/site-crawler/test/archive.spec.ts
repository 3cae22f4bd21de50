// WARC evidence archive: round-trip bytes, reopen, rotation, screenshots, classified errors, evidence after change.
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as iconv from 'iconv-lite';
import { ArchiveError, crawlSite, EvidenceArchive } from '../src';
import { html, makeFetcher, startSite } from './helpers';

const { WARCParser } = require('warcio') as typeof import('warcio');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'evidence-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const allBytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

describe('EvidenceArchive', () => {
  it('writes responses and screenshots; a new archive on the same dir reads them back byte-identical', async () => {
    const a = new EvidenceArchive({ dir });
    const gbk = iconv.encode('<html><body>云溪市教育局 通知公告</body></html>', 'gbk');
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(5000)]);
    const id1 = await a.putResponse({ url: 'http://jyj.yunxi.gov.cn/', status: 200, headers: { 'content-type': 'text/html; charset=gb2312', server: 'Apache', 'content-encoding': 'gzip', 'transfer-encoding': 'chunked' }, body: gbk, fetchedAt: '2024-06-28T02:00:00.123Z', requestHeaders: { 'user-agent': 'govinspect/0.1' } });
    const id2 = await a.putResponse({ url: 'http://jyj.yunxi.gov.cn/x.pdf', status: 404, headers: { 'content-type': 'application/octet-stream' }, body: allBytes, fetchedAt: '2024-06-28T02:00:01Z' });
    const id3 = await a.putScreenshot('http://jyj.yunxi.gov.cn/', png, '2024-06-28T02:00:02Z');
    await a.close();
    expect(new Set([id1, id2, id3]).size).toBe(3);
    expect(id1).toMatch(/^evidence-\d{6}\.warc\.gz:\d+$/);

    const b = new EvidenceArchive({ dir });
    const r1 = (await b.get(id1))!;
    expect(r1).toMatchObject({ id: id1, url: 'http://jyj.yunxi.gov.cn/', kind: 'response', status: 200, contentType: 'text/html; charset=gb2312', fetchedAt: '2024-06-28T02:00:00.123Z' });
    expect(r1.body.equals(gbk)).toBe(true);
    // the stored body is decoded, so wire encodings are not claimed for it
    expect(r1.headers).toMatchObject({ server: 'Apache', 'x-archive-orig-content-encoding': 'gzip', 'content-length': String(gbk.length) });
    expect(r1.headers['content-encoding']).toBeUndefined();
    expect(r1.headers['transfer-encoding']).toBeUndefined();
    const r2 = (await b.get(id2))!;
    expect(r2.status).toBe(404);
    expect(r2.body.equals(allBytes)).toBe(true);
    const r3 = (await b.get(id3))!;
    expect(r3).toMatchObject({ kind: 'screenshot', url: 'http://jyj.yunxi.gov.cn/', contentType: 'image/png', status: null });
    expect(r3.body.equals(png)).toBe(true);

    // a second session never rewrites a written file: it starts the next one
    const id4 = await b.putResponse({ url: 'http://a.test/', status: 200, headers: {}, body: Buffer.from('x'), fetchedAt: '2024-06-28T03:00:00Z' });
    await b.close();
    expect(id4.split(':')[0]).not.toBe(id1.split(':')[0]);
  });

  it('rotates files at maxFileBytes; every file is a valid gzip WARC 1.1 starting with warcinfo', async () => {
    const a = new EvidenceArchive({ dir, maxFileBytes: 4000 });
    const ids: string[] = [];
    const bodies: Buffer[] = [];
    for (let i = 0; i < 12; i++) {
      bodies.push(randomBytes(1500)); // incompressible, so each record is ~1.9 KB
      ids.push(await a.putResponse({ url: `http://a.test/${i}`, status: 200, headers: { 'content-type': 'application/octet-stream' }, body: bodies[i], fetchedAt: '2024-06-28T02:00:00Z' }));
    }
    await a.close();
    const files = readdirSync(dir).filter((f) => f.endsWith('.warc.gz')).sort();
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      const types: string[] = [];
      for await (const rec of new WARCParser(createReadStream(join(dir, f)))) {
        types.push(rec.warcType ?? '');
        expect(rec.warcHeaders.protocol).toBe('WARC/1.1');
        await rec.readFully(false);
      }
      expect(types[0]).toBe('warcinfo');
      expect(types.slice(1).every((t) => t === 'response')).toBe(true);
    }
    const b = new EvidenceArchive({ dir });
    for (let i = 0; i < 12; i++) expect((await b.get(ids[i]))!.body.equals(bodies[i])).toBe(true);
  });

  it('reads a record by id even when the index line is lost (torn index after a crash)', async () => {
    const a = new EvidenceArchive({ dir });
    const id = await a.putResponse({ url: 'http://a.test/', status: 200, headers: {}, body: allBytes, fetchedAt: '2024-06-28T02:00:00Z' });
    await a.close();
    rmSync(join(dir, 'index.jsonl'));
    const b = new EvidenceArchive({ dir });
    expect((await b.get(id))!.body.equals(allBytes)).toBe(true);
  });

  it('classifies bad ids: not an id → ARCHIVE_BAD_ID, unknown file → null, not a record boundary → ARCHIVE_CORRUPT', async () => {
    const a = new EvidenceArchive({ dir });
    const id = await a.putResponse({ url: 'http://a.test/', status: 200, headers: {}, body: allBytes, fetchedAt: '2024-06-28T02:00:00Z' });
    await expect(a.get('../../etc/passwd:0')).rejects.toMatchObject({ code: 'ARCHIVE_BAD_ID' });
    await expect(a.get('nonsense')).rejects.toBeInstanceOf(ArchiveError);
    expect(await a.get('evidence-999999.warc.gz:0')).toBeNull();
    const [file, off] = id.split(':');
    await expect(a.get(`${file}:${Number(off) + 7}`)).rejects.toMatchObject({ code: 'ARCHIVE_CORRUPT' });
    await a.close();
    await expect(a.putResponse({ url: 'http://a.test/', status: 200, headers: {}, body: allBytes, fetchedAt: '2024-06-28T02:00:00Z' })).rejects.toMatchObject({ code: 'ARCHIVE_CLOSED' });
  });

  it('a crawl archives every fetched page; the evidence stays as fetched after the site changes', async () => {
    let text = '首次抓取的内容';
    const s = await startSite('change.test', (_req, res, url) => (url.pathname === '/' ? html(res, `<a href="/a.html">a</a><a href="/gone.html">b</a>`) : url.pathname === '/a.html' ? html(res, text) : html(res, 'x', 404)));
    const archive = new EvidenceArchive({ dir });
    const fetcher = makeFetcher(s.resolveMap);
    const r = await crawlSite({ startUrls: [`${s.origin}/`], scopeHosts: [s.host], fetcher, pageBudget: 10, maxDepth: 2, archive, useSitemap: false });
    await fetcher.close();
    expect(r.pages.every((p) => p.archiveId)).toBe(true);
    text = '网站改版后的内容';
    const page = r.byUrl.get(`${s.origin}/a.html`)!;
    const rec = (await archive.get(page.archiveId!))!;
    expect(rec.body.toString('utf8')).toContain('首次抓取的内容');
    expect(rec.body.toString('utf8')).not.toContain('网站改版后的内容');
    expect((await archive.get(r.byUrl.get(`${s.origin}/gone.html`)!.archiveId!))!.status).toBe(404);
    await archive.close();
    await s.close();
  });
});
