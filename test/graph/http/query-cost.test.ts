// Operation cost with list sizes (src/http/query-cost.ts), on the real schema, and the limits
// (armor's recommended defaults, configurable) through real HTTP.
import { buildSubgraphSchema } from '@apollo/subgraph';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { operationCost } from '../../../src/plugins/use-cost-limit.js';
import { loadTypeDefs, printSubgraphSdl } from '../../../src/schema.js';
import { useHttpTestGraph } from '../../support/http.js';
import { compose } from '../../support/supergraph.js';

const schema = buildSubgraphSchema({ typeDefs: loadTypeDefs() });
function costOf(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return operationCost(schema, document, operation!, variables);
}

describe('operation cost', () => {
  it('prices leads(ids:) at its @listSize (100) times each lead', () => {
    expect(costOf('{ leads(ids: ["leancore:x"]) { id fullName } }')).toBe(100 * 2);
    expect(costOf('{ leads(ids: ["leancore:x"]) { id financialEntity { id } } }')).toBe(100 * (2 + 1));
  });

  it('sizes searchLeads.leads from searchLeads (@listSize sizedFields), plus its weight', () => {
    expect(costOf('{ searchLeads(phone: "1") { leads { id } } }')).toBe(4 + 20 * 1);
    // outcomes carry no @listSize: the default size, 10.
    expect(costOf('{ searchLeads(phone: "1") { outcomes { vendor } } }')).toBe(4 + 10 * 1);
  });

  it('sizes leadsConnection.edges by `first`, given literally, as a variable or by default', () => {
    const edges = 'edges { node { id } }';
    expect(costOf(`{ leadsConnection(vendor: CRMCOM, first: 50) { ${edges} } }`)).toBe(2 + 50 * 2);
    expect(costOf(`query($n: Int) { leadsConnection(vendor: CRMCOM, first: $n) { ${edges} } }`, { n: 5 })).toBe(
      2 + 5 * 2,
    );
    expect(costOf(`{ leadsConnection(vendor: CRMCOM) { ${edges} } }`)).toBe(2 + 20 * 2);
  });

  it('multiplies nested lists: people, each with its leads, each with its person', () => {
    expect(costOf('{ people(phone: "1") { leads { id } } }')).toBe(5 * (8 + 10 * 1));
    expect(costOf('{ people(phone: "1") { leads { person { vendors } } } }')).toBe(5 * (8 + 10 * (1 + 4)));
  });

  it('counts fragments, leaves out skipped fields, and charges mutations their write', () => {
    expect(
      costOf('query { searchLeads(phone: "1") { leads { ...L } } } fragment L on Lead { financialEntity { id } }'),
    ).toBe(4 + 20 * (1 + 1));
    expect(
      costOf('query($s: Boolean!) { searchLeads(phone: "1") { leads { id financialEntity @skip(if: $s) { id } } } }', {
        s: true,
      }),
    ).toBe(4 + 20 * 1);
    expect(costOf('mutation { deleteLead(id: "beschannels:1") }')).toBe(10);
  });

  it('prices a router entity fetch by the representations it sends', () => {
    const fetch = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Lead { id } } }';
    expect(
      costOf(fetch, {
        r: [
          { __typename: 'Lead', id: 'a' },
          { __typename: 'Lead', id: 'b' },
        ],
      }),
    ).toBe(2 * 1);
  });
});

describe('the SDL declares the same rules for routers', () => {
  const sdl = printSubgraphSdl();

  it('imports the directives and puts them on the fan-out fields, mutations and personal fields', () => {
    expect(sdl).toMatch(/import: \[.*"@authenticated".*"@requiresScopes".*"@cost".*"@listSize".*\]/);
    expect(sdl).toContain('leads(ids: [ID!]!): [Lead]! @authenticated @listSize(assumedSize: 100) @cost(weight: 2)');
    expect(sdl).toMatch(
      /searchLeads\([^)]*\): LeadSearch! @authenticated @listSize\(assumedSize: 20, sizedFields: \["leads"\]\)/,
    );
    expect(sdl).toMatch(/people\([^)]*\): \[Person!\] @authenticated @listSize\(assumedSize: 5\) @cost\(weight: 8\)/);
    expect(sdl).toMatch(
      /leadsConnection\([^)]*\): LeadConnection @authenticated @listSize\(slicingArguments: \["first"\]/,
    );
    expect(sdl).toContain(
      'deleteLead(id: ID!, idempotencyKey: String): ID! @requiresScopes(scopes: [["leads:write"]])',
    );
    expect(sdl).toContain('phone: String @requiresScopes(scopes: [["leads:read"]])');
  });

  it('composes, and the supergraph carries them', () => {
    const supergraph = compose([{ name: 'leads', typeDefs: loadTypeDefs() }]);
    expect(supergraph).toContain('https://specs.apollo.dev/requiresScopes/v0.1');
    expect(supergraph).toMatch(
      /deleteLead\(id: ID!, idempotencyKey: String\): ID! @requiresScopes\(scopes: \[\["leads:write"\]\]\)/,
    );
    expect(supergraph).toMatch(/people\([^)]*\): \[Person!\][^\n]*@listSize\(assumedSize: 5/);
  });
});

describe('limits through HTTP', () => {
  const { queryLimits } = loadConfig({ MAX_QUERY_COST: '60', MAX_QUERY_DEPTH: '4', MAX_QUERY_ALIASES: '2' });
  const { t, http } = useHttpTestGraph({ configure: (config) => ({ ...config, queryLimits }) });

  it('refuses an operation over MAX_QUERY_COST with 400 before any vendor call, counting list sizes', async () => {
    t.sims.crmcom.resetRequests();
    const page = (first: number) => `{ leadsConnection(vendor: CRMCOM, first: ${first}) { edges { node { id } } } }`;
    const refused = await http.post({ query: page(30) }); // 2 + 30 × 2 = 62
    expect(refused.status).toBe(400);
    expect(refused.json.errors?.[0]).toMatchObject({
      message: 'Operation cost 62 is over the limit of 60',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', cost: 62, maxCost: 60 },
    });
    expect(t.sims.crmcom.requests).toHaveLength(0);
    const allowed = await http.post({ query: page(29) }); // 60
    expect(allowed.status).toBe(200);
    expect(allowed.json.errors).toBeUndefined();
  });

  it('applies MAX_QUERY_DEPTH and MAX_QUERY_ALIASES with a 400', async () => {
    const deep = await http.post({
      query: '{ searchLeads(phone: "3136434030") { leads { financialEntity { assignedLeads { id } } } } }',
    });
    expect(deep.status).toBe(400);
    expect(deep.json.errors?.[0]?.message).toMatch(/depth/i);
    const aliased = await http.post({ query: '{ a: vendors { vendor } b: vendors { vendor } c: vendors { vendor } }' });
    expect(aliased.status).toBe(400);
    expect(aliased.json.errors?.[0]?.message).toMatch(/aliases/i);
  });
});
