// One operation, every lead vendor at once: leads(ids:) and `_entities` mixing LeanCore,
// BesChannels and CRM.COM (one batched, de-duplicated round per vendor, counted at each
// simulator), and searchLeads with a different outcome per vendor in the same answer.
import { afterEach, describe, expect, it } from 'vitest';
import { errorCodes, useTestGraph } from '../../support/graph.js';
import { SEARCH, type SearchData } from '../../support/search.js';
import { leanCoreId } from '../../support/lead-ids.js';

const LEANCORE_VALENTINA = leanCoreId('fd3705e1-3149-4c41-bfe7-cf0bee79cfad', '573136434030');
const LEANCORE_ANDRES = leanCoreId('2b7c9e41-0d3a-4f65-8c21-9e7d5a3b1c40', '573001234567');
const BES_VALENTINA = 'beschannels:5880';
const BES_ZHANG = 'beschannels:5883';
const CRMCOM_VALENTINA = 'crmcom:4C1B2A9E8F7D4E6A9B0C1D2E3F405162';
const CRMCOM_ELENI = 'crmcom:68B216C3A0E14173B48ED3FF4EB11182';
const FINANZAS_RAPIDAS = 'b61e0f7a-3c2d-4e8b-8f1a-6d5c4b3a2918';

const BES_DETAILS = '/leads/open-api/leads-details';
const BES_TOKEN = '/api/get-access-token';
const CRMCOM_SHOW = '/leads/show';
const CRMCOM_LOGIN = '/authentication/token';

const t = useTestGraph({ crmcomContactSearch: true });

/** Every vendor answer a little late, so calls made in one round overlap at the simulators. */
function slowDown(ms: number): void {
  t.sims.leancore.inject({ path: '/lead', delayMs: ms });
  t.sims.beschannels.inject({ path: BES_DETAILS, delayMs: ms });
  t.sims.crmcom.inject({ path: CRMCOM_SHOW, delayMs: ms });
}

const leancorePhones = () => t.sims.leancore.requestsTo('/lead').map((r) => r.query['phone']);
const besLeadIds = () =>
  t.sims.beschannels.requestsTo(BES_DETAILS).map((r) => (r.body as { leads_id: number }).leads_id);
const crmcomIdentifiers = () => t.sims.crmcom.requestsTo(CRMCOM_SHOW).map((r) => r.query['lead_identifier']);
const distinct = (values: unknown[]) => new Set(values).size;

