export * from './types';
export { crawlSite, CrawlConfigError } from './crawl';
export { normaliseUrl, normaliseUrlDetailed, type NormaliseOutcome } from './normalise';
export { extractLinks, needsRender, isAttachmentUrl } from './links';
export { TrapGuard, DEFAULT_TRAP_LIMITS, calendarShape, repeatingPath } from './traps';
export { discoverSitemapUrls, parseSitemap, robotsSitemaps } from './sitemap';
export { MemoryPageStore } from './store';
export { EvidenceArchive, ArchiveError, type ArchivedRecord } from './archive';
export { Renderer, RenderError, type RenderOutput, type AxeViolation } from './renderer';
