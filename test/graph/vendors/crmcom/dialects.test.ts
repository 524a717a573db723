// CRM.COM answers the documents don't show whole (issue 10): an error status with `data: null`,
// without `data`, or with `data: {}`; an empty search as `data: []` or as a NOT_FOUND status.
// Each path runs in every dialect of the simulator.
import { afterEach, describe, expect, it } from 'vitest';
import {
  CRMCOM_DEFAULT_DIALECT,
  CRMCOM_ERROR_DATA_DIALECTS,
  type CrmComEmptySearch,
} from '../../../../src/simulators/crmcom.js';
import { errorCodes, useTestGraph } from '../../../support/graph.js';
import { SEARCH, type SearchData } from '../../../support/search.js';
import { leanCoreId } from '../../../support/lead-ids.js';

const VALENTINA = 'crmcom:4C1B2A9E8F7D4E6A9B0C1D2E3F405162';
const LEAD_QUERY = `query ($id: ID!) { lead(id: $id) { id email } }`;
/** Andrés Torres: a lead at LeanCore, not at CRM.COM (CRM.COM's Torres lead has another phone). */
const ANDRES_PHONE = '+573001234567';
const ANDRES_LEANCORE = leanCoreId('2b7c9e41-0d3a-4f65-8c21-9e7d5a3b1c40', '573001234567');
const PEOPLE = `query ($phone: String) { people(phone: $phone) {
  leads { id } vendors missingVendors { vendor status code } } }`;

const EMPTY_SEARCH_DIALECTS: readonly CrmComEmptySearch[] = ['empty-list', 'not-found'];
const ALL_DIALECTS = CRMCOM_ERROR_DATA_DIALECTS.flatMap((errorData) =>
  EMPTY_SEARCH_DIALECTS.map((emptySearch) => ({ errorData, emptySearch })),
);

const t = useTestGraph({ crmcomContactSearch: true });
afterEach(() => {
  t.sims.crmcom.dialect = { ...CRMCOM_DEFAULT_DIALECT };
  t.sims.crmcom.acceptTokens = true;
});

const logins = () => t.sims.crmcom.requestsTo('/authentication/token');

describe.each(CRMCOM_ERROR_DATA_DIALECTS)('CRM.COM errors with data %s', (errorData) => {
  it('a revoked token under 30 concurrent reads: exactly one re-login, every read succeeds', async () => {
    t.sims.crmcom.dialect = { ...CRMCOM_DEFAULT_DIALECT, errorData };
    expect(errorCodes(await t.execute(LEAD_QUERY, { id: VALENTINA }))).toEqual([]);
    t.sims.crmcom.expireTokens();
    t.sims.crmcom.resetRequests();

    const results = await Promise.all(
      Array.from({ length: 30 }, () => t.execute<{ lead: { email: string } }>(LEAD_QUERY, { id: VALENTINA })),
    );
    expect(results.flatMap(errorCodes)).toEqual([]);
    expect(results.map((r) => r.data?.lead.email)).toEqual(Array(30).fill('valentina.rios@example.co'));
    expect(logins()).toHaveLength(1);
    // Every refused read was repeated once with the new token; none was answered twice with the old.
    const shows = t.sims.crmcom.requestsTo('/leads/show');
    const newToken = shows.at(-1)?.query['token'];
    expect(shows.filter((s) => s.query['token'] === newToken)).toHaveLength(30);
    expect(shows).toHaveLength(60);
  });

  it('a token refused again after the re-login is UPSTREAM_UNAUTHORIZED after one re-login, not "cannot read"', async () => {
    t.sims.crmcom.dialect = { ...CRMCOM_DEFAULT_DIALECT, errorData };
    expect(errorCodes(await t.execute(LEAD_QUERY, { id: VALENTINA }))).toEqual([]);
    t.sims.crmcom.resetRequests();
    t.sims.crmcom.acceptTokens = false;
    const result = await t.execute(LEAD_QUERY, { id: VALENTINA });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAUTHORIZED', vendor: 'CRMCOM' });
    expect(result.errors?.[0]?.message).not.toMatch(/cannot read/);
    expect(logins()).toHaveLength(1);
    expect(t.sims.crmcom.requestsTo('/leads/show')).toHaveLength(2);
  });

  it('an unknown lead is NOT_FOUND, by id and by number', async () => {
    t.sims.crmcom.dialect = { ...CRMCOM_DEFAULT_DIALECT, errorData };
    for (const id of ['crmcom:FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF', 'crmcom:number=999999']) {
      const result = await t.execute(LEAD_QUERY, { id });
      expect(result.data?.['lead'] ?? null).toBeNull();
      expect(result.errors?.map((e) => e.extensions)).toEqual([
        expect.objectContaining({ code: 'NOT_FOUND', vendor: 'CRMCOM', vendorCode: 'NOT_FOUND' }),
      ]);
    }
  });
});

describe.each(ALL_DIALECTS)(
  'CRM.COM searches with no match (errors with data $errorData, empty search as $emptySearch)',
  (dialect) => {
    it('phone and email searches are a NOT_FOUND outcome', async () => {
      t.sims.crmcom.dialect = dialect;
      for (const variables of [{ phone: ANDRES_PHONE }, { email: 'nobody@nowhere.example' }]) {
        const result = await t.execute<SearchData>(SEARCH, { ...variables, vendors: ['CRMCOM'] });
        expect(errorCodes(result)).toEqual([]);
        expect(result.data?.searchLeads).toEqual({
          leads: [],
          outcomes: [{ vendor: 'CRMCOM', status: 'NOT_FOUND', leadCount: 0, code: null, message: null }],
        });
      }
      // The simulator really answered in the dialect asked for.
      const lists = t.sims.crmcom.requestsTo('/leads/list');
      expect(lists).toHaveLength(2);
    });

    it('people(phone:) still answers with the vendors that have the person', async () => {
      t.sims.crmcom.dialect = dialect;
      const result = await t.execute<{
        people: { leads: { id: string }[]; vendors: string[]; missingVendors: unknown[] }[];
      }>(PEOPLE, { phone: ANDRES_PHONE });
      expect(errorCodes(result)).toEqual([]);
      const [person, ...others] = result.data?.people ?? [];
      expect(others).toEqual([]);
      expect(person?.leads.map((l) => l.id)).toContain(ANDRES_LEANCORE);
      expect(person?.vendors).not.toContain('CRMCOM');
      expect(person?.missingVendors).toEqual([]);
    });
  },
);

describe('CRM.COM simulator dialects', () => {
  it('answers an error with data null, without data, or with data {}, and an empty search as asked', async () => {
    const body = async () => {
      const response = await fetch(`${t.sims.crmcom.apiUrl}/leads/show?token=nope&lead_identifier=id=1`);
      return (await response.json()) as Record<string, unknown>;
    };
    t.sims.crmcom.dialect = { ...CRMCOM_DEFAULT_DIALECT, errorData: 'null' };
    expect(await body()).toMatchObject({ data: null, status: { code: 'INVALID_TOKEN' } });
    t.sims.crmcom.dialect = { ...CRMCOM_DEFAULT_DIALECT, errorData: 'absent' };
    const absent = await body();
    expect(absent).toMatchObject({ status: { code: 'INVALID_TOKEN' } });
    expect('data' in absent).toBe(false);
    t.sims.crmcom.dialect = { ...CRMCOM_DEFAULT_DIALECT, errorData: 'empty-object' };
    expect(await body()).toMatchObject({ data: {}, status: { code: 'INVALID_TOKEN' } });
  });
});
