// Which fields of a type a GraphQL selection asks for, so a datasource can ask its vendor for no
// more than that. Follows named and inline fragments (by type condition), reads aliases as the
// field they name, honours @skip/@include, and descends into object-typed fields.
// Schema types are told apart by their tag, not with graphql's `isObjectType` & co: the schema
// comes from @apollo/subgraph, which may load another copy (CJS) of graphql than this module.
// A walk of its own rather than the cost limit's (src/plugins/use-cost-limit.ts): that one prices
// the whole document before execution, this one reads one field's selection as it resolves.
import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getDirectiveValues,
  type FieldNode,
  type FragmentSpreadNode,
  type GraphQLAbstractType,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLType,
  type InlineFragmentNode,
  type SelectionSetNode,
} from 'graphql';

/** The parts of a resolver's `info` the selection is read from. */
export type SelectionInfo = Pick<GraphQLResolveInfo, 'schema' | 'fieldNodes' | 'fragments' | 'variableValues'>;

/**
 * Dotted paths of the fields selected on `typeName` below the resolver's field:
 * `firstName`, `owner`, `owner.name`, `crmcom`, `crmcom.category`, `crmcom.category.code`…
 * (`__typename` is left out). Works for a field returning the type itself, a list of it, or an
 * abstract type it belongs to (`_entities`: only `... on Lead` parts count).
 */
export function selectedFieldPaths(info: SelectionInfo, typeName: string): ReadonlySet<string> {
  const cached = memo.get(info.fieldNodes)?.get(typeName);
  if (cached) return cached;
  const type = info.schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type of this schema`);
  const paths = new Set<string>();
  for (const node of info.fieldNodes) {
    if (node.selectionSet) collect(info, node.selectionSet, type, '', paths);
  }
  const byType = memo.get(info.fieldNodes) ?? new Map<string, ReadonlySet<string>>();
  byType.set(typeName, paths);
  memo.set(info.fieldNodes, byType);
  return paths;
}

// `_entities` resolves every representation with the same info: read its selection once.
const memo = new WeakMap<readonly FieldNode[], Map<string, ReadonlySet<string>>>();

function collect(
  info: SelectionInfo,
  selectionSet: SelectionSetNode,
  type: GraphQLObjectType,
  prefix: string,
  paths: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (!included(info, selection)) continue;
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      if (name.startsWith('__')) continue;
      const path = prefix + name;
      paths.add(path);
      const named = namedType(type.getFields()[name]?.type);
      if (selection.selectionSet && isObjectType(named))
        collect(info, selection.selectionSet, named, `${path}.`, paths);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (applies(info, selection.typeCondition?.name.value, type)) {
        collect(info, selection.selectionSet, type, prefix, paths);
      }
    } else {
      const fragment = info.fragments[selection.name.value];
      if (fragment && applies(info, fragment.typeCondition.name.value, type)) {
        collect(info, fragment.selectionSet, type, prefix, paths);
      }
    }
  }
}

function applies(info: SelectionInfo, condition: string | undefined, type: GraphQLObjectType): boolean {
  if (condition === undefined || condition === type.name) return true;
  const conditionType = info.schema.getType(condition);
  return isAbstractType(conditionType) && info.schema.isSubType(conditionType, type);
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

function namedType(type: GraphQLType | undefined): GraphQLType | undefined {
  let named = type;
  while (named && 'ofType' in named) named = named.ofType;
  return named;
}

function included(info: SelectionInfo, node: FieldNode | InlineFragmentNode | FragmentSpreadNode): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.['if'] === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.['if'] !== false;
}
