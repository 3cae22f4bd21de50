import { Controller, Get, Inject, Injectable, NotFoundException, BadRequestException, Param, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ArchiveError } from '@govinspect/site-crawler';
import { CRAWL_CONFIG, CrawlConfig } from '../crawl-config';
import { EvidenceStore } from './evidence-store';

/** Absolute download URLs of evidence records: CRAWL_PUBLIC_URL when set, else this service's own address. */
@Injectable()
export class EvidenceLinks {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(CRAWL_CONFIG) private readonly config: CrawlConfig,
  ) {}

  url(archiveId: string): string {
    const path = `/evidence/${encodeURIComponent(archiveId)}`;
    if (this.config.publicUrl) return `${this.config.publicUrl.replace(/\/$/, '')}${path}`;
    const address = this.adapterHost.httpAdapter?.getHttpServer?.()?.address?.();
    if (!address || typeof address !== 'object') return path;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address === '0.0.0.0' ? '127.0.0.1' : address.address;
    return `http://${host}:${address.port}${path}`;
  }
}

/** GET /evidence/:id — the archived body with its content type, or the PNG screenshot; never refetched. */
@Controller('evidence')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceStore) {}

  @Get(':id')
  async get(@Param('id') id: string, @Res() res: { status(n: number): any; setHeader(k: string, v: string): void; end(b: Buffer): void }) {
    let rec;
    try {
      rec = await this.evidence.archive.get(id);
    } catch (e) {
      if (e instanceof ArchiveError && e.code === 'ARCHIVE_BAD_ID') throw new BadRequestException({ code: 'EVIDENCE_BAD_ID', message: e.message });
      throw e;
    }
    if (!rec) throw new NotFoundException({ code: 'EVIDENCE_NOT_FOUND', message: `evidence ${id} not found` });
    res.status(200);
    res.setHeader('content-type', rec.contentType ?? (rec.kind === 'screenshot' ? 'image/png' : 'application/octet-stream'));
    res.setHeader('x-evidence-url', encodeURI(rec.url));
    res.setHeader('x-evidence-fetched-at', rec.fetchedAt);
    if (rec.status !== null) res.setHeader('x-evidence-status', String(rec.status));
    // Archived pages are hostile content: never let a browser run them in our origin.
    res.setHeader('content-security-policy', "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'");
    res.setHeader('x-content-type-options', 'nosniff');
    res.end(rec.body);
  }
}