describe('leads(ids:) mixing LeanCore, BesChannels and CRM.COM', () => {
  it('answers in order, with one de-duplicated round per vendor', async () => {
    slowDown(100);
    const ids = [
      LEANCORE_VALENTINA,
      BES_VALENTINA,
      CRMCOM_VALENTINA,
      LEANCORE_ANDRES,
      BES_ZHANG,
      'crmcom:number=116',
      LEANCORE_VALENTINA,
      BES_VALENTINA,
      CRMCOM_VALENTINA,
      CRMCOM_ELENI,
    ];
    const result = await t.execute<{ leads: { id: string; vendor: string; fullName: string | null }[] }>(
      `query ($ids: [ID!]!) { leads(ids: $ids) { id vendor fullName } }`,
      { ids },
    );
    expect(errorCodes(result)).toEqual([]);
    const valentina = {
      leancore: { id: LEANCORE_VALENTINA, vendor: 'LEANCORE', fullName: 'Valentina Ríos Gómez' },
      bes: { id: BES_VALENTINA, vendor: 'BESCHANNELS', fullName: 'Valentina Ríos' },
      crmcom: { id: CRMCOM_VALENTINA, vendor: 'CRMCOM', fullName: 'Valentina Ríos Gómez' },
    };
    const eleni = { id: CRMCOM_ELENI, vendor: 'CRMCOM', fullName: expect.any(String) as string };
    expect(result.data?.leads).toEqual([
      valentina.leancore,
      valentina.bes,
      valentina.crmcom,
      { id: LEANCORE_ANDRES, vendor: 'LEANCORE', fullName: 'Andrés Felipe Torres' },
      { id: BES_ZHANG, vendor: 'BESCHANNELS', fullName: '张伟' },
      eleni, // asked by number, answered in its id form
      valentina.leancore,
      valentina.bes,
      valentina.crmcom,
      eleni,
    ]);

    // LeanCore: one call per distinct phone.
    expect(leancorePhones().sort()).toEqual(['573001234567', '573136434030']);
    // BesChannels: one details call per distinct lead, at most one token call, one token for all.
    expect(besLeadIds().sort()).toEqual([5880, 5883]);
    expect(t.sims.beschannels.requestsTo(BES_TOKEN).length).toBeLessThanOrEqual(1);
    expect(distinct(t.sims.beschannels.requestsTo(BES_DETAILS).map((r) => r.query['access_token']))).toBe(1);
    // CRM.COM: one leads/show per identifier asked (Eleni by number and by id are two ways to name
    // her: CRM.COM has to be asked to know they are one lead), at most one login, one token.
    expect(crmcomIdentifiers().sort()).toEqual([
      'id=4C1B2A9E8F7D4E6A9B0C1D2E3F405162',
      'id=68B216C3A0E14173B48ED3FF4EB11182',
      'number=116',
    ]);
    expect(t.sims.crmcom.requestsTo(CRMCOM_LOGIN).length).toBeLessThanOrEqual(1);
    expect(distinct(t.sims.crmcom.requestsTo(CRMCOM_SHOW).map((r) => r.query['token']))).toBe(1);
    // One round per vendor: every call of a vendor was in flight at the same time.
    expect(t.sims.leancore.peakInFlight).toBe(2);
    expect(t.sims.beschannels.peakInFlight).toBe(2);
    expect(t.sims.crmcom.peakInFlight).toBe(3);
    // Zen holds no leads and is never asked.
    expect(t.sims.zen.requests).toEqual([]);
  });

  it('a lead one vendor does not have is null at its own path; the other vendors still answer', async () => {
    const ids = [LEANCORE_VALENTINA, 'beschannels:404', CRMCOM_VALENTINA, 'crmcom:number=99999', BES_ZHANG];
    const result = await t.execute<{ leads: ({ id: string } | null)[] }>(
      `query ($ids: [ID!]!) { leads(ids: $ids) { id } }`,
      { ids },
    );
    expect(result.data?.leads).toEqual([
      { id: LEANCORE_VALENTINA },
      null,
      { id: CRMCOM_VALENTINA },
      null,
      { id: BES_ZHANG },
    ]);
    const errors = (result.errors ?? []).map((e) => [e.path, e.extensions?.['code'], e.extensions?.['vendor']]);
    expect(errors).toEqual(
      expect.arrayContaining([
        [['leads', 1], 'NOT_FOUND', 'BESCHANNELS'],
        [['leads', 3], 'NOT_FOUND', 'CRMCOM'],
      ]),
    );
    expect(errors).toHaveLength(2);
    expect(leancorePhones()).toEqual(['573136434030']);
    expect(besLeadIds().sort()).toEqual([404, 5883]);
    expect(crmcomIdentifiers().sort()).toEqual(['id=4C1B2A9E8F7D4E6A9B0C1D2E3F405162', 'number=99999']);
  });
});

