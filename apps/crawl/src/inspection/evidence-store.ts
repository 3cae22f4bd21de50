import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { EvidenceArchive } from '@govinspect/site-crawler';
import { CRAWL_CONFIG, CrawlConfig } from '../crawl-config';

/** The process's one evidence archive (WARC files in CRAWL_ARCHIVE_DIR): one writer per directory. */
@Injectable()
export class EvidenceStore implements OnApplicationShutdown {
  readonly archive: EvidenceArchive;

  constructor(@Inject(CRAWL_CONFIG) config: CrawlConfig) {
    this.archive = new EvidenceArchive({ dir: config.archiveDir });
  }

  async onApplicationShutdown() {
    await this.archive.close();
  }
}
