// Issue 20's edge cases, through HTTP against the simulators: a document whose fragments fan out
// is refused for the price of one validation pass and never reaches a resolver or a vendor, the
// cost check counts each fragment once, and an APQ whose hash is not its query's gets a typed
// code. (JWT lifetimes: test/graph/http/auth.test.ts; /metrics at start: test/graph/process/startup.test.ts.)
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createHash } from 'node:crypto';
import { Kind, parse, visit, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY_LIMITS } from '../../../src/config.js';
import { countOperationCost } from '../../../src/plugins/use-cost-limit.js';
import { loadTypeDefs } from '../../../src/schema.js';
import { useHttpTestGraph } from '../../support/http.js';
import { leanCoreId } from '../../support/lead-ids.js';

const LEAD = leanCoreId('fd3705e1-3149-4c41-bfe7-cf0bee79cfad', '573136434030');
const VICTIM = '{ vendors { vendor } }';
const VICTIM_ANSWER = {
  data: { vendors: [{ vendor: 'LEANCORE' }, { vendor: 'BESCHANNELS' }, { vendor: 'CRMCOM' }, { vendor: 'ZEN' }] },
};

const times = (selection: string, n: number) => Array.from({ length: n }, () => selection).join(' ');
/** `outer` spreads of A, each spreading B `inner` times; B holds `body`. */
const fanOut = (outer: number, inner: number, body: string) =>
  `query { ${times('...A', outer)} } fragment A on Query { ${times('...B', inner)} } fragment B on Query { ${body} }`;
/** The document of issue 20: under 1,000 tokens, 27,225 copies of 320 fields once expanded. */
const ATTACK = fanOut(165, 165, times('__typename', 320));
/** The same with a field that calls LeanCore (30 copies keep it under 1,000 tokens). */
const REAL_FIELDS = fanOut(165, 165, times(`lead(id: "${LEAD}") { id fullName }`, 30));

const schema = buildSubgraphSchema({ typeDefs: loadTypeDefs() });
const operationOf = (document: DocumentNode) =>
  document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
function costOf(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  return countOperationCost(schema, document, operationOf(document), variables);
}
/** Fields, inline fragments and spreads as written, each once. */
function selectionsWritten(query: string): number {
  let count = 0;
  const one = () => void count++;
  visit(parse(query), { Field: one, InlineFragment: one, FragmentSpread: one });
  return count;
}

describe('the cost check counts each fragment once (issue 20, point 3)', () => {
  it('visits the attack document once as written, not its 8.7 million expanded selections', () => {
    expect(selectionsWritten(ATTACK)).toBe(165 + 165 + 320);
    const { cost, visited } = costOf(ATTACK);
    expect(cost).toBe(0); // __typename costs nothing: the selection bound, not the cost, refuses it
    expect(visited).toBeLessThanOrEqual(selectionsWritten(ATTACK));
  });

  it('multiplies a fragment by every spread of it: the real-field variant costs 165 × 165 × 30', () => {
    const { cost, visited } = costOf(REAL_FIELDS);
    expect(cost).toBe(165 * 165 * 30 * 1);
    expect(visited).toBeLessThanOrEqual(selectionsWritten(REAL_FIELDS));
  });

  it('costs the same as the document written out, list sizes included, under different sizes per spread', () => {
    const page = (first: number) => `leadsConnection(vendor: CRMCOM, first: ${first}) { ...E }`;
    const pageWritten = (first: number) => `leadsConnection(vendor: CRMCOM, first: ${first}) { edges { node { id } } }`;
    const search = 'searchLeads(phone: "1") { ...S }';
    const searchWritten = 'searchLeads(phone: "1") { leads { id financialEntity { id } } outcomes { vendor } }';
    const withFragments =
      `query { ${times('...A', 3)} } fragment A on Query { ${times('...B', 4)} ${page(7)} } ` +
      `fragment B on Query { ${search} ${page(50)} } ` +
      'fragment E on LeadConnection { edges { node { id } } } ' +
      'fragment S on LeadSearch { leads { id financialEntity { id } } outcomes { vendor } }';
    const written = `query { ${times(`${times(`${searchWritten} ${pageWritten(50)}`, 4)} ${pageWritten(7)}`, 3)} }`;
    const expected = 3 * (4 * (4 + 20 * 2 + 10 * 1 + (2 + 50 * 2)) + (2 + 7 * 2));
    expect(costOf(written).cost).toBe(expected);
    expect(costOf(withFragments).cost).toBe(expected);
    expect(costOf(withFragments).visited).toBeLessThan(costOf(written).visited);
  });
});

