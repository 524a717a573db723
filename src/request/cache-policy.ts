// The cache policy of one operation, from the `@cacheControl` hints of the schema
// (schema/cache-control.graphql), read from the operation's document once, not per resolved field.
// The rules are Apollo Server's cache-control plugin's (its docs, "Caching"): a field returning an
// object type takes that type's hint, then its own; a root field, or an object field without a
// maxAge that does not inherit one, gets maxAge 0; the answer gets the lowest maxAge, and PRIVATE
// if any field is. Apollo's plugin applies them as each field resolves, which costs an object and
// two closures per resolved field (a fifth of the allocation of `_entities` with 100
// representations, issue 26); here each document is read once. Where they differ, this is
// stricter: it counts every field the document selects (under every type a fragment names), also
// those a null parent leaves unresolved. A resolver gives its field a maxAge of its own at run time
// with `setFieldMaxAge` (only for fields without one in the SDL). `_entities` gets, as with
// @apollo/subgraph, the hints of the types its representations name.
// Types are told apart by their tag (see src/resolvers/selection.ts: graphql may be loaded twice).
import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  OperationTypeNode,
  getDirectiveValues,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type FragmentSpreadNode,
  type GraphQLAbstractType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type GraphQLType,
  type InlineFragmentNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Operation } from './operation.js';

export interface CachePolicy {
  maxAge?: number;
  scope?: 'PUBLIC' | 'PRIVATE';
}

/** What the document says; `deferred` fields get their resolver's maxAge, or 0, when answered. */
export interface DocumentCachePolicy {
  policy: CachePolicy;
  /** Coordinates (`Query.distributionTotals`) of fields whose maxAge is known only at run time. */
  deferred: ReadonlySet<string>;
  /** The `_entities` fields: their policy is their representations' types'. */
  entities: readonly FieldNode[];
}

/** A resolver's maxAge for its field in this answer (several aliases: the shortest wins). */
export function setFieldMaxAge(
  operation: Operation,
  info: Pick<GraphQLResolveInfo, 'parentType' | 'fieldName'>,
  maxAge: number,
): void {
  const coordinate = `${info.parentType.name}.${info.fieldName}`;
  const given = operation.fieldMaxAges.get(coordinate);
  if (given === undefined || maxAge < given) operation.fieldMaxAges.set(coordinate, maxAge);
}

/**
 * The policy of the answer: the document's, each deferred field's run-time maxAge (or 0) applied,
 * and each `_entities` field's: the hints of the types its representations name (maxAge 0 without).
 */
export function answerCachePolicy(
  schema: GraphQLSchema,
  document: DocumentCachePolicy,
  operation: Operation,
  variables: Record<string, unknown>,
): CachePolicy {
  const policy = { ...document.policy };
  for (const coordinate of document.deferred) restrict(policy, { maxAge: operation.fieldMaxAges.get(coordinate) ?? 0 });
  for (const node of document.entities) {
    const entities: CachePolicy = {};
    for (const typeName of representedTypes(node, variables)) {
      const type = schema.getType(typeName);
      if (type) restrict(entities, typeHint(type));
    }
    restrict(policy, { ...entities, maxAge: entities.maxAge ?? 0 });
  }
  return policy;
}

/** The `__typename`s of an `_entities` field's representations. */
function representedTypes(node: FieldNode, variables: Record<string, unknown>): Set<string> {
  const argument = node.arguments?.find((a) => a.name.value === 'representations')?.value;
  const value = argument ? valueFromASTUntyped(argument, variables) : undefined;
  const names = new Set<string>();
  for (const representation of Array.isArray(value) ? value : [value]) {
    const typeName = (representation as { __typename?: unknown } | null | undefined)?.__typename;
    if (typeof typeName === 'string') names.add(typeName);
  }
  return names;
}

