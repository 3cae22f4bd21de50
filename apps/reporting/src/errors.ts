import { GraphQLError } from 'graphql';
import { badInput, conflict, notFound } from '@govinspect/service-kit';

/**
 * Classified GraphQL errors (service-kit codes) with a machine-readable `reason`, so clients and tests can tell an
 * empty region from an unknown one without parsing Chinese messages.
 */
function withReason(e: GraphQLError, reason: string): GraphQLError {
  return new GraphQLError(e.message, { extensions: { ...e.extensions, reason } });
}

export const invalid = (field: string, message: string, reason = 'invalid') => withReason(badInput(field, message), reason);
export const stateConflict = (field: string, message: string, reason: string) => withReason(conflict(field, message), reason);
export const missing = (what: string, id: string) => withReason(notFound(what, id), 'not-found');
