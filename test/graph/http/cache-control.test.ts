// Cache hints (schema/cache-control.graphql) as a router or CDN sees them: the `Cache-Control`
// header of real HTTP answers. Zen's totals may be kept until their `nextRefreshAt` (one clock
// for the server and the simulator); lead reads 15 s, privately; vendor status, errors and
// mutations never.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGraph, type TestGraph } from '../../support/graph.js';
import { serveHttp, type HttpTestServer } from '../../support/http.js';
import { leanCoreId } from '../../support/lead-ids.js';

const NOON_SAO_PAULO = Date.parse('2026-11-23T15:00:00Z');
const TODAY = '2026-11-23';
const YESTERDAY = '2026-11-22';
const MINUTE = 60_000;
const LEAD = leanCoreId('fd3705e1-3149-4c41-bfe7-cf0bee79cfad', '573136434030');
const TOTALS = `query ($date: Date!) { distributionTotals(date: $date) { date stale nextRefreshAt users { name } } }`;

let clock = NOON_SAO_PAULO - 10 * MINUTE;
let t: TestGraph;
let http: HttpTestServer;

beforeAll(async () => {
  t = await startTestGraph({ now: () => clock });
  t.sims.zen.now = () => clock;
  http = await serveHttp(t);
});
afterAll(async () => {
  await http.close();
  await t.stop();
});
// Each Zen test starts after the window of the one before: Zen, and this graph, allow a call.
beforeEach(() => {
  clock += 10 * MINUTE;
});

async function cacheControl(query: string, variables?: Record<string, unknown>) {
  const response = await http.post({ query, variables });
  return { header: response.headers.get('cache-control'), errors: response.json.errors ?? [] };
}

describe('DistributionTotals', () => {
  it("may be kept until its nextRefreshAt: today's answer for the rest of Zen's 5-minute window", async () => {
    const first = await http.post({ query: TOTALS, variables: { date: TODAY } });
    expect(first.json.errors).toBeUndefined();
    expect(first.json.data?.['distributionTotals']).toMatchObject({
      stale: false,
      nextRefreshAt: new Date(clock + 5 * MINUTE).toISOString(),
    });
    expect(first.headers.get('cache-control')).toBe('max-age=300, private');

    clock += 2 * MINUTE + 500; // the cached answer again, stale, with 2 min 59.5 s to go
    expect(await cacheControl(TOTALS, { date: TODAY })).toEqual({ header: 'max-age=179, private', errors: [] });
  });

  it("a past day's answer for the day it stays fresh", async () => {
    expect(await cacheControl(TOTALS, { date: YESTERDAY })).toEqual({ header: 'max-age=86400, private', errors: [] });
  });

  it('two days under two aliases: the shorter of their times', async () => {
    const both = `query ($a: Date!, $b: Date!) { a: distributionTotals(date: $a) { date } b: distributionTotals(date: $b) { date } }`;
    expect(await cacheControl(both, { a: YESTERDAY, b: TODAY })).toEqual({
      header: 'max-age=300, private',
      errors: [],
    });
  });
});

describe('lead reads', () => {
  it.each([
    ['lead', `query ($id: ID!) { lead(id: $id) { id fullName owner { name } customFields { name } } }`],
    ['leads', `query ($id: ID!) { leads(ids: [$id, "beschannels:5880"]) { id financialEntity { id ecosystem } } }`],
    [
      '_entities',
      `query ($id: _Any!) { _entities(representations: [$id]) { ... on Lead { id address { formatted } person { phones } } } }`,
    ],
  ])('%s: 15 s, private', async (_, query) => {
    const id = query.includes('_Any') ? { __typename: 'Lead', id: LEAD } : LEAD;
    expect(await cacheControl(query, { id })).toEqual({ header: 'max-age=15, private', errors: [] });
  });

  it('the same document with and without an @include of vendor status: cacheable only without it', async () => {
    const query = `query ($id: ID!, $status: Boolean!) { lead(id: $id) { id } vendors @include(if: $status) { vendor } }`;
    expect((await cacheControl(query, { id: LEAD, status: true })).header).toBe('no-store');
    expect((await cacheControl(query, { id: LEAD, status: false })).header).toBe('max-age=15, private');
    expect((await cacheControl(query, { id: LEAD, status: true })).header).toBe('no-store');
  });

  it('a named fragment, and a financial entity beside a lead in _entities', async () => {
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ...L ... on FinancialEntity { id } } }
      fragment L on Lead { id owner { name } }`;
    const r = [
      { __typename: 'Lead', id: LEAD },
      { __typename: 'FinancialEntity', id: 'fe-1' },
    ];
    expect(await cacheControl(query, { r })).toEqual({ header: 'max-age=15, private', errors: [] });
  });

  it('_entities without representations: nothing to keep', async () => {
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Lead { id } } }`;
    expect(await cacheControl(query, { r: [] })).toEqual({ header: 'no-store', errors: [] });
  });

  it('searchLeads, people and leadsConnection: 15 s, private', async () => {
    const search = `{ searchLeads(phone: "313 643 4030") { leads { id } outcomes { vendor status } } }`;
    expect(await cacheControl(search)).toEqual({ header: 'max-age=15, private', errors: [] });
    const people = `{ people(phone: "313 643 4030") { fullName { value } leads { id } missingVendors { vendor } } }`;
    expect(await cacheControl(people)).toEqual({ header: 'max-age=15, private', errors: [] });
    const page = `{ leadsConnection(vendor: BESCHANNELS, first: 2) { edges { cursor node { id } } pageInfo { hasNextPage } } }`;
    expect(await cacheControl(page)).toEqual({ header: 'max-age=15, private', errors: [] });
  });
});

describe('never cacheable', () => {
  it('vendor status, alone or beside leads', async () => {
    expect((await cacheControl(`{ vendors { vendor lastError { code } } }`)).header).toBe('no-store');
    const mixed = `query ($id: ID!) { lead(id: $id) { id } vendors { vendor } }`;
    expect((await cacheControl(mixed, { id: LEAD })).header).toBe('no-store');
  });

  it('an answer with an error', async () => {
    const { header, errors } = await cacheControl(`{ lead(id: "beschannels:999999") { id } }`);
    expect(errors.map((e) => e.extensions?.['code'])).toEqual(['NOT_FOUND']);
    expect(header).toBe('no-store');
  });

  it('a mutation, though it returns a Lead', async () => {
    const create = `mutation { createLead(input: { fullName: "Ana Pérez", phone: "3209998877" }) { id fullName } }`;
    expect(await cacheControl(create)).toEqual({ header: 'no-store', errors: [] });
  });
});
