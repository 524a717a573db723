import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  Kind,
  parse,
  type FieldNode,
  type GraphQLObjectType,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  CRMCOM_FIELD_SOURCES,
  coversFieldsSet,
  crmComFieldsFor,
  fieldsSetParam,
  mergeFieldsSets,
} from '../../../../src/datasources/crmcom/fields-set.js';
import { loadTypeDefs } from '../../../../src/schema.js';
import { selectedFieldPaths } from '../../../../src/resolvers/selection.js';

const schema = buildSubgraphSchema({ typeDefs: loadTypeDefs() });

/** The Lead field paths the first root field of `query` selects, as its resolver would see them. */
function paths(query: string, variableValues: Record<string, unknown> = {}): ReadonlySet<string> {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  const root = operation?.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD);
  if (!root) throw new Error('no root field');
  return selectedFieldPaths({ schema, fieldNodes: [root], fragments, variableValues }, 'Lead');
}

/** The `fields_set` CRM.COM would be sent for `query` (undefined: all fields). */
function fieldsSet(query: string, variables?: Record<string, unknown>): string | undefined {
  return fieldsSetParam(crmComFieldsFor(paths(query, variables)));
}

describe('selected Lead field paths', () => {
  it('reads plain and nested selections, aliases as their field, without __typename', () => {
    expect([
      ...paths(`{ lead(id: "x") { __typename id who: fullName owner { name } crmcom { category { code } } } }`),
    ]).toEqual(['id', 'fullName', 'owner', 'owner.name', 'crmcom', 'crmcom.category', 'crmcom.category.code']);
  });

  it('follows named and inline fragments, nested ones too', () => {
    const query = `
      query { lead(id: "x") { ...A ... on Lead { phone } } }
      fragment A on Lead { email crmcom { ...D } }
      fragment D on CrmComLeadDetails { number }`;
    expect([...paths(query)].sort()).toEqual(['crmcom', 'crmcom.number', 'email', 'phone']);
  });

  it('counts only the `... on Lead` parts of an _entities selection', () => {
    const query = `query { _entities(representations: []) { ... on Lead { status } ... on FinancialEntity { ecosystem } } }`;
    expect([...paths(query)]).toEqual(['status']);
  });

  it('honours @skip and @include', () => {
    const query = `query ($no: Boolean!) { lead(id: "x") { email phone @skip(if: true) status @include(if: $no) } }`;
    expect([...paths(query, { no: false })]).toEqual(['email']);
  });
});

describe('fields_set for a selection', () => {
  it('asks for the CRM.COM fields of plain selections, always with id', () => {
    expect(fieldsSet(`{ lead(id: "x") { firstName lastName email } }`)).toBe('contact_email,contact_information,id');
    expect(fieldsSet(`{ lead(id: "x") { id vendor remoteId } }`)).toBe('id');
  });

  it('asks for a nested object by its top field, and for each crmcom field by its own', () => {
    expect(fieldsSet(`{ lead(id: "x") { owner { email } crmcom { category { name } competitors { name } } } }`)).toBe(
      'assigned_to,category,competitors_set,id',
    );
    expect(fieldsSet(`{ lead(id: "x") { crmcom { __typename } } }`)).toBe('id');
  });

  it('follows fragments and aliases', () => {
    const query = `
      { lead(id: "x") { a: phone b: phone ...F } }
      fragment F on Lead { s: status crmcom { when: expectedCompletionDate } }`;
    expect(fieldsSet(query)).toBe('contact_phone,expected_completion_date,id,status');
  });

  it('asks for every udf_* field when customFields is selected', () => {
    const set = fieldsSet(`{ lead(id: "x") { customFields { name value } } }`);
    expect(set?.split(',')).toEqual(expect.arrayContaining(['udf_string_1', 'udf_float_4', 'udf_date_4', 'id']));
    expect(set?.split(',')).toHaveLength(17);
  });

  it('asks for everything (no fields_set) when remoteData is selected', () => {
    expect(fieldsSet(`{ lead(id: "x") { email remoteData } }`)).toBeUndefined();
    expect(fieldsSet(`{ lead(id: "x") { ... on Lead { r: remoteData } } }`)).toBeUndefined();
  });

  it('asks for everything when it cannot tell what is needed', () => {
    expect(crmComFieldsFor(undefined)).toBe('ALL');
    expect(crmComFieldsFor(new Set(['aFieldAddedLater']))).toBe('ALL');
    expect(crmComFieldsFor(new Set(['crmcom.aFieldAddedLater']))).toBe('ALL');
  });

  it('has a source for every field of Lead and of CrmComLeadDetails in the schema', () => {
    // Read through the SDL AST: the schema may come from another copy of graphql than this file's.
    const lead = schema.getType('Lead') as GraphQLObjectType;
    const details = schema.getType('CrmComLeadDetails') as GraphQLObjectType;
    const fields = [
      ...Object.keys(lead.getFields()),
      ...Object.keys(details.getFields()).map((name) => `crmcom.${name}`),
    ];
    expect(fields.filter((f) => !(f in CRMCOM_FIELD_SOURCES))).toEqual([]);
    expect(String(lead.getFields()['crmcom']?.type)).toBe('CrmComLeadDetails');
  });
});

describe('merging field sets', () => {
  it('unites sets, and ALL wins', () => {
    expect(fieldsSetParam(mergeFieldsSets([new Set(['id', 'status']), new Set(['id', 'contact_email'])]))).toBe(
      'contact_email,id,status',
    );
    expect(mergeFieldsSets([new Set(['id']), 'ALL'])).toBe('ALL');
  });

  it('knows when a fetch covers a later wish', () => {
    expect(coversFieldsSet(new Set(['id', 'status']), new Set(['status']))).toBe(true);
    expect(coversFieldsSet(new Set(['id']), new Set(['status']))).toBe(false);
    expect(coversFieldsSet('ALL', new Set(['status']))).toBe(true);
    expect(coversFieldsSet(new Set(['id']), 'ALL')).toBe(false);
  });
});
