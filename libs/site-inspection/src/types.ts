// Input shapes this library consumes: the published web-fetch / site-crawler types, narrowed to what is used.

import type { FetchRequest, FetchResult } from '@govinspect/web-fetch';
import type { AxeViolation, EvidenceArchive, PageStore, RenderOutput } from '@govinspect/site-crawler';

export type { FetchRequest, FetchResult, AxeViolation };

/** What the inspection needs of @govinspect/web-fetch's Fetcher (structural, so a test double or a wrapper fits). */
export interface Fetcher {
  fetch(url: string, req?: FetchRequest): Promise<FetchResult>;
  reachability?(url: string): Promise<{ ipv4: FetchResult; ipv6: FetchResult; https: FetchResult }>;
  robotsAllows(url: string, userAgent?: string): Promise<boolean>;
  close?(): Promise<void>;
}

/** @govinspect/site-crawler's EvidenceArchive (WARC records of the pages findings quote). */
export type EvidenceArchiveLike = EvidenceArchive;
export type { EvidenceArchiveLike as EvidenceArchive };

/** @govinspect/site-crawler's Renderer (Playwright). */
export interface Renderer {
  render(url: string, opts?: { screenshot?: boolean; axe?: boolean; timeoutMs?: number }): Promise<RenderOutput>;
  close?(): Promise<void>;
}

/** site-crawler's page store: pages of this run already fetched are re-used (resume after a crash). */
export type { PageStore };

/** page-analysis's versioned lexicon (wording errors, outdated institution names, spam vocabulary). */
export type { Lexicon } from '@govinspect/page-analysis';

/** Inspector correction of one column; wins over the classifier. */
export interface ColumnCorrection {
  url: string;
  columnClass?: string;
  level?: 1 | 2;
  correctedUrl?: string;
  name?: string;
}
