// CRM.COM through the unified queries, against the simulator over HTTP.
import { describe, expect, it } from 'vitest';
import { errorCodes, useTestGraph } from '../../../support/graph.js';
import { leanCoreId } from '../../../support/lead-ids.js';

const VALENTINA = 'crmcom:4C1B2A9E8F7D4E6A9B0C1D2E3F405162';
const ELENI = 'crmcom:68B216C3A0E14173B48ED3FF4EB11182';
const MARIOS = 'crmcom:7E4D45DD4000EB8B71CC5656A6C93C03';
const LEANCORE_VALENTINA = leanCoreId('fd3705e1-3149-4c41-bfe7-cf0bee79cfad', '573136434030');

const t = useTestGraph({ crmcomContactSearch: true });

const shows = () => t.sims.crmcom.requestsTo('/leads/show');
const envelope = (code: string, message: string) => ({
  status: 200,
  json: { data: null, status: { code, description: message, message } },
});

describe('CRM.COM lead by id and by number', () => {
  it('finds a lead by its global id, with unified fields and the CRM.COM extension', async () => {
    const result = await t.execute(
      `query ($id: ID!) { lead(id: $id) {
          id vendor remoteId fullName companyName email phone status score owner { name }
          customFields { name value }
          crmcom { number lifeCycleState importance category { name code } competitors { name } productsSet { productFamily { name } } }
        } }`,
      { id: VALENTINA },
    );
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.['lead']).toEqual({
      id: VALENTINA,
      vendor: 'CRMCOM',
      remoteId: '4C1B2A9E8F7D4E6A9B0C1D2E3F405162',
      fullName: 'Valentina Ríos Gómez',
      companyName: 'Panadería La Espiga',
      email: 'valentina.rios@example.co',
      phone: '+573136434030',
      status: 'Interest',
      score: 65,
      owner: { name: 'Eleni 3 Michailidou' },
      customFields: [
        { name: 'udf_date_1', value: '2026-10-02T00:00:00' },
        { name: 'udf_float_1', value: '712.5' },
        { name: 'udf_string_1', value: 'whatsapp' },
        { name: 'udf_string_2', value: 'black-friday-2026' },
      ],
      crmcom: {
        number: '2041',
        lifeCycleState: 'IN_PROGRESS',
        importance: 'IMPORTANCE2',
        category: { name: 'TV Advert', code: 'TA' },
        competitors: [{ name: 'Zuora' }],
        productsSet: [{ productFamily: { name: 'Credit Lines' } }],
      },
    });
    expect(shows()).toHaveLength(1);
    expect(shows()[0]?.query['lead_identifier']).toBe('id=4C1B2A9E8F7D4E6A9B0C1D2E3F405162');
  });

  it('finds a lead by its number (crmcom:number=<n>) and answers with its id form', async () => {
    const result = await t.execute(`{ lead(id: "crmcom:number=116") { id crmcom { number } } }`);
    expect(result.data?.['lead']).toEqual({ id: ELENI, crmcom: { number: '116' } });
    expect(shows()[0]?.query['lead_identifier']).toBe('number=116');
  });

  it('gives crmcom: null on other vendors’ leads', async () => {
    const result = await t.execute(`query ($id: ID!) { lead(id: $id) { id crmcom { number } } }`, {
      id: LEANCORE_VALENTINA,
    });
    expect(result.data?.['lead']).toEqual({ id: LEANCORE_VALENTINA, crmcom: null });
  });

  it('resolves _entities representations through the same loader', async () => {
    const result = await t.execute(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Lead { id email } } }`,
      {
        r: [
          { __typename: 'Lead', id: VALENTINA },
          { __typename: 'Lead', id: MARIOS },
        ],
      },
    );
    expect(result.data?.['_entities']).toEqual([
      { id: VALENTINA, email: 'valentina.rios@example.co' },
      { id: MARIOS, email: 'photos.panayi@crm.com' },
    ]);
    expect(shows().map((r) => r.query['fields_set'])).toEqual(['contact_email,id', 'contact_email,id']);
  });

  it('rejects a malformed id before calling CRM.COM', async () => {
    const result = await t.execute(`{ leads(ids: ["${VALENTINA}", "crmcom:not an id"]) { id } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids[1]' });
    expect(t.sims.crmcom.requests).toHaveLength(0);
  });
});

