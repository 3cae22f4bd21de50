export * from './types';
export { parseSiteExport, parseAccountExport, detectExportKind, DEFAULT_LIMITS } from './parse';
