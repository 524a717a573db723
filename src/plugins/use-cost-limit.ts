// What an operation costs, counted the way a router's demand control counts it from the same
// SDL (@cost, @listSize): an object field costs 1, a scalar 0, `@cost(weight:)` overrides
// either, and a list multiplies its items' cost by its size. Hand-written because the sizes
// come from the parent field (`@listSize(sizedFields:)`: `searchLeads` sizes `leads`,
// `leadsConnection(first:)` sizes `edges`), which graphql-armor's cost rule ignores and
// graphql-query-complexity's estimators cannot see.
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLDirective,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** The size of a list whose SDL says nothing about it. */
export const DEFAULT_LIST_SIZE = 10;
/** A mutation writes to a vendor: it costs this much before its selection. */
export const MUTATION_COST = 10;

interface ListSize {
  assumedSize?: number | null;
  slicingArguments?: string[] | null;
  sizedFields?: string[] | null;
}

/** The size a parent field's `@listSize(sizedFields:)` gives to some of its children. */
interface ChildSizes {
  fields: ReadonlySet<string>;
  size: number;
  /** The same, as a string: a fragment's cost is kept once per sizes it was counted under. */
  key: string;
}

/** An operation's cost, and how many selections counting it visited. */
export interface CostCount {
  cost: number;
  /**
   * Selections the count visited: each fragment's once (per list sizes it is spread under), so
   * at most about the document's own selections, however often its fragments are spread.
   */
  visited: number;
}

export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): number {
  return countOperationCost(schema, document, operation, variables).cost;
}

export function countOperationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): CostCount {
  const costDirective = requiredDirective(schema, 'cost');
  const listSizeDirective = requiredDirective(schema, 'listSize');
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const included = (node: FieldNode | SelectionSetNode['selections'][number]) =>
    getDirectiveValues(GraphQLSkipDirective, node, variables)?.['if'] !== true &&
    getDirectiveValues(GraphQLIncludeDirective, node, variables)?.['if'] !== false;
  // A fragment spread 165 times in a fragment spread 165 times is counted once and multiplied:
  // walking each spread again made a 3 KB document cost half a second of CPU (issue 20).
  const fragmentCosts = new Map<string, number>();
  let visited = 0;

  // Fragments on different types are all counted (an upper bound), as they are all spread.
  const selectionCost = (
    parent: GraphQLCompositeType,
    selectionSet: SelectionSetNode,
    sizes: ChildSizes | undefined,
  ): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      visited += 1;
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(parent, selection, sizes);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (isCompositeType(type)) total += selectionCost(type, selection.selectionSet, sizes);
      } else {
        total += fragmentCost(selection.name.value, sizes);
      }
    }
    return total;
  };

  const fragmentCost = (name: string, sizes: ChildSizes | undefined): number => {
    const key = `${name}\n${sizes?.key ?? ''}`;
    const known = fragmentCosts.get(key);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    const type = fragment && schema.getType(fragment.typeCondition.name.value);
    if (!fragment || !isCompositeType(type)) return 0;
    // A fragment spreading itself is refused by validation; this only keeps the count finite.
    fragmentCosts.set(key, 0);
    const cost = selectionCost(type, fragment.selectionSet, sizes);
    fragmentCosts.set(key, cost);
    return cost;
  };

  const fieldCost = (parent: GraphQLCompositeType, node: FieldNode, sizes: ChildSizes | undefined): number => {
    const name = node.name.value;
    const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
    if (!field) return 0; // __typename, or a field validation has already refused
    const { cost, listSize } = declaredCost(field.astNode ?? undefined, costDirective, listSizeDirective);
    // Arguments count only for a sized list or `_entities`: coercing them for every field is waste.
    const args = listSize || name === '_entities' ? getArgumentValues(field, node, variables) : {};
    const type = getNamedType(field.type);
    const weight = cost?.weight ?? (isCompositeType(type) ? 1 : 0);
    const ownSize = listSize && sizeOf(listSize, args);
    const childSizes = listSize?.sizedFields?.length
      ? childSizesOf(listSize.sizedFields, ownSize ?? DEFAULT_LIST_SIZE)
      : undefined;
    const children =
      isCompositeType(type) && node.selectionSet ? selectionCost(type, node.selectionSet, childSizes) : 0;
    if (!isListType(getNullableType(field.type))) return weight + children;
    const size = sizes?.fields.has(name)
      ? sizes.size
      : name === '_entities' && Array.isArray(args['representations'])
        ? // A router's entity fetch: exactly as many as it sends.
          args['representations'].length
        : !childSizes && ownSize !== undefined
          ? ownSize
          : DEFAULT_LIST_SIZE;
    return size * (weight + children);
  };

  const root = schema.getRootType(operation.operation);
  if (!root) return { cost: 0, visited };
  const base = operation.operation === OperationTypeNode.MUTATION ? MUTATION_COST : 0;
  const cost = base + selectionCost(root, operation.selectionSet, undefined);
  return { cost, visited };
}