/** The header Apollo Server's plugin would send for `policy`: cacheable only with a maxAge above 0. */
export function cacheControlHeader(policy: CachePolicy): string {
  if (policy.maxAge === undefined || policy.maxAge === 0) return 'no-store';
  return `max-age=${policy.maxAge}, ${(policy.scope ?? 'PUBLIC').toLowerCase()}`;
}

// Documents come from Apollo's document store: a repeated operation is the same DocumentNode.
const byDocument = new WeakMap<DocumentNode, Map<string, DocumentCachePolicy>>();

/** The policy `operation` of `document` gets from the schema's hints (memoised without @skip/@include). */
export function documentCachePolicy(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): DocumentCachePolicy {
  const key = operation.name?.value ?? '';
  const known = byDocument.get(document)?.get(key);
  if (known) return known;
  const walk = new Walk(schema, document, variables);
  const root = operation.operation === OperationTypeNode.QUERY ? schema.getQueryType() : schema.getMutationType();
  if (root) walk.selections(operation.selectionSet, root, true);
  const result = { policy: walk.policy, deferred: walk.deferred, entities: walk.entities };
  if (!walk.readVariables) {
    const byName = byDocument.get(document) ?? new Map<string, DocumentCachePolicy>();
    byName.set(key, result);
    byDocument.set(document, byName);
  }
  return result;
}

class Walk {
  readonly policy: CachePolicy = {};
  readonly deferred = new Set<string>();
  readonly entities: FieldNode[] = [];
  /** An @skip/@include was read: the result depends on the variables. */
  readVariables = false;
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  /** Selection sets already walked on a type: a fragment spread twice counts once. */
  private readonly walked = new Map<SelectionSetNode, Set<string>>();

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    private readonly variables: Record<string, unknown>,
  ) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
    }
  }

  selections(selectionSet: SelectionSetNode, type: GraphQLObjectType, root: boolean): void {
    const types = this.walked.get(selectionSet) ?? new Set<string>();
    if (types.has(type.name)) return;
    types.add(type.name);
    this.walked.set(selectionSet, types);
    for (const selection of selectionSet.selections) {
      if (!this.included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        this.field(selection, type, root);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (this.applies(selection.typeCondition?.name.value, type))
          this.selections(selection.selectionSet, type, root);
      } else {
        const fragment = this.fragments.get(selection.name.value);
        if (fragment && this.applies(fragment.typeCondition.name.value, type)) {
          this.selections(fragment.selectionSet, type, root);
        }
      }
    }
  }

  private field(node: FieldNode, parent: GraphQLObjectType, root: boolean): void {
    const name = node.name.value;
    // Meta fields (__typename, introspection) carry no hints, as with Apollo's plugin.
    if (name.startsWith('__')) return;
    const field = parent.getFields()[name];
    if (!field) return;
    if (root && name === '_entities') this.entities.push(node);
    const hint = fieldHint(field);
    restrict(this.policy, { ...(hint.scope ? { scope: hint.scope } : {}) });
    if (hint.maxAge !== undefined) restrict(this.policy, { maxAge: hint.maxAge });
    else if (((hint.composite && !hint.inheritsMaxAge) || root) && name !== '_entities') {
      this.deferred.add(`${parent.name}.${name}`);
    }
    if (!node.selectionSet || !hint.composite) return;
    for (const type of this.objectTypesOf(hint.type)) this.selections(node.selectionSet, type, false);
  }

  private objectTypesOf(type: GraphQLNamedType): readonly GraphQLObjectType[] {
    if (isObjectType(type)) return [type];
    return isAbstractType(type) ? this.schema.getPossibleTypes(type) : [];
  }

  private applies(condition: string | undefined, type: GraphQLObjectType): boolean {
    if (condition === undefined || condition === type.name) return true;
    const conditionType = this.schema.getType(condition);
    return isAbstractType(conditionType) && this.schema.isSubType(conditionType, type);
  }

  private included(node: FieldNode | InlineFragmentNode | FragmentSpreadNode): boolean {
    if (!node.directives?.length) return true;
    this.readVariables = true;
    if (getDirectiveValues(GraphQLSkipDirective, node, this.variables)?.['if'] === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, this.variables)?.['if'] !== false;
  }
}

