import type { CrawledPage, EvidenceArchive, PageStore } from '@govinspect/site-crawler';
import { decodeBody } from '@govinspect/web-fetch';
import { DataSource } from 'typeorm';

interface PageRow {
  url: string;
  final_url: string;
  depth: number;
  found_on: string | null;
  status: number | null;
  ok: boolean;
  failure: string | null;
  content_type: string | null;
  archive_id: string | null;
  screenshot_id: string | null;
  dom_archive_id: string | null;
  etag: string | null;
  last_modified: string | null;
  content_hash: string | null;
  duplicate_of: string | null;
  rendered: boolean;
  fetched_at: Date;
}

const HTML_TYPE = /html|xml/i;

/**
 * The pages one inspection run has crawled, in `crawl_page`; their bodies live in the WARC evidence archive (the row
 * holds the record id). A job picked up again after a crash gets the same store, so the crawler re-uses every page
 * it already has instead of fetching it again. A rendered page's DOM is archived as its own record, so the resumed
 * run sees what the browser saw.
 */
export class PgPageStore implements PageStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runId: string,
    private readonly archive: EvidenceArchive,
  ) {}

  async get(url: string): Promise<CrawledPage | null> {
    const [row]: PageRow[] = await this.dataSource.query(`SELECT * FROM crawl_page WHERE run_id = $1 AND url = $2`, [this.runId, url]);
    if (!row) return null;
    let body: Buffer | null = null;
    let html: string | null = null;
    if (row.archive_id) {
      const rec = await this.archive.get(row.archive_id);
      // The evidence is gone (archive directory wiped): fetch the page again rather than inspect nothing.
      if (!rec) return null;
      if (HTML_TYPE.test(row.content_type ?? '')) html = decodeBody(rec.body, row.content_type).text;
      else body = rec.body;
    }
    if (row.dom_archive_id) {
      const dom = await this.archive.get(row.dom_archive_id);
      if (!dom) return null;
      html = dom.body.toString('utf8');
    }
    return {
      url: row.url,
      finalUrl: row.final_url,
      depth: row.depth,
      foundOn: row.found_on,
      status: row.status,
      ok: row.ok,
      failure: row.failure,
      contentType: row.content_type,
      html,
      body,
      contentHash: row.content_hash,
      duplicateOf: row.duplicate_of,
      rendered: row.rendered,
      archiveId: row.archive_id,
      screenshotId: row.screenshot_id,
      etag: row.etag,
      lastModified: row.last_modified,
      notModified: false,
      fetchedAt: row.fetched_at.toISOString(),
    };
  }

  async put(page: CrawledPage): Promise<void> {
    let archiveId = page.archiveId;
    if (!archiveId && page.status !== null && (page.body || page.html !== null)) {
      const body = page.body ?? Buffer.from(page.html ?? '', 'utf8');
      const headers: Record<string, string> = page.body ? {} : { 'content-type': 'text/html; charset=utf-8' };
      if (page.body && page.contentType) headers['content-type'] = page.contentType;
      archiveId = await this.archive.putResponse({ url: page.finalUrl, status: page.status, headers, body, fetchedAt: page.fetchedAt || new Date().toISOString() });
    }
    let domArchiveId: string | null = null;
    if (page.rendered && page.html !== null && page.status !== null) {
      domArchiveId = await this.archive.putResponse({
        url: page.finalUrl,
        status: page.status,
        headers: { 'content-type': 'text/html; charset=utf-8', 'x-govinspect-rendered': 'dom' },
        body: Buffer.from(page.html, 'utf8'),
        fetchedAt: page.fetchedAt || new Date().toISOString(),
      });
    }
    await this.dataSource.query(
      `INSERT INTO crawl_page (run_id, url, final_url, depth, found_on, status, ok, failure, content_type, headers, archive_id,
                               screenshot_id, dom_archive_id, etag, last_modified, content_hash, duplicate_of, rendered, fetched_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
       ON CONFLICT (run_id, url) DO UPDATE SET final_url = EXCLUDED.final_url, status = EXCLUDED.status, ok = EXCLUDED.ok,
         failure = EXCLUDED.failure, content_type = EXCLUDED.content_type, archive_id = EXCLUDED.archive_id,
         screenshot_id = EXCLUDED.screenshot_id, dom_archive_id = EXCLUDED.dom_archive_id, etag = EXCLUDED.etag,
         last_modified = EXCLUDED.last_modified, content_hash = EXCLUDED.content_hash, rendered = EXCLUDED.rendered,
         fetched_at = EXCLUDED.fetched_at`,
      [
        this.runId, page.url, page.finalUrl, page.depth, page.foundOn, page.status, page.ok, page.failure, page.contentType,
        JSON.stringify(page.contentType ? { 'content-type': page.contentType } : {}), archiveId, page.screenshotId, domArchiveId,
        page.etag, page.lastModified, page.contentHash, page.duplicateOf, page.rendered, page.fetchedAt || new Date().toISOString(),
      ],
    );
  }

  async count(): Promise<number> {
    const [r] = await this.dataSource.query(`SELECT count(*)::int AS n FROM crawl_page WHERE run_id = $1`, [this.runId]);
    return r.n;
  }
}