describe('fields_set push-down', () => {
  it('asks only for the fields the selection needs', async () => {
    await t.execute(`query ($id: ID!) { lead(id: $id) { firstName email } }`, { id: VALENTINA });
    expect(shows().map((r) => r.query['fields_set'])).toEqual(['contact_email,contact_information,id']);
  });

  it('follows fragments, aliases and nested selections', async () => {
    await t.execute(
      `query ($id: ID!) { lead(id: $id) { p: phone ...More } }
       fragment More on Lead { owner { email } crmcom { ... on CrmComLeadDetails { due: expectedCompletionDate } } }`,
      { id: VALENTINA },
    );
    expect(shows().map((r) => r.query['fields_set'])).toEqual([
      'assigned_to,contact_phone,expected_completion_date,id',
    ]);
  });

  it('asks for every field when remoteData is selected, and remoteData is the lead as CRM.COM sent it', async () => {
    const result = await t.execute<{ lead: { remoteData: Record<string, unknown> } }>(
      `query ($id: ID!) { lead(id: $id) { email remoteData } }`,
      { id: ELENI },
    );
    expect(shows()[0]?.query).not.toHaveProperty('fields_set');
    const remote = result.data?.lead.remoteData;
    expect(remote?.['number']).toBe('116');
    expect(remote).toHaveProperty('udf_string_8', null);
    expect(JSON.stringify(remote)).not.toContain(String(shows()[0]?.query['token']));
  });

  it('merges the field sets of one batch: one call per lead, asking for the union', async () => {
    const result = await t.execute(
      `query ($a: ID!, $b: ID!) {
         first: lead(id: $a) { firstName }
         second: lead(id: $a) { phone crmcom { category { name } } }
         other: lead(id: $b) { status }
         many: leads(ids: [$a, $b, $a]) { email }
       }`,
      { a: VALENTINA, b: MARIOS },
    );
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.['second']).toEqual({ phone: '+573136434030', crmcom: { category: { name: 'TV Advert' } } });
    expect(result.data?.['many']).toEqual([
      { email: 'valentina.rios@example.co' },
      { email: 'photos.panayi@crm.com' },
      { email: 'valentina.rios@example.co' },
    ]);
    const byLead = Object.fromEntries(
      shows().map((r): [string, string | undefined] => [String(r.query['lead_identifier']), r.query['fields_set']]),
    );
    expect(shows()).toHaveLength(2);
    expect(byLead).toEqual({
      'id=4C1B2A9E8F7D4E6A9B0C1D2E3F405162': 'category,contact_email,contact_information,contact_phone,id',
      'id=7E4D45DD4000EB8B71CC5656A6C93C03': 'contact_email,id,status',
    });
  });

  it('asks again later in the same request only for fields not fetched yet', async () => {
    const { dataSources } = await t.graph.createContext();
    const load = (fields: string[]) => dataSources.loadLead(VALENTINA, new Set(fields));
    await load(['email', 'phone']);
    expect((await load(['email'])).email).toBe('valentina.rios@example.co'); // covered: no call
    expect((await load(['status'])).status).toBe('Interest');
    expect(shows().map((r) => r.query['fields_set'])).toEqual(['contact_email,contact_phone,id', 'id,status']);
  });
});

