// The API other services import: rows as the two national filing systems export them, and the errors.
import type { PlatformId } from '@govinspect/contracts';

export type SiteKindFiled = 'portal' | 'department' | 'department-no-service';

export interface SiteFilingRow {
  siteCode: string;
  name: string;
  url: string;
  regionCode: string;
  kind: SiteKindFiled;
  hostUnit: string;
  operatingUnit: string | null;
  icpNumber: string | null;
  psbNumber: string | null;
  subdomains: string[];
  state: 'running' | 'closed' | 'deregistered' | 'migrated';
  successorUrl: string | null;
}

export interface AccountFilingRow {
  platform: PlatformId;
  name: string;
  accountId: string;
  url: string | null;
  hostUnit: string;
  operatingUnit: string | null;
  regionCode: string;
  filingStatus: 'filed' | 'pending';
  filingNumber: string | null;
  /** YYYY-MM-DD */
  openedOn: string | null;
  contentType: 'text' | 'video';
  state: 'running' | 'stopped' | 'deregistered';
  stopNoticeOn: string | null;
}

export interface RowError {
  /** 1-based sheet row. */
  rowNumber: number;
  /** The header as written in the file, or ''. */
  column: string;
  code: string;
  /** Chinese, for users. */
  reason: string;
}

export interface ParseResult<T> {
  kind: 'sites' | 'accounts';
  rows: Array<{ rowNumber: number; value: T }>;
  errors: RowError[];
  /** sha256 hex of the file bytes. */
  fileHash: string;
}

export type FilingFileErrorCode = 'not-spreadsheet' | 'encrypted' | 'corrupt' | 'too-large' | 'too-many-rows' | 'wrong-headers' | 'inflation-limit';

/** A file refused as a whole (message in Chinese). */
export class FilingFileError extends Error {
  constructor(
    readonly code: FilingFileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FilingFileError';
  }
}

export interface ParseLimits {
  maxBytes: number;
  maxRows: number;
  maxInflatedBytes: number;
}
