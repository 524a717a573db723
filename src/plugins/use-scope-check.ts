// The scope check: each caller may run only the operations its scopes allow.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, OperationTypeNode } from 'graphql';
import type { Scope } from '../request/caller.js';
import type { RequestContext } from '../request/context.js';

/**
 * Queries need `leads:read`, mutations `leads:write`: checked once the operation is known and
 * before any resolver (so before any vendor call) runs (FORBIDDEN, HTTP 403). No options: the
 * caller comes from the context (`RequestContext.caller`).
 */
export function useScopeCheck(): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ operation, contextValue }) => {
          const kind = operation?.operation ?? OperationTypeNode.QUERY;
          const needed: Scope = kind === OperationTypeNode.MUTATION ? 'leads:write' : 'leads:read';
          if (!contextValue.caller.scopes.has(needed)) {
            return Promise.reject(
              new GraphQLError(`This ${kind} needs the ${needed} scope, which your credentials lack`, {
                extensions: { code: 'FORBIDDEN', http: { status: 403 } },
              }),
            );
          }
          return Promise.resolve();
        },
      }),
  };
}