describe('CRM.COM errors', () => {
  it('NOT_FOUND for a lead CRM.COM does not have, by id or by number, with its code and message', async () => {
    const result = await t.execute(`{ a: lead(id: "crmcom:0000DEAD") { id } b: lead(id: "crmcom:number=999") { id } }`);
    expect(result.data).toEqual({ a: null, b: null });
    expect(result.errors?.map((e) => e.extensions)).toEqual([
      expect.objectContaining({ code: 'NOT_FOUND', vendor: 'CRMCOM', vendorCode: 'NOT_FOUND' }),
      expect.objectContaining({ code: 'NOT_FOUND', vendor: 'CRMCOM', vendorMessage: 'No lead found with number 999' }),
    ]);
  });

  it('UPSTREAM_REJECTED for a parameter CRM.COM refuses', async () => {
    t.sims.crmcom.inject({ response: envelope('INVALID_PARAMETER', 'lead_identifier allows id or number'), times: 1 });
    const result = await t.execute(`query ($id: ID!) { lead(id: $id) { id } }`, { id: VALENTINA });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_REJECTED',
      vendor: 'CRMCOM',
      vendorCode: 'INVALID_PARAMETER',
    });
  });

  it.each([
    {
      what: 'UPSTREAM_ERROR for a status it does not know, without leaking the token it echoes',
      answer: (token: string) => envelope('UNEXPECTED_ERROR', `Failure for session ${token}`),
      vendorCode: 'UNEXPECTED_ERROR',
      vendorMessage: 'Failure for session [REDACTED]',
    },
    {
      what: 'a status code that is free text is no code: vendorCode UNRECOGNISED, its text redacted with the vendor’s words',
      answer: (token: string) => envelope(`Session ${token} failed at http://10.1.2.3/x`, ''),
      vendorCode: 'UNRECOGNISED',
      vendorMessage: 'Session [REDACTED] failed at http://10.1.2.3/x',
    },
  ])('$what', async ({ answer, vendorCode, vendorMessage }) => {
    await t.execute(`query ($id: ID!) { lead(id: $id) { id } }`, { id: VALENTINA });
    const token = String(shows()[0]?.query['token']);
    t.sims.crmcom.inject({ response: answer(token), times: 1 });
    const result = await t.execute(`query ($id: ID!) { lead(id: $id) { id } }`, { id: ELENI });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_ERROR',
      vendor: 'CRMCOM',
      vendorCode,
      vendorMessage,
    });
    expect(JSON.stringify(result)).not.toContain(token);
  });

  it('logs in again when an unknown status names the token', async () => {
    t.sims.crmcom.inject({ response: envelope('SESSION_CLOSED', 'Token no longer valid'), times: 1 });
    const result = await t.execute(`query ($id: ID!) { lead(id: $id) { id } }`, { id: VALENTINA });
    expect(errorCodes(result)).toEqual([]);
    expect(t.sims.crmcom.requestsTo('/authentication/token')).toHaveLength(1);
  });

  it('UPSTREAM_ERROR for an answer that is not the envelope, or a lead without an id', async () => {
    t.sims.crmcom.inject({ response: { status: 200, json: { lead: {} } }, times: 1 });
    const odd = await t.execute(`query ($id: ID!) { lead(id: $id) { id } }`, { id: VALENTINA });
    expect(odd.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', vendor: 'CRMCOM' });
    const noId = { data: { number: '2041' }, status: { code: 'OK', description: '', message: '' } };
    t.sims.crmcom.inject({ response: { status: 200, json: noId }, times: 1 });
    const partial = await t.execute(`query ($id: ID!) { lead(id: $id) { id } }`, { id: ELENI });
    expect(partial.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', vendor: 'CRMCOM' });
  });
});

