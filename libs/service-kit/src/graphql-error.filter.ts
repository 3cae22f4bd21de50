import { Catch } from '@nestjs/common';
import { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';

/**
 * Errors we raise on purpose (bad input, conflicts, not found) are answers to the client, not faults of ours:
 * return them as they are instead of letting Nest log each one as an internal error.
 */
@Catch(GraphQLError)
export class ClientGraphQLErrorFilter implements GqlExceptionFilter {
  catch(error: GraphQLError) {
    return error;
  }
}
