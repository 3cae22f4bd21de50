/** Bad scoring input (findings for another target, malformed findings, bad period): a classified, readable error. */
export class ScoringInputError extends Error {
  readonly classification = 'scoring-input-invalid';
  constructor(readonly issues: { path: string; message: string }[]) {
    super(`scoring-input-invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'ScoringInputError';
  }
}
