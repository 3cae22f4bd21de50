// Evidence archive: every fetched page as a WARC 1.1 response record, screenshots as resource records.
// One gzip member per record (standard .warc.gz), so any record is read back by seeking to its offset.
import { createReadStream, promises as fs } from 'node:fs';
import { join } from 'node:path';

// warcio's CJS entry; 'warcio/node' pulls an ESM-only temp-file helper that require() cannot load
const { WARCRecord, WARCSerializer, WARCParser } = require('warcio') as typeof import('warcio');

export interface ArchivedRecord {
  id: string;
  url: string;
  kind: 'response' | 'screenshot';
  status: number | null;
  headers: Record<string, string>;
  body: Buffer;
  contentType: string | null;
  fetchedAt: string;
}

interface IndexEntry {
  id: string;
  file: string;
  offset: number;
  length: number;
  url: string;
  kind: 'response' | 'screenshot';
  status: number | null;
  contentType: string | null;
  fetchedAt: string;
  recordId: string;
}

export class ArchiveError extends Error {
  constructor(
    readonly code: 'ARCHIVE_BAD_ID' | 'ARCHIVE_CORRUPT' | 'ARCHIVE_CLOSED',
    message: string,
  ) {
    super(message);
    this.name = 'ArchiveError';
  }
}

