// Cache hints: fields carry their own (`@cacheControl` in the SDL, `Query.distributionTotals`
// from Zen's freshness); this plugin adds what a field cannot know.
import type { ApolloServerPlugin } from '@apollo/server';
import { OperationTypeNode } from 'graphql';

/**
 * A mutation returns types that carry cache hints (a `Lead` may be 15 s old when read), but its
 * answer is the result of a write: never to be served again (schema/cache-control.graphql), so
 * anything but a query gets `maxAge: 0` (`cache-control: no-store`). No options.
 */
export function useCacheHints<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        executionDidStart: ({ operation, overallCachePolicy }) => {
          if (operation.operation !== OperationTypeNode.QUERY) overallCachePolicy.restrict({ maxAge: 0 });
          return Promise.resolve();
        },
      }),
  };
}
