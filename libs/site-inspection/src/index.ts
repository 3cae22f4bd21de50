export { inspectSite, DEFAULT_CRAWL, type InspectSiteInput, type InspectSiteResult } from './inspect-site';
export { inspectSavedPage, type SavedPageResult } from './inspect-saved-page';
export type { ColumnInventoryItem, SiteInfo } from './site-view';
export type { FooterLabels, PageAnalysis, ListItem, PageList } from './local/analyse';
export { defaultLexicon } from './local/lexicon';
export { findingId } from './finding';
export { NEEDED_PARAMS } from './rules';
export type * from './types';
export { decodeBody as decodePageBytes } from './local/decode';
