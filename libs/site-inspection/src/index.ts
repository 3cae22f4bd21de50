export { inspectSite, DEFAULT_CRAWL, type InspectSiteInput, type InspectSiteResult } from './inspect-site';
export { inspectSavedPage, type SavedPageResult } from './inspect-saved-page';
export type { ColumnInventoryItem, SiteInfo } from './site-view';
export type { FooterLabels, PageAnalysis, ListItem, ListBlock } from '@govinspect/page-analysis';
export { findingId } from './finding';
export { RULE_PARAMS, type RuleParamKey } from './rules';
export type * from './types';
