// LeanCore end to end: the server, the shared HTTP layer and the LeanCore simulator over HTTP.
import { describe, expect, it } from 'vitest';
import { errorCodes, useTestGraph } from '../../../support/graph.js';
import { leanCoreId } from '../../../support/lead-ids.js';

const VALENTINA = leanCoreId('fd3705e1-3149-4c41-bfe7-cf0bee79cfad', '573136434030');
const ANDRES = leanCoreId('2b7c9e41-0d3a-4f65-8c21-9e7d5a3b1c40', '573001234567');
const LUCIA = leanCoreId('7f3d2a10-5b6c-4d8e-9f01-a2b3c4d5e6f7', '525512345678');
const CREDITO_AGIL = '8d0f1c52-7a4e-4f7e-9a51-2f4a3c9b1e10';
const CARIBE_PAGOS = '1c9e8d7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f';

interface SearchData {
  searchLeads: { leads: { id: string; phone: string }[]; outcomes: { vendor: string; status: string }[] };
}

const t = useTestGraph();

const lookups = () => t.sims.leancore.requestsTo('/lead');

describe('lead by phone', () => {
  it.each([
    ['a national number', '313 643 4030'],
    ['E.164', '+573136434030'],
    ['international with punctuation', '+57 (313) 643-4030'],
    ['the 00 international prefix', '0057 313 643 4030'],
  ])('finds Valentina from %s, asking LeanCore with its digits-only form', async (_, phone) => {
    const result = await t.execute<SearchData>(
      `query($phone: String) { searchLeads(phone: $phone, vendors: [LEANCORE]) { leads { id phone } outcomes { vendor status } } }`,
      { phone },
    );
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.searchLeads).toEqual({
      leads: [{ id: VALENTINA, phone: '+573136434030' }],
      outcomes: [{ vendor: 'LEANCORE', status: 'OK' }],
    });
    expect(lookups().map((r) => r.query['phone'])).toEqual(['573136434030']);
  });

  it('reads a number of another country when written internationally', async () => {
    const result = await t.execute<SearchData>(
      `{ searchLeads(phone: "+52 55 1234 5678", vendors: [LEANCORE]) { leads { id phone } } }`,
    );
    expect(result.data?.searchLeads.leads).toEqual([{ id: LUCIA, phone: '+525512345678' }]);
  });

  it('reports NOT_FOUND for a phone LeanCore does not know, without an error', async () => {
    const result = await t.execute<SearchData>(
      `{ searchLeads(phone: "3109998877", vendors: [LEANCORE]) { leads { id } outcomes { vendor status } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.searchLeads).toEqual({ leads: [], outcomes: [{ vendor: 'LEANCORE', status: 'NOT_FOUND' }] });
  });

  it.each(['12', 'not a phone', '+57 313 643 40301234'])(
    'rejects the invalid phone %j with BAD_USER_INPUT and calls no vendor',
    async (phone) => {
      const result = await t.execute(`query($phone: String) { searchLeads(phone: $phone) { leads { id } } }`, {
        phone,
      });
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.extensions?.['field']).toBe('phone');
      expect(t.sims.leancore.requests).toHaveLength(0);
    },
  );

  it('maps the lead to the unified model and keeps LeanCore’s payload', async () => {
    const result = await t.execute<{ lead: Record<string, unknown> }>(
      `query($id: ID!) { lead(id: $id) {
        id vendor remoteId firstName lastName fullName companyName email phone status score
        address { formatted } owner { name } financialEntity { id ecosystem }
        customFields { name label value } remoteData
      } }`,
      { id: ANDRES },
    );
    expect(errorCodes(result)).toEqual([]);
    const lead = result.data?.lead;
    expect(lead).toMatchObject({
      id: ANDRES,
      vendor: 'LEANCORE',
      remoteId: '2b7c9e41-0d3a-4f65-8c21-9e7d5a3b1c40',
      firstName: 'Andrés Felipe',
      lastName: 'Torres',
      fullName: 'Andrés Felipe Torres',
      companyName: 'Torres Logística SAS',
      email: 'aftorres@torreslogistica.co',
      phone: '+573001234567',
      status: 'approved',
      score: 801,
      address: { formatted: 'Calle 10 # 5-20, Medellín' },
      owner: null,
      financialEntity: { id: 'b61e0f7a-3c2d-4e8b-8f1a-6d5c4b3a2918', ecosystem: 'andino' },
    });
    expect(lead?.['customFields']).toContainEqual({ name: 'nit', label: 'NIT', value: '901987654-3' });
    expect(lead?.['remoteData']).toEqual(t.sims.leancore.leads.find((l) => l.nit === '901987654-3'));
  });
});

describe('ids and batching', () => {
  it('resolves every id it hands out again, through lead(id:) and _entities', async () => {
    const search = await t.execute<SearchData>(`{ searchLeads(phone: "3001234567") { leads { id } } }`);
    const id = search.data?.searchLeads.leads[0]?.id;
    expect(id).toBe(ANDRES);

    const again = await t.execute<{ lead: { id: string } }>(`query($id: ID!) { lead(id: $id) { id } }`, { id });
    expect(again.data?.lead.id).toBe(id);

    const entities = await t.execute<{ _entities: { id: string; fullName: string }[] }>(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Lead { id fullName } } }`,
      { reps: [{ __typename: 'Lead', id }] },
    );
    expect(entities.data?._entities).toEqual([{ id, fullName: 'Andrés Felipe Torres' }]);
  });

  it('answers leads(ids:) in order with one call per distinct phone', async () => {
    const ids = [VALENTINA, ANDRES, VALENTINA, LUCIA, ANDRES, VALENTINA];
    const result = await t.execute<{ leads: { id: string }[] }>(`query($ids: [ID!]!) { leads(ids: $ids) { id } }`, {
      ids,
    });
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.leads.map((l) => l.id)).toEqual(ids);
    expect(
      lookups()
        .map((r) => r.query['phone'])
        .sort(),
    ).toEqual(['525512345678', '573001234567', '573136434030']);
  });

  it('makes one call for the same phone asked ten times in one operation', async () => {
    const fields = Array.from({ length: 10 }, (_, i) => `l${i}: lead(id: "${VALENTINA}") { id }`).join('\n');
    const result = await t.execute(`{ ${fields} }`);
    expect(errorCodes(result)).toEqual([]);
    expect(lookups()).toHaveLength(1);
  });

  it('resolves 100 _entities representations in one batched round', async () => {
    const reps = Array.from({ length: 100 }, (_, i) => ({ __typename: 'Lead', id: [VALENTINA, ANDRES, LUCIA][i % 3] }));
    const result = await t.execute<{ _entities: { id: string }[] }>(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Lead { id } } }`,
      { reps },
    );
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?._entities.map((e) => e.id)).toEqual(reps.map((r) => r.id));
    expect(lookups()).toHaveLength(3);
  });

  it('rejects a malformed id in leads(ids:) before calling any vendor', async () => {
    const result = await t.execute(`query($ids: [ID!]!) { leads(ids: $ids) { id } }`, {
      ids: [VALENTINA, 'leancore:no-phone-here', ANDRES],
    });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.extensions?.['field']).toBe('ids[1]');
    expect(t.sims.leancore.requests).toHaveLength(0);
  });

  it.each([
    ['no prefix', 'fd3705e1-3149-4c41-bfe7-cf0bee79cfad'],
    ['an unknown vendor prefix', 'salesforce:00Q123'],
    ['an empty key', 'leancore:'],
    ['a LeanCore key without phone digits', 'leancore:fd3705e1-3149-4c41-bfe7-cf0bee79cfad'],
    [
      'a forged sealed phone',
      'leancore:fd3705e1-3149-4c41-bfe7-cf0bee79cfad:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    ],
    ['a sealed phone moved to another lead', VALENTINA.replace('fd3705e1', 'fd3705e2')],
  ])('answers BAD_USER_INPUT for an id with %s, calling no vendor', async (_, id) => {
    const result = await t.execute(`query($id: ID!) { lead(id: $id) { id } }`, { id });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(t.sims.leancore.requests).toHaveLength(0);
  });

  it('answers NOT_FOUND when the phone now belongs to another lead', async () => {
    const stale = 'leancore:00000000-0000-4000-8000-000000000000:573136434030';
    const result = await t.execute(`query($id: ID!) { lead(id: $id) { id } }`, { id: stale });
    expect(result.data).toEqual({ lead: null });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', vendor: 'LEANCORE' });
  });

  it('refuses more than 100 ids at once', async () => {
    const result = await t.execute(`query($ids: [ID!]!) { leads(ids: $ids) { id } }`, {
      ids: Array.from({ length: 101 }, () => VALENTINA),
    });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(t.sims.leancore.requests).toHaveLength(0);
  });
});

describe('assignLeadToFinancialEntity', () => {
  const assign = (leadId: string, financialEntityId: string) =>
    t.execute<{ assignLeadToFinancialEntity: { id: string; financialEntity: { id: string; ecosystem: string } } }>(
      `mutation($leadId: ID!, $fe: ID!) {
        assignLeadToFinancialEntity(leadId: $leadId, financialEntityId: $fe) { id financialEntity { id ecosystem } }
      }`,
      { leadId, fe: financialEntityId },
    );

  it('assigns a lead and shows it among the entity’s assigned leads', async () => {
    const result = await assign(VALENTINA, CREDITO_AGIL);
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.assignLeadToFinancialEntity).toEqual({
      id: VALENTINA,
      financialEntity: { id: CREDITO_AGIL, ecosystem: 'andino' },
    });
    expect(t.sims.leancore.requestsTo('/assign-lead-to-financial-entity').map((r) => r.body)).toEqual([
      { lead_id: 'fd3705e1-3149-4c41-bfe7-cf0bee79cfad', financial_entity_id: CREDITO_AGIL },
    ]);

    const entity = await t.execute<{ _entities: unknown[] }>(
      `query($reps: [_Any!]!) { _entities(representations: $reps) {
        ... on FinancialEntity { id ecosystem assignedLeads { id } }
      } }`,
      { reps: [{ __typename: 'FinancialEntity', id: CREDITO_AGIL }] },
    );
    expect(entity.data?._entities).toEqual([
      { id: CREDITO_AGIL, ecosystem: 'andino', assignedLeads: [{ id: VALENTINA }] },
    ]);
  });

  it('rejects a lead id that is not a UUID before calling LeanCore', async () => {
    const result = await assign('leancore:not-a-uuid:573136434030', CREDITO_AGIL);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.extensions?.['field']).toBe('leadId');
    expect(t.sims.leancore.requests).toHaveLength(0);
  });

  it('rejects a lead of another vendor before calling anyone', async () => {
    const result = await assign('crmcom:7E4D45DD4000EB8B71CC5656A6C93C03', CREDITO_AGIL);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(t.sims.leancore.requests).toHaveLength(0);
  });

  it('answers NOT_FOUND for a lead LeanCore does not have', async () => {
    const result = await assign('leancore:00000000-0000-4000-8000-000000000000:573136434030', CREDITO_AGIL);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      vendor: 'LEANCORE',
      upstreamStatus: 404,
    });
  });

  it('passes on LeanCore’s refusal of an entity of another ecosystem', async () => {
    const result = await assign(ANDRES, CARIBE_PAGOS);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_REJECTED',
      vendor: 'LEANCORE',
      upstreamStatus: 422,
      vendorMessage: 'La entidad financiera no pertenece al ecosistema del lead',
    });
  });

  it('never retries the write, and never reports success when it failed', async () => {
    t.sims.leancore.inject({ response: { status: 503, json: { message: 'mantenimiento' } } });
    const result = await assign(LUCIA, CARIBE_PAGOS);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstreamStatus: 503 });
    expect(t.sims.leancore.requestsTo('/assign-lead-to-financial-entity')).toHaveLength(1);
  });
});