const FILE_RE = /^evidence-(\d{6})\.warc\.gz$/;
const INDEX = 'index.jsonl';
/** Hop-by-hop and encoding headers describe the wire, not the stored (already decoded) body. */
const WIRE_HEADERS = new Set(['transfer-encoding', 'content-encoding', 'content-length', 'connection', 'keep-alive']);
const STATUS_TEXT: Record<number, string> = { 200: 'OK', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified', 404: 'Not Found', 500: 'Internal Server Error' };

/**
 * WARC files in `dir` (`evidence-000001.warc.gz`, …, rotated at `maxFileBytes`) and a JSON-lines index beside
 * them. Record ids are `<file>:<offset>`, stable forever: files are only ever appended to, and every session
 * starts a new file, so evidence stays readable after the site changes. One writer per directory at a time.
 */
export class EvidenceArchive {
  private readonly dir: string;
  private readonly maxFileBytes: number;
  private readonly index = new Map<string, IndexEntry>();
  private readonly ready: Promise<void>;
  private file: string | null = null;
  private fileSize = 0;
  private nextSeq = 1;
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(opts: { dir: string; maxFileBytes?: number }) {
    this.dir = opts.dir;
    this.maxFileBytes = opts.maxFileBytes ?? 1024 * 1024 * 1024;
    this.ready = this.init();
  }

  private async init(): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    for (const name of await fs.readdir(this.dir)) {
      const m = FILE_RE.exec(name);
      if (m) this.nextSeq = Math.max(this.nextSeq, Number(m[1]) + 1);
    }
    const text = await fs.readFile(join(this.dir, INDEX), 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const e = JSON.parse(line) as IndexEntry;
        this.index.set(e.id, e);
      } catch {
        // a torn last line after a crash: the record is still reachable by its id
      }
    }
  }

  /** Serialises writers so offsets stay exact. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async append(bytes: Uint8Array, meta: Omit<IndexEntry, 'id' | 'file' | 'offset' | 'length'>, extra?: Uint8Array): Promise<string> {
    await this.ready;
    if (this.closed) throw new ArchiveError('ARCHIVE_CLOSED', 'archive is closed');
    return this.serial(async () => {
      const total = bytes.length + (extra?.length ?? 0);
      if (!this.file || (this.fileSize > 0 && this.fileSize + total > this.maxFileBytes)) await this.rotate();
      const file = this.file!;
      const offset = this.fileSize;
      await fs.appendFile(join(this.dir, file), extra ? Buffer.concat([bytes, extra]) : bytes);
      this.fileSize += total;
      const entry: IndexEntry = { id: `${file}:${offset}`, file, offset, length: bytes.length, ...meta };
      await fs.appendFile(join(this.dir, INDEX), `${JSON.stringify(entry)}\n`);
      this.index.set(entry.id, entry);
      return entry.id;
    });
  }

  private async rotate(): Promise<void> {
    const file = `evidence-${String(this.nextSeq++).padStart(6, '0')}.warc.gz`;
    const info = WARCRecord.createWARCInfo({ filename: file, warcVersion: 'WARC/1.1' }, { software: 'govinspect site-crawler', format: 'WARC File Format 1.1' });
    const bytes = await WARCSerializer.serialize(info, { gzip: true });
    await fs.writeFile(join(this.dir, file), bytes, { flag: 'wx' });
    this.file = file;
    this.fileSize = bytes.length;
  }

  async putResponse(r: { url: string; status: number; headers: Record<string, string>; body: Buffer; fetchedAt: string; requestHeaders?: Record<string, string> }): Promise<string> {
    const httpHeaders: [string, string][] = [];
    for (const [k, v] of Object.entries(r.headers)) {
      if (WIRE_HEADERS.has(k.toLowerCase())) {
        if (k.toLowerCase() === 'content-encoding') httpHeaders.push(['x-archive-orig-content-encoding', v]);
        continue;
      }
      httpHeaders.push([k, v]);
    }
    httpHeaders.push(['content-length', String(r.body.length)]);
    const date = new Date(r.fetchedAt).toISOString();
    const rec = WARCRecord.create(
      { url: r.url, date, type: 'response', warcVersion: 'WARC/1.1', httpHeaders, statusline: `HTTP/1.1 ${r.status} ${STATUS_TEXT[r.status] ?? ''}`.trimEnd(), keepHeadersCase: true },
      [new Uint8Array(r.body.buffer, r.body.byteOffset, r.body.length)],
    );
    const bytes = await WARCSerializer.serialize(rec, { gzip: true });
    const recordId = rec.warcHeader('WARC-Record-ID') ?? '';
    let extra: Uint8Array | undefined;
    if (r.requestHeaders) {
      const u = new URL(r.url);
      const req = WARCRecord.create(
        { url: r.url, date, type: 'request', warcVersion: 'WARC/1.1', httpHeaders: { host: u.host, ...r.requestHeaders }, statusline: `GET ${u.pathname}${u.search} HTTP/1.1`, warcHeaders: { 'WARC-Concurrent-To': recordId } },
        [],
      );
      extra = await WARCSerializer.serialize(req, { gzip: true });
    }
    const ct = Object.entries(r.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? null;
    return this.append(bytes, { url: r.url, kind: 'response', status: r.status, contentType: ct, fetchedAt: r.fetchedAt, recordId }, extra);
  }

  async putScreenshot(url: string, png: Buffer, at: string): Promise<string> {
    const rec = WARCRecord.create(
      { url: `urn:screenshot:${url}`, date: new Date(at).toISOString(), type: 'resource', warcVersion: 'WARC/1.1', warcHeaders: { 'Content-Type': 'image/png' } },
      [new Uint8Array(png.buffer, png.byteOffset, png.length)],
    );
    const bytes = await WARCSerializer.serialize(rec, { gzip: true });
    return this.append(bytes, { url, kind: 'screenshot', status: null, contentType: 'image/png', fetchedAt: at, recordId: rec.warcHeader('WARC-Record-ID') ?? '' });
  }

  /** The record, read from disk (never refetched). `null` for an id this archive never wrote. */
  async get(id: string): Promise<ArchivedRecord | null> {
    await this.ready;
    await this.chain; // a record being written is readable once its put resolved
    const m = /^(evidence-\d{6}\.warc\.gz):(\d+)$/.exec(id);
    if (!m) throw new ArchiveError('ARCHIVE_BAD_ID', `not an evidence record id: "${id}"`);
    const entry = this.index.get(id);
    const path = join(this.dir, m[1]);
    const offset = Number(m[2]);
    // the index gives the exact length; without it (torn index) stream from the offset and parse one record
    const stream = createReadStream(path, entry ? { start: offset, end: offset + entry.length - 1 } : { start: offset });
    try {
      const parser = new WARCParser(stream);
      const rec = await parser.parse();
      if (!rec) return null;
      const type = rec.warcType;
      const body = Buffer.from(await rec.readFully(false));
      const target = rec.warcTargetURI ?? '';
      const fetchedAt = entry?.fetchedAt ?? rec.warcDate ?? '';
      if (type === 'resource') {
        const ct = rec.warcContentType ?? null;
        return { id, url: entry?.url ?? target.replace(/^urn:screenshot:/, ''), kind: 'screenshot', status: null, headers: ct ? { 'content-type': ct } : {}, body, contentType: ct, fetchedAt };
      }
      if (type !== 'response') throw new ArchiveError('ARCHIVE_CORRUPT', `${id} is a ${type} record`);
      const headers: Record<string, string> = {};
      for (const [k, v] of rec.httpHeaders?.headers ?? []) headers[k.toLowerCase()] = v;
      const status = Number(rec.httpHeaders?.statusCode) || null;
      return { id, url: target, kind: 'response', status, headers, body, contentType: headers['content-type'] ?? null, fetchedAt };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      if (e instanceof ArchiveError) throw e;
      throw new ArchiveError('ARCHIVE_CORRUPT', `${id}: ${(e as Error).message}`);
    } finally {
      stream.destroy();
    }
  }

  /** Ids in write order, for listing a crawl's evidence. */
  ids(): string[] {
    return [...this.index.keys()];
  }

  async close(): Promise<void> {
    await this.ready;
    await this.chain;
    this.closed = true;
  }
}
