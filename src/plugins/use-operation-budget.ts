// No field outlives its operation's deadline (OPERATION_TIMEOUT), whatever it waits for; the
// vendor calls it starts count against the operation's budget through the request's datasources
// (src/request/operation.ts). Fields without a resolver of their own only read their
// parent, so they stay as they are. `_entities` is capped here, before any representation is
// resolved.
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLField, GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import type { RequestContext } from '../request/context.js';
import type { OperationBudget } from '../request/operation.js';
import { BadUserInputError } from '../errors.js';

/** More representations than this in one `_entities` field are refused: each may cost a vendor call. */
export const MAX_ENTITY_REPRESENTATIONS = 1_000;

/** Wraps the schema's resolvers (in place) so they end by their operation's deadline. */
export function bindResolversToOperation(schema: GraphQLSchema): GraphQLSchema {
  // Duck-typed: @apollo/subgraph builds the schema with the CommonJS build of graphql, and
  // graphql's isObjectType refuses types of the other build.
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !('getFields' in type)) continue;
    const fields = type.getFields() as Record<string, Partial<GraphQLField<unknown, RequestContext>>>;
    for (const field of Object.values(fields)) {
      const resolve = field.resolve as GraphQLFieldResolver<unknown, RequestContext> | undefined;
      if (!resolve) continue;
      const capped =
        type === schema.getQueryType() && field.name === '_entities' ? capRepresentations(resolve) : resolve;
      field.resolve = (source, args, context: RequestContext, info) =>
        withinDeadline(capped(source, args, context, info), context.operation.budget);
    }
  }
  return schema;
}

/**
 * Ends each operation's deadline once it is answered, so nothing of it waits on a timer. The
 * deadline itself is bound to the resolvers with `bindResolversToOperation`. No options.
 */
export function useOperationBudget(): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        willSendResponse: ({ contextValue }) => {
          contextValue.operation.budget.finish();
          return Promise.resolve();
        },
      }),
  };
}

function capRepresentations(
  resolve: GraphQLFieldResolver<unknown, RequestContext>,
): GraphQLFieldResolver<unknown, RequestContext> {
  return (source, args: { representations?: unknown }, context, info) => {
    const count = Array.isArray(args.representations) ? args.representations.length : 0;
    if (count > MAX_ENTITY_REPRESENTATIONS) {
      throw new BadUserInputError(
        `At most ${MAX_ENTITY_REPRESENTATIONS} representations at once (got ${count})`,
        'representations',
      );
    }
    return resolve(source, args, context, info);
  };
}

/** The result, or for what is still pending, whichever comes first of it and the deadline. */
function withinDeadline(result: unknown, budget: OperationBudget): unknown {
  if (isPromise(result)) return Promise.race([result, budget.expired]);
  // A list of promises (`leads(ids:)`): each item on its own, so items already there stay.
  if (Array.isArray(result) && result.some(isPromise)) {
    return result.map((item: unknown) => (isPromise(item) ? Promise.race([item, budget.expired]) : item));
  }
  return result;
}

function isPromise(value: unknown): value is Promise<unknown> {
  return value instanceof Promise;
}