function childSizesOf(fields: readonly string[], size: number): ChildSizes {
  return { fields: new Set(fields), size, key: `${fields.join(',')}=${size}` };
}

/** A field's own @cost and @listSize, read from the SDL once per field. */
const declaredCosts = new WeakMap<FieldDefinitionNode, { cost?: { weight: number }; listSize?: ListSize }>();

function declaredCost(
  declared: FieldDefinitionNode | undefined,
  costDirective: GraphQLDirective,
  listSizeDirective: GraphQLDirective,
): { cost?: { weight: number }; listSize?: ListSize } {
  if (!declared) return {};
  let known = declaredCosts.get(declared);
  if (!known) {
    known = {
      cost: getDirectiveValues(costDirective, declared) as { weight: number } | undefined,
      listSize: getDirectiveValues(listSizeDirective, declared) as ListSize | undefined,
    };
    declaredCosts.set(declared, known);
  }
  return known;
}

/** The largest slicing argument given (`first: 50`), else the assumed size. */
function sizeOf(listSize: ListSize, args: Record<string, unknown>): number | undefined {
  const sliced = (listSize.slicingArguments ?? [])
    .map((name) => args[name])
    .filter((value): value is number => typeof value === 'number');
  if (sliced.length > 0) return Math.max(...sliced);
  return listSize.assumedSize ?? undefined;
}

function requiredDirective(schema: GraphQLSchema, name: string): GraphQLDirective {
  const directive = schema.getDirective(name);
  if (!directive) throw new Error(`the schema has no @${name} (import it in the @link of schema/federation.graphql)`);
  return directive;
}

export interface CostLimitOptions {
  /** The most an operation may cost (MAX_QUERY_COST). @default 5000 (graphql-armor's recommended level) */
  maxCost?: number;
}

/**
 * Refuses an operation over `maxCost` once it is known, before any resolver runs
 * (GRAPHQL_VALIDATION_FAILED, HTTP 400, with the cost and the limit).
 */
export function useCostLimit<TContext extends object>(options: CostLimitOptions = {}): ApolloServerPlugin<TContext> {
  const maxCost = options.maxCost ?? 5_000;
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ schema, document, operation, request }) => {
          if (!operation) return Promise.resolve();
          const refusal = costRefusal(schema, document, operation, request.variables ?? {}, maxCost);
          return refusal ? Promise.reject(refusal) : Promise.resolve();
        },
      }),
  };
}

/**
 * The error for an operation that costs more than `maxCost`, else undefined. Also used for
 * subscriptions, which Apollo Server's plugins do not see (src/http/subscriptions.ts).
 */
export function costRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  maxCost: number,
): GraphQLError | undefined {
  let cost: number;
  try {
    cost = operationCost(schema, document, operation, variables);
  } catch (error) {
    // Variables that do not fit their arguments: execution refuses them next, with a 400.
    if (error instanceof GraphQLError) return undefined;
    throw error;
  }
  if (cost <= maxCost) return undefined;
  return new GraphQLError(`Operation cost ${cost} is over the limit of ${maxCost}`, {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', cost, maxCost, http: { status: 400 } },
  });
}