describe('fan-out over HTTP, default limits', () => {
  const { t, http } = useHttpTestGraph();

  it('refuses the attack and its real-field variant in validation: 400, typed code, no vendor call', async () => {
    t.sims.leancore.resetRequests();
    for (const query of [ATTACK, REAL_FIELDS]) {
      const refused = await http.post({ query });
      expect(refused.status).toBe(400);
      expect(refused.json.data).toBeUndefined();
      expect(refused.json.errors).toHaveLength(1);
      expect(refused.json.errors?.[0]).toMatchObject({
        message: 'Anonymous operation recursively requests too many selections.',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', validationErrorCode: 'MAX_RECURSIVE_SELECTIONS_EXCEEDED' },
      });
      // Refused before the cost check (which would have said `cost`) and before any resolver.
      expect(refused.json.errors?.[0]?.extensions).not.toHaveProperty('cost');
    }
    expect(t.sims.leancore.requests).toHaveLength(0);
  });

  it('answers the victim in full while fan-out documents are refused around it', async () => {
    t.sims.leancore.resetRequests();
    const attacks = Array.from({ length: 8 }, (_, i) => http.post({ query: i % 2 ? ATTACK : REAL_FIELDS }));
    const victims = Array.from({ length: 4 }, () => http.post({ query: VICTIM }));
    for (const refused of await Promise.all(attacks)) {
      expect(refused.status).toBe(400);
      expect(refused.json.errors?.[0]?.extensions?.['validationErrorCode']).toBe('MAX_RECURSIVE_SELECTIONS_EXCEEDED');
    }
    for (const answered of await Promise.all(victims)) {
      expect(answered.status).toBe(200);
      expect(answered.json).toEqual(VICTIM_ANSWER);
    }
    expect(t.sims.leancore.requests).toHaveLength(0);
  });

  it('lets ordinary fragment reuse through (a fragment spread a few times)', async () => {
    const query =
      `query { a: lead(id: "${LEAD}") { ...L } b: lead(id: "${LEAD}") { ...L } } ` +
      'fragment L on Lead { id fullName vendor }';
    const answered = await http.post({ query });
    expect(answered.json.errors).toBeUndefined();
    expect(answered.json.data).toEqual({
      a: { id: LEAD, fullName: 'Valentina Ríos Gómez', vendor: 'LEANCORE' },
      b: { id: LEAD, fullName: 'Valentina Ríos Gómez', vendor: 'LEANCORE' },
    });
  });
});

describe('fan-out over HTTP with the selection bound lifted (the cost check alone)', () => {
  const { t, http } = useHttpTestGraph({
    configure: (config) => ({
      ...config,
      queryLimits: { ...DEFAULT_QUERY_LIMITS, maxSelections: 100_000_000 },
    }),
  });

  it('refuses the real-field variant by its multiplied cost before any vendor call', async () => {
    t.sims.leancore.resetRequests();
    const refused = await http.post({ query: REAL_FIELDS });
    expect(refused.status).toBe(400);
    expect(refused.json.errors?.[0]).toMatchObject({
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', cost: 165 * 165 * 30, maxCost: DEFAULT_QUERY_LIMITS.maxCost },
    });
    expect(t.sims.leancore.requests).toHaveLength(0);
  });

  it('answers the __typename attack (it costs nothing, and execution runs each fragment once)', async () => {
    const answered = await http.post({ query: ATTACK });
    expect(answered.json).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('automatic persisted queries (issue 20, point 8)', () => {
  const { t, http } = useHttpTestGraph();
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  const apq = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });
  const query = `{ lead(id: "${LEAD}") { fullName } }`;

  it('answers a hash that is not the query’s with 400 PERSISTED_QUERY_HASH_MISMATCH, no vendor call', async () => {
    t.sims.leancore.resetRequests();
    const refused = await http.post({ query, extensions: apq(sha256(`${query} `)) });
    expect(refused.status).toBe(400);
    expect(refused.json).toEqual({
      errors: [{ message: 'provided sha does not match query', extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH' } }],
    });
    expect(t.sims.leancore.requests).toHaveLength(0);
  });

  it('registers a query under its true hash, then runs it by the hash alone', async () => {
    const registered = await http.post({ query, extensions: apq(sha256(query)) });
    expect(registered.json).toEqual({ data: { lead: { fullName: 'Valentina Ríos Gómez' } } });
    const byHash = await http.post({ extensions: apq(sha256(query)) });
    expect(byHash.json).toEqual(registered.json);
    const unknown = await http.post({ extensions: apq(sha256('{ vendors { vendor } }')) });
    expect(unknown.json.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});