describe('_entities mixing vendors and a FinancialEntity', () => {
  it('resolves each representation in order, one de-duplicated round per vendor', async () => {
    slowDown(100);
    const representations = [
      { __typename: 'Lead', id: LEANCORE_VALENTINA },
      { __typename: 'Lead', id: BES_ZHANG },
      { __typename: 'FinancialEntity', id: FINANZAS_RAPIDAS },
      { __typename: 'Lead', id: CRMCOM_VALENTINA },
      { __typename: 'Lead', id: LEANCORE_ANDRES },
      { __typename: 'Lead', id: BES_VALENTINA },
      { __typename: 'Lead', id: CRMCOM_ELENI },
      { __typename: 'Lead', id: LEANCORE_VALENTINA },
      { __typename: 'Lead', id: BES_ZHANG },
      { __typename: 'Lead', id: CRMCOM_VALENTINA },
    ];
    const result = await t.execute<{ _entities: Record<string, unknown>[] }>(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) {
          __typename
          ... on Lead { id vendor email }
          ... on FinancialEntity { id }
      } }`,
      { representations },
    );
    expect(errorCodes(result)).toEqual([]);
    const lead = (id: string, vendor: string, email: string | null) => ({ __typename: 'Lead', id, vendor, email });
    expect(result.data?._entities).toEqual([
      lead(LEANCORE_VALENTINA, 'LEANCORE', 'valentina.rios@example.co'),
      lead(BES_ZHANG, 'BESCHANNELS', 'zhangwei@example.com.cn'),
      { __typename: 'FinancialEntity', id: FINANZAS_RAPIDAS },
      lead(CRMCOM_VALENTINA, 'CRMCOM', 'valentina.rios@example.co'),
      lead(LEANCORE_ANDRES, 'LEANCORE', expect.any(String) as string),
      lead(BES_VALENTINA, 'BESCHANNELS', 'valentina.rios@example.co'),
      lead(CRMCOM_ELENI, 'CRMCOM', null),
      lead(LEANCORE_VALENTINA, 'LEANCORE', 'valentina.rios@example.co'),
      lead(BES_ZHANG, 'BESCHANNELS', 'zhangwei@example.com.cn'),
      lead(CRMCOM_VALENTINA, 'CRMCOM', 'valentina.rios@example.co'),
    ]);

    expect(leancorePhones().sort()).toEqual(['573001234567', '573136434030']);
    expect(besLeadIds().sort()).toEqual([5880, 5883]);
    expect(t.sims.beschannels.requestsTo(BES_TOKEN).length).toBeLessThanOrEqual(1);
    const shows = t.sims.crmcom.requestsTo(CRMCOM_SHOW);
    expect(shows.map((r) => r.query['lead_identifier']).sort()).toEqual([
      'id=4C1B2A9E8F7D4E6A9B0C1D2E3F405162',
      'id=68B216C3A0E14173B48ED3FF4EB11182',
    ]);
    // The `... on Lead` selection reached CRM.COM as a field set (no remoteData, so not everything).
    for (const show of shows) expect(show.query['fields_set']?.split(',')).toContain('id');
    expect(t.sims.crmcom.requestsTo(CRMCOM_LOGIN).length).toBeLessThanOrEqual(1);
    expect(t.sims.leancore.peakInFlight).toBe(2);
    expect(t.sims.beschannels.peakInFlight).toBe(2);
    expect(t.sims.crmcom.peakInFlight).toBe(2);
    // A FinancialEntity costs no vendor call (LeanCore has no endpoint for one).
    expect(t.sims.leancore.requests).toHaveLength(2);
  });
});

const EVERY_VENDOR = ['LEANCORE', 'BESCHANNELS', 'CRMCOM', 'ZEN'];
const besBusinessError = (code: number, msg: string) => ({
  path: BES_DETAILS,
  response: { status: 200, json: { code, msg, data: null } },
});

describe('searchLeads: a different outcome per vendor in one operation', () => {
  // LeanCore alone is impatient, so only its hang turns into a TIMEOUT, quickly; the other
  // vendors keep the usual bound and their answers do not race a short deadline.
  const impatient = useTestGraph({
    crmcomContactSearch: true,
    configure: (config) => ({
      ...config,
      vendors: { ...config.vendors, leancore: { ...config.vendors.leancore!, timeoutMs: 300 } },
    }),
  });
  afterEach(() => {
    impatient.sims.crmcom.acceptTokens = true;
  });

  it('LeanCore TIMEOUT, BesChannels RATE_LIMITED, CRM.COM OK, Zen UNSUPPORTED: the operation succeeds', async () => {
    impatient.sims.leancore.inject({ path: '/lead', hang: true });
    impatient.sims.beschannels.inject(besBusinessError(45009, '接口调用频率超限'));
    const result = await impatient.execute<SearchData>(SEARCH, { phone: '+57 313 643 4030', vendors: EVERY_VENDOR });
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.searchLeads.leads).toEqual([{ id: CRMCOM_VALENTINA, vendor: 'CRMCOM' }]);
    expect(result.data?.searchLeads.outcomes).toEqual([
      {
        vendor: 'LEANCORE',
        status: 'TIMEOUT',
        leadCount: 0,
        code: 'UPSTREAM_TIMEOUT',
        message: 'LeanCore did not answer within 300 ms',
      },
      {
        vendor: 'BESCHANNELS',
        status: 'RATE_LIMITED',
        leadCount: 0,
        code: 'RATE_LIMITED',
        message: 'BesChannels says too many calls (code 45009): 接口调用频率超限',
      },
      { vendor: 'CRMCOM', status: 'OK', leadCount: 1, code: null, message: null },
      {
        vendor: 'ZEN',
        status: 'UNSUPPORTED',
        leadCount: 0,
        code: 'UNSUPPORTED',
        message: 'Zen does not support looking up leads in this graph',
      },
    ]);
    // A business error is not a refused token: one lookup, no token refresh, no replay.
    expect(impatient.sims.beschannels.requestsTo(BES_DETAILS)).toHaveLength(1);
    expect(impatient.sims.beschannels.requestsTo(BES_TOKEN).length).toBeLessThanOrEqual(1);
    expect(impatient.sims.crmcom.requestsTo('/leads/list')).toHaveLength(1);
    expect(impatient.sims.zen.requests).toEqual([]);
  });

  it('LeanCore RATE_LIMITED, BesChannels NOT_FOUND, CRM.COM unauthorised (ERROR), with vendors omitted', async () => {
    impatient.sims.leancore.inject({
      path: '/lead',
      response: { status: 429, json: { message: 'Demasiadas solicitudes' }, headers: { 'retry-after': '3600' } },
    });
    impatient.sims.beschannels.inject(besBusinessError(40004, '线索不存在'));
    impatient.sims.crmcom.acceptTokens = false;
    const result = await impatient.execute<SearchData>(SEARCH, { phone: '3136434030' });
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.searchLeads.leads).toEqual([]);
    const outcomes = result.data?.searchLeads.outcomes ?? [];
    expect(outcomes.map((o) => [o.vendor, o.status, o.code, o.leadCount])).toEqual([
      ['LEANCORE', 'RATE_LIMITED', 'RATE_LIMITED', 0],
      ['BESCHANNELS', 'NOT_FOUND', null, 0],
      ['CRMCOM', 'ERROR', 'UPSTREAM_UNAUTHORIZED', 0],
    ]);
    expect(outcomes[0]?.message).toContain('3600');
    // CRM.COM: the refused token was renewed once, then given up on.
    expect(impatient.sims.crmcom.requestsTo('/leads/list')).toHaveLength(2);
  });

  it('by email: LeanCore and Zen UNSUPPORTED without a call, BesChannels OK, CRM.COM ERROR with its status', async () => {
    impatient.sims.crmcom.inject({
      path: '/leads/list',
      response: {
        status: 200,
        json: { data: null, status: { code: 'GENERAL_ERROR', message: 'Service unavailable', description: '' } },
      },
    });
    const result = await impatient.execute<SearchData>(SEARCH, {
      email: 'Valentina.Rios@Example.co',
      vendors: EVERY_VENDOR,
    });
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.searchLeads.leads).toEqual([{ id: BES_VALENTINA, vendor: 'BESCHANNELS' }]);
    expect(result.data?.searchLeads.outcomes.map((o) => [o.vendor, o.status, o.code, o.leadCount])).toEqual([
      ['LEANCORE', 'UNSUPPORTED', 'UNSUPPORTED', 0],
      ['BESCHANNELS', 'OK', null, 1],
      ['CRMCOM', 'ERROR', 'UPSTREAM_ERROR', 0],
      ['ZEN', 'UNSUPPORTED', 'UNSUPPORTED', 0],
    ]);
    expect(impatient.sims.leancore.requests).toEqual([]);
    const [lookup] = impatient.sims.beschannels.requestsTo(BES_DETAILS);
    expect(lookup?.body).toMatchObject({ rule: { Email: 'valentina.rios@example.co' } });
  });
});

describe('a graph without CRM.COM', () => {
  const partial = useTestGraph({
    configure: (config) => ({ ...config, vendors: { ...config.vendors, crmcom: undefined } }),
  });

  it('leads(ids:): the other vendors answer; a CRM.COM or Zen id is null at its own path', async () => {
    const ids = [LEANCORE_VALENTINA, CRMCOM_VALENTINA, BES_ZHANG, 'zen:1'];
    const result = await partial.execute<{ leads: ({ id: string } | null)[]; searchLeads: { leads: unknown[] } }>(
      `query ($ids: [ID!]!) { leads(ids: $ids) { id } searchLeads(phone: "3136434030") { leads { id } } }`,
      { ids },
    );
    expect(result.data?.leads).toEqual([{ id: LEANCORE_VALENTINA }, null, { id: BES_ZHANG }, null]);
    expect(result.errors?.map((e) => [e.path, e.extensions?.['code'], e.extensions?.['vendor']])).toEqual([
      [['leads', 1], 'VENDOR_NOT_CONFIGURED', 'CRMCOM'],
      [['leads', 3], 'UNSUPPORTED', 'ZEN'],
    ]);
    // The rest of the operation is untouched.
    expect(result.data?.searchLeads.leads).toHaveLength(2);
    expect(partial.sims.crmcom.requests).toEqual([]);
    expect(partial.sims.zen.requests).toEqual([]);
  });

  it('leads(ids:): a malformed id still fails the whole field, before any vendor call', async () => {
    const result = await partial.execute(`query ($ids: [ID!]!) { leads(ids: $ids) { id } }`, {
      ids: [CRMCOM_VALENTINA, LEANCORE_VALENTINA, 'beschannels:5x'],
    });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.extensions?.['field']).toBe('ids[2]');
    expect(partial.sims.leancore.requests).toEqual([]);
  });

  it('_entities: a reference we cannot resolve is null alone; the others resolve', async () => {
    const result = await partial.execute<{ _entities: ({ id: string } | null)[] }>(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Lead { id } } }`,
      {
        representations: [
          { __typename: 'Lead', id: BES_VALENTINA },
          { __typename: 'Lead', id: CRMCOM_VALENTINA },
          { __typename: 'Lead', id: LEANCORE_ANDRES },
          { __typename: 'Lead', id: 'beschannels:5x' },
        ],
      },
    );
    expect(result.data?._entities).toEqual([{ id: BES_VALENTINA }, null, { id: LEANCORE_ANDRES }, null]);
    expect(result.errors?.map((e) => [e.path, e.extensions?.['code']])).toEqual([
      [['_entities', 1], 'VENDOR_NOT_CONFIGURED'],
      [['_entities', 3], 'BAD_USER_INPUT'],
    ]);
  });

  it('searchLeads: CRM.COM NOT_CONFIGURED when named, left out when not; the others answer', async () => {
    const named = await partial.execute<SearchData>(SEARCH, { phone: '3136434030', vendors: EVERY_VENDOR });
    expect(errorCodes(named)).toEqual([]);
    expect(named.data?.searchLeads.leads.map((l) => l.vendor)).toEqual(['LEANCORE', 'BESCHANNELS']);
    expect(named.data?.searchLeads.outcomes.map((o) => [o.vendor, o.status, o.code])).toEqual([
      ['LEANCORE', 'OK', null],
      ['BESCHANNELS', 'OK', null],
      ['CRMCOM', 'NOT_CONFIGURED', 'VENDOR_NOT_CONFIGURED'],
      ['ZEN', 'UNSUPPORTED', 'UNSUPPORTED'],
    ]);
    const omitted = await partial.execute<SearchData>(SEARCH, { phone: '3136434030' });
    expect(omitted.data?.searchLeads.outcomes.map((o) => [o.vendor, o.status])).toEqual([
      ['LEANCORE', 'OK'],
      ['BESCHANNELS', 'OK'],
    ]);
  });
});
