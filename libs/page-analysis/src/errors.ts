// Classified errors of the page-analysis library (bad input never throws from analysePage).
export type PageAnalysisErrorCode = 'LEXICON_NOT_FOUND' | 'LEXICON_INVALID' | 'ATTACHMENT_UNREADABLE' | 'ATTACHMENT_KIND_UNSUPPORTED';

export class PageAnalysisError extends Error {
  constructor(
    readonly code: PageAnalysisErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'PageAnalysisError';
  }
}
