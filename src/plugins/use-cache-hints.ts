// Cache hints: the `Cache-Control` header of each answer, from the `@cacheControl` hints of the
// SDL and what resolvers give at run time (`Query.distributionTotals`, from Zen's freshness).
// Computed once per operation (src/request/cache-policy.ts) in place of Apollo Server's
// cache-control plugin, which does the same work on every resolved field (issue 26); server.ts
// turns that one off. The headers are the same: `max-age=N, private`, or `no-store`.
import type { ApolloServerPlugin } from '@apollo/server';
import { OperationTypeNode } from 'graphql';
import { answerCachePolicy, cacheControlHeader, documentCachePolicy } from '../request/cache-policy.js';
import type { RequestContext } from '../request/context.js';

/**
 * A query's answer may be kept for the lowest maxAge of the fields it selects, privately if any
 * is PRIVATE (`no-store` for 0, or an answer with errors). A mutation returns types that carry
 * cache hints (a `Lead` may be 15 s old when read), but its answer is the result of a write:
 * never to be served again (schema/cache-control.graphql), so anything but a query gets
 * `no-store`. No options.
 */
export function useCacheHints(): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        willSendResponse: ({ schema, document, operation, request, response, contextValue, overallCachePolicy }) => {
          const body = response.body;
          const cacheable =
            operation?.operation === OperationTypeNode.QUERY &&
            document !== undefined &&
            body.kind === 'single' &&
            !body.singleResult.errors;
          if (cacheable) {
            const variables = request.variables ?? {};
            const fromDocument = documentCachePolicy(schema, document, operation, variables);
            overallCachePolicy.restrict(answerCachePolicy(schema, fromDocument, contextValue.operation, variables));
          } else {
            overallCachePolicy.restrict({ maxAge: 0 });
          }
          const policy = overallCachePolicy.policyIfCacheable();
          response.http.headers.set('cache-control', cacheControlHeader(policy ?? {}));
          return Promise.resolve();
        },
      }),
  };
}
