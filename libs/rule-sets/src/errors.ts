/** Classified rule-set errors: each names the source (file or row) and the offending field paths. */
export type RuleSetErrorClass = 'rule-set-not-found' | 'rule-set-invalid' | 'rule-set-inheritance';

export interface RuleSetIssue {
  /** Field path, with indicators named by id where known: indicators[W-D-NEWS].points */
  path: string;
  message: string;
}

export class RuleSetError extends Error {
  constructor(
    readonly classification: RuleSetErrorClass,
    /** File path (or other source label) the problem is in. */
    readonly source: string,
    readonly issues: RuleSetIssue[],
  ) {
    super(`${classification} in ${source}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`);
    this.name = 'RuleSetError';
  }
}