/** The lower maxAge; PRIVATE once any part is. */
function restrict(policy: CachePolicy, hint: CachePolicy): void {
  if (hint.maxAge !== undefined && (policy.maxAge === undefined || hint.maxAge < policy.maxAge)) {
    policy.maxAge = hint.maxAge;
  }
  if (hint.scope !== undefined && policy.scope !== 'PRIVATE') policy.scope = hint.scope;
}

interface FieldHint extends CachePolicy {
  type: GraphQLNamedType;
  composite: boolean;
  inheritsMaxAge: boolean;
}

interface Annotation extends CachePolicy {
  inheritMaxAge?: true;
}

const fieldHints = new WeakMap<GraphQLField<unknown, unknown>, FieldHint>();

/** The field's hint as Apollo's plugin makes it: its type's hint, then its own over it. */
function fieldHint(field: GraphQLField<unknown, unknown>): FieldHint {
  const known = fieldHints.get(field);
  if (known) return known;
  const type = namedType(field.type);
  const composite = isObjectType(type) || isAbstractType(type);
  const hint: FieldHint = { type, composite, inheritsMaxAge: false };
  if (composite) {
    const typeAnnotation = typeHint(type);
    replace(hint, typeAnnotation);
    hint.inheritsMaxAge = typeAnnotation.inheritMaxAge === true;
  }
  const own = annotationOf(field.astNode?.directives);
  if (own?.inheritMaxAge && hint.maxAge === undefined) {
    hint.inheritsMaxAge = true;
    if (own.scope) hint.scope = own.scope;
  } else if (own) {
    replace(hint, own);
  }
  fieldHints.set(field, hint);
  return hint;
}

function typeHint(type: GraphQLNamedType): Annotation {
  const nodes = [type.astNode, ...(type.extensionASTNodes ?? [])];
  for (const node of nodes) {
    const annotation = annotationOf(node && 'directives' in node ? node.directives : undefined);
    if (annotation) return annotation;
  }
  return {};
}

function replace(policy: CachePolicy, hint: CachePolicy): void {
  if (hint.maxAge !== undefined) policy.maxAge = hint.maxAge;
  if (hint.scope !== undefined) policy.scope = hint.scope;
}

/** `@cacheControl(maxAge:, scope:, inheritMaxAge:)` as Apollo's plugin reads it. */
function annotationOf(directives: readonly ConstDirectiveNode[] | undefined): Annotation | undefined {
  const directive = directives?.find((d) => d.name.value === 'cacheControl');
  if (!directive?.arguments) return undefined;
  const argument = (name: string) => directive.arguments?.find((a) => a.name.value === name)?.value;
  const scopeValue = argument('scope');
  const scopeName = scopeValue?.kind === Kind.ENUM ? scopeValue.value : undefined;
  const scope = scopeName === 'PUBLIC' || scopeName === 'PRIVATE' ? scopeName : undefined;
  const inherit = argument('inheritMaxAge');
  if (inherit?.kind === Kind.BOOLEAN && inherit.value) return { inheritMaxAge: true, ...(scope ? { scope } : {}) };
  const maxAge = argument('maxAge');
  return {
    ...(maxAge?.kind === Kind.INT ? { maxAge: parseInt(maxAge.value, 10) } : {}),
    ...(scope ? { scope } : {}),
  };
}

function tag(type: unknown): string {
  return Object.prototype.toString.call(type);
}

function isObjectType(type: unknown): type is GraphQLObjectType {
  return tag(type) === '[object GraphQLObjectType]';
}

function isAbstractType(type: unknown): type is GraphQLAbstractType {
  return tag(type) === '[object GraphQLInterfaceType]' || tag(type) === '[object GraphQLUnionType]';
}

function namedType(type: GraphQLType): GraphQLNamedType {
  let named: GraphQLType = type;
  while ('ofType' in named) named = named.ofType;
  return named;
}