describe('CRM.COM in searchLeads and leadsConnection', () => {
  it('finds Valentina by phone at LeanCore and CRM.COM, each written its own way', async () => {
    const result = await t.execute<{
      searchLeads: {
        leads: { id: string; phone: string; email: string }[];
        outcomes: { vendor: string; status: string }[];
      };
    }>(`{ searchLeads(phone: "313 643 4030", vendors: [LEANCORE, CRMCOM]) {
           leads { id phone email } outcomes { vendor status } } }`);
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.searchLeads.leads).toEqual([
      { id: LEANCORE_VALENTINA, phone: '+573136434030', email: 'valentina.rios@example.co' },
      { id: VALENTINA, phone: '+573136434030', email: 'valentina.rios@example.co' },
    ]);
    expect(result.data?.searchLeads.outcomes).toEqual([
      { vendor: 'LEANCORE', status: 'OK' },
      { vendor: 'CRMCOM', status: 'OK' },
    ]);
    const lists = t.sims.crmcom.requestsTo('/leads/list');
    expect(lists.map((r) => r.query['contact_information_identifier'])).toEqual(['phone=+573136434030']);
  });

  it('finds a lead by email whatever its case', async () => {
    const result = await t.execute<{ searchLeads: { leads: { id: string }[] } }>(
      `{ searchLeads(email: "Valentina.Rios@Example.co", vendors: [CRMCOM]) { leads { id } } }`,
    );
    expect(result.data?.searchLeads.leads).toEqual([{ id: VALENTINA }]);
  });

  it('says NOT_FOUND when CRM.COM has no lead with that phone', async () => {
    const result = await t.execute<{ searchLeads: { outcomes: { status: string }[] } }>(
      `{ searchLeads(phone: "+44 20 7946 0958", vendors: [CRMCOM]) { outcomes { status } } }`,
    );
    expect(result.data?.searchLeads.outcomes).toEqual([{ status: 'NOT_FOUND' }]);
  });

  it('takes a NOT_FOUND status from leads/list as no lead, and other statuses as the vendor failing', async () => {
    type Search = { searchLeads: { outcomes: { status: string; code: string | null }[] } };
    const query = `{ searchLeads(email: "nobody@example.co", vendors: [CRMCOM]) { outcomes { status code } } }`;
    t.sims.crmcom.inject({ response: envelope('NOT_FOUND', 'No leads found'), times: 1 });
    expect((await t.execute<Search>(query)).data?.searchLeads.outcomes).toEqual([{ status: 'NOT_FOUND', code: null }]);
    t.sims.crmcom.inject({ response: envelope('UNEXPECTED_ERROR', 'Database unavailable'), times: 1 });
    expect((await t.execute<Search>(query)).data?.searchLeads.outcomes).toEqual([
      { status: 'ERROR', code: 'UPSTREAM_ERROR' },
    ]);
  });

  it('pages through leads/list', async () => {
    const page = `query ($after: String) { leadsConnection(vendor: CRMCOM, first: 2, after: $after) {
        edges { node { id crmcom { number } } } pageInfo { hasNextPage endCursor } totalCount } }`;
    type Page = {
      leadsConnection: {
        edges: { node: { crmcom: { number: string } } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const numbers: string[][] = [];
    let after: string | null = null;
    for (;;) {
      const result: Awaited<ReturnType<typeof t.execute<Page>>> = await t.execute<Page>(page, { after });
      expect(errorCodes(result)).toEqual([]);
      const connection = result.data!.leadsConnection;
      numbers.push(connection.edges.map((e) => e.node.crmcom.number));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(numbers).toEqual([['19', '116'], ['2041', '2042'], ['2043']]);
    const lists = t.sims.crmcom.requestsTo('/leads/list');
    expect(lists.map((r) => [r.query['offset'], r.query['number_of_results']])).toEqual([
      ['0', '3'],
      ['2', '3'],
      ['4', '3'],
    ]);
  });

  it('tells its capabilities', async () => {
    const result = await t.execute(
      `{ vendors { vendor enabled mode capabilities { lookupById lookupByPhone lookupByEmail list writes } } }`,
    );
    const vendors = result.data?.['vendors'] as { vendor: string }[];
    expect(vendors.find((v) => v.vendor === 'CRMCOM')).toEqual({
      vendor: 'CRMCOM',
      enabled: true,
      mode: 'SIMULATED',
      capabilities: { lookupById: true, lookupByPhone: true, lookupByEmail: true, list: true, writes: false },
    });
  });
});

describe('leads(ids:) across vendors', () => {
  it('mixes LeanCore and CRM.COM ids in one operation, one round per vendor', async () => {
    const result = await t.execute(`query ($ids: [ID!]!) { leads(ids: $ids) { id vendor email } }`, {
      ids: [VALENTINA, LEANCORE_VALENTINA, ELENI, VALENTINA, 'crmcom:number=19'],
    });
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.['leads']).toEqual([
      { id: VALENTINA, vendor: 'CRMCOM', email: 'valentina.rios@example.co' },
      { id: LEANCORE_VALENTINA, vendor: 'LEANCORE', email: 'valentina.rios@example.co' },
      { id: ELENI, vendor: 'CRMCOM', email: null },
      { id: VALENTINA, vendor: 'CRMCOM', email: 'valentina.rios@example.co' },
      { id: MARIOS, vendor: 'CRMCOM', email: 'photos.panayi@crm.com' },
    ]);
    expect(t.sims.leancore.requestsTo('/lead')).toHaveLength(1);
    expect(shows()).toHaveLength(3);
    expect(t.sims.crmcom.requestsTo('/authentication/token').length).toBeLessThanOrEqual(1);
  });
});
