// Bounds on the shape of an operation (graphql-armor), checked before anything runs: every field
// may cost vendor calls.
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ValidationRule } from 'graphql';

export interface QueryLimitsOptions {
  /** Deepest nesting of fields (MAX_QUERY_DEPTH). @default 6 */
  maxDepth?: number;
  /** Most aliases in one operation (MAX_QUERY_ALIASES). @default 15 */
  maxAliases?: number;
  /** Most directives in one operation (MAX_QUERY_DIRECTIVES). @default 50 */
  maxDirectives?: number;
  /** Suggest field names in validation errors ("Did you mean…?"). @default true */
  fieldSuggestions?: boolean;
}

/** What Apollo Server takes: the plugins, and the validation rules given next to them. */
export interface QueryLimits<TContext extends object> {
  plugins: ApolloServerPlugin<TContext>[];
  validationRules: ValidationRule[];
}

/**
 * graphql-armor's limits at its recommended levels unless told otherwise. Two of armor's rules
 * are off here: tokens are counted by Apollo's parser (`parseOptions.maxTokens`), because armor's
 * token rule answers a long document with HTTP 500 and the parser with 400 GRAPHQL_PARSE_FAILED;
 * cost is counted with list sizes (src/plugins/use-cost-limit.ts).
 */
export function useQueryLimits<TContext extends object>(options: QueryLimitsOptions = {}): QueryLimits<TContext> {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: options.maxDepth ?? 6 },
    maxAliases: { n: options.maxAliases ?? 15 },
    maxDirectives: { n: options.maxDirectives ?? 50 },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: !(options.fieldSuggestions ?? true) },
  }).protect();
  // graphql-armor is typed against the CommonJS build of @apollo/server and we load the ES
  // module build: the same plugin objects, two declarations TypeScript will not unify.
  return { plugins: plugins as unknown as ApolloServerPlugin<TContext>[], validationRules };
}
