import { GraphQLError } from 'graphql';
import { RuleSetError } from '@govinspect/rule-sets';
import { ScoringInputError } from '@govinspect/scoring-engine';
import { badInput, conflict, notFound } from '@govinspect/service-kit';

/**
 * Classified GraphQL errors. `code` follows libs/service-kit (BAD_USER_INPUT, CONFLICT, NOT_FOUND); `classification`
 * says which rule was broken, so a client can tell a bad rule-set upload from a bad manual finding.
 */
function classified(base: GraphQLError, classification: string, issues?: { path: string; message: string }[]): GraphQLError {
  return new GraphQLError(base.message, { extensions: { ...base.extensions, classification, ...(issues ? { issues } : {}) } });
}

export const invalidInput = (field: string, message: string, classification = 'invalid-input', issues?: { path: string; message: string }[]) =>
  classified(badInput(field, message), classification, issues);

export const stateConflict = (field: string, message: string, classification: string) => classified(conflict(field, message), classification);

export const missing = (what: string, id: string, classification: string) => classified(notFound(what, id), classification);

export function fromRuleSetError(e: RuleSetError, field = 'document'): GraphQLError {
  const first = e.issues[0];
  const message = first ? `${first.path ? `${first.path}: ` : ''}${first.message}${e.issues.length > 1 ? ` (+${e.issues.length - 1} more)` : ''}` : e.message;
  if (e.classification === 'rule-set-not-found') return classified(notFound('rule set', e.source), e.classification, e.issues);
  return invalidInput(field, message, e.classification, e.issues);
}

export function fromScoringInputError(e: ScoringInputError, field = 'finding'): GraphQLError {
  const first = e.issues[0];
  return invalidInput(field, first ? `${first.path}: ${first.message}` : e.message, e.classification, e.issues);
}
