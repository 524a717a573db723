// Bounds on the shape of an operation (graphql-armor), checked before anything runs: every field
// may cost vendor calls.
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  Kind,
  visit,
  type ASTNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

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
 * cost is counted with list sizes (src/plugins/use-cost-limit.ts). Its depth rule is wrapped so
 * that every introspection field is exempt, `__type` as well as `__schema` (see below).
 */
export function useQueryLimits<TContext extends object>(options: QueryLimitsOptions = {}): QueryLimits<TContext> {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { enabled: false },
    maxAliases: { n: options.maxAliases ?? 15 },
    maxDirectives: { n: options.maxDirectives ?? 50 },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: !(options.fieldSuggestions ?? true) },
  }).protect();
  // graphql-armor is typed against the CommonJS build of @apollo/server and we load the ES
  // module build: the same plugin objects, two declarations TypeScript will not unify.
  return {
    plugins: plugins as unknown as ApolloServerPlugin<TContext>[],
    validationRules: [depthBesideIntrospection(options.maxDepth ?? 6), ...validationRules],
  };
}

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/** The node without its introspection fields (`__schema`, `__type`) and what they select. */
function withoutIntrospection<T extends ASTNode>(node: T): T {
  return visit(node, {
    Field: (field) => (INTROSPECTION_ROOTS.has(field.name.value) ? null : undefined),
  });
}

/**
 * graphql-armor's depth limit, with every introspection field exempt. Armor exempts `__schema`
 * only, so a tool that reads one type at a time (`__type(name:)` nesting `ofType` seven deep)
 * was refused in development (issue 23). Introspection is bounded by the schema, not by vendor
 * calls; where it is off (production), Apollo refuses it anyway. Only a document that names
 * `__type` pays for the copy without it.
 */
function depthBesideIntrospection(maxDepth: number): ValidationRule {
  const rule = maxDepthRule({
    n: maxDepth,
    // As armor's Apollo set-up: the refusal is reported as a validation error, not thrown.
    propagateOnRejection: false,
    onReject: [(context, error) => context?.reportError(error)],
  });
  return (context) => {
    if (!context.getDocument().loc?.source.body.includes('__type')) return rule(context);
    const fragments = new Map<string, FragmentDefinitionNode | undefined>();
    const stripped = Object.create(context, {
      getFragment: {
        value: (name: string) => {
          if (!fragments.has(name)) {
            const fragment = context.getFragment(name);
            fragments.set(name, fragment ? withoutIntrospection(fragment) : undefined);
          }
          return fragments.get(name);
        },
      },
    }) as ValidationContext;
    const visitor = rule(stripped);
    const enter = visitor.OperationDefinition['enter'] as (this: unknown, node: OperationDefinitionNode) => void;
    return {
      [Kind.OPERATION_DEFINITION]: (node: OperationDefinitionNode) => enter.call(visitor, withoutIntrospection(node)),
    };
  };
}
