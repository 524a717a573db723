// Query.people and Lead.person through the server, against the simulators over HTTP.
import { describe, expect, it } from 'vitest';
import { MAX_SEARCHES_PER_REQUEST } from '../../../src/leads/people-search.js';
import { errorCodes, useTestGraph } from '../../support/graph.js';
import { leanCoreId } from '../../support/lead-ids.js';

// Valentina Ríos is a lead in three CRMs, her phone and email written differently in each.
const VALENTINA_ID = leanCoreId('fd3705e1-3149-4c41-bfe7-cf0bee79cfad', '573136434030');
const VALENTINA_LEADS = [
  { id: VALENTINA_ID },
  { id: 'beschannels:5880' },
  { id: 'crmcom:4C1B2A9E8F7D4E6A9B0C1D2E3F405162' },
];

interface PersonData {
  leads: { id: string }[];
  vendors: string[];
  fullName: { value: string; vendor: string; leadId: string } | null;
  email: { value: string; vendor: string; leadId: string } | null;
  phone: { value: string; vendor: string; leadId: string } | null;
  phones: string[];
  emails: string[];
  missingVendors: { vendor: string; status: string; code: string | null }[];
}
const PERSON = `leads { id } vendors fullName { value vendor leadId } email { value vendor leadId }
  phone { value vendor leadId } phones emails missingVendors { vendor status code }`;
const PEOPLE = `query ($phone: String, $email: String) { people(phone: $phone, email: $email) { ${PERSON} } }`;

const t = useTestGraph({ timeoutMs: 500, crmcomContactSearch: true });

describe('Query.people', () => {
  it('finds one person across the three CRMs from a national phone, best-known values sourced', async () => {
    const result = await t.execute<{ people: PersonData[] }>(PEOPLE, { phone: '313 643 4030' });
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.people).toEqual([
      {
        leads: VALENTINA_LEADS,
        vendors: ['LEANCORE', 'BESCHANNELS', 'CRMCOM'],
        fullName: { value: 'Valentina Ríos Gómez', vendor: 'LEANCORE', leadId: VALENTINA_ID },
        email: { value: 'valentina.rios@example.co', vendor: 'LEANCORE', leadId: VALENTINA_ID },
        phone: { value: '+573136434030', vendor: 'LEANCORE', leadId: VALENTINA_ID },
        phones: ['+573136434030'],
        emails: ['valentina.rios@example.co'],
        missingVendors: [],
      },
    ]);
    // The phone asked and the phone found are the same key: LeanCore is called once.
    expect(t.sims.leancore.requestsTo('/lead')).toHaveLength(1);
  });

  it('nobody for a phone no vendor has', async () => {
    const result = await t.execute<{ people: PersonData[] }>(PEOPLE, { phone: '3009998877' });
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.people).toEqual([]);
  });

  it('from an email LeanCore cannot look up, reaches LeanCore through the phone the others hold', async () => {
    const result = await t.execute<{ people: PersonData[] }>(PEOPLE, { email: 'Valentina.Rios@example.co' });
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.people.map((p) => p.leads)).toEqual([VALENTINA_LEADS]);
    expect(t.sims.leancore.requestsTo('/lead').map((r) => r.query['phone'])).toEqual(['573136434030']);
  });

  it('still finds the person when one vendor fails, and says which vendor is missing', async () => {
    t.sims.leancore.inject({ response: { status: 401, json: { message: 'Token inválido' } } });
    const result = await t.execute<{ people: PersonData[] }>(PEOPLE, { phone: '3136434030' });
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.people.map((p) => [p.leads, p.missingVendors])).toEqual([
      [VALENTINA_LEADS.slice(1), [{ vendor: 'LEANCORE', status: 'ERROR', code: 'UPSTREAM_UNAUTHORIZED' }]],
    ]);
  });

  it('fails with the vendor error when nothing was found and a vendor could not be searched', async () => {
    t.sims.leancore.inject({ response: { status: 401, json: { message: 'Token inválido' } } });
    const result = await t.execute<{ people: PersonData[] }>(PEOPLE, { phone: '3009998877' });
    expect(errorCodes(result)).toEqual(['UPSTREAM_UNAUTHORIZED']);
    expect(result.errors?.[0]?.extensions?.['vendor']).toBe('LEANCORE');
  });

  it('rejects bad input before any vendor call', async () => {
    const missing = await t.execute(PEOPLE, {});
    const bad = await t.execute(PEOPLE, { email: 'not an email' });
    expect(errorCodes(missing)).toEqual(['BAD_USER_INPUT']);
    expect([errorCodes(bad), bad.errors?.[0]?.extensions?.['field']]).toEqual([['BAD_USER_INPUT'], 'email']);
    expect(t.sims.leancore.requests).toHaveLength(0);
  });
});

describe('Lead.person', () => {
  it("is the lead's person; the lead and its person share LeanCore's one call", async () => {
    const result = await t.execute<{ lead: { id: string; person: PersonData } }>(
      `query ($id: ID!) { lead(id: $id) { id person { ${PERSON} } } }`,
      { id: VALENTINA_ID },
    );
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.lead.person.leads).toEqual(VALENTINA_LEADS);
    expect(result.data?.lead.person.vendors).toEqual(['LEANCORE', 'BESCHANNELS', 'CRMCOM']);
    expect(t.sims.leancore.requestsTo('/lead')).toHaveLength(1);
  });

  it('keeps the lead itself whole among its person’s leads, even when its vendor’s search fails', async () => {
    const id = VALENTINA_LEADS[2]!.id;
    const alone = await t.execute<{ lead: { status: string } }>(`query ($id: ID!) { lead(id: $id) { status } }`, {
      id,
    });
    expect(alone.data?.lead.status).toBeTruthy();
    t.sims.crmcom.inject({ path: '/leads/list', response: { status: 500, json: {} } });
    // The lead's own fields here do not include `status`: only its person's leads ask for it.
    const result = await t.execute<{ lead: { person: { leads: { id: string; status: string }[] } } }>(
      `query ($id: ID!) { lead(id: $id) { id person { leads { id status } } } }`,
      { id },
    );
    const own = result.data?.lead.person.leads.find((l) => l.id === id);
    expect(own?.status).toBe(alone.data?.lead.status);
  });

  it("on every lead of a search, and a person's leads know their person", async () => {
    const result = await t.execute<{
      searchLeads: { leads: { person: { leads: { id: string; person: { vendors: string[] } }[] } }[] };
    }>(`{ searchLeads(phone: "3001234567") { leads { person { leads { id person { vendors } } } } } }`);
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.searchLeads.leads).toEqual([
      {
        person: {
          leads: [
            {
              id: leanCoreId('2b7c9e41-0d3a-4f65-8c21-9e7d5a3b1c40', '573001234567'),
              person: { vendors: ['LEANCORE'] },
            },
          ],
        },
      },
    ]);
    expect(t.sims.leancore.requestsTo('/lead')).toHaveLength(1);
  });
});

describe('Lead.person on a long list', () => {
  it(`refuses searches past ${MAX_SEARCHES_PER_REQUEST} in one request instead of sending them`, async () => {
    const extra = Array.from({ length: 30 }, (_, i) => {
      const digits = `5731000000${String(i).padStart(2, '0')}`;
      const lead = { ...t.sims.leancore.leads[2]!, id: `0000${i}-0000-4000-8000-000000000000`, phone: digits };
      return { ...lead, email: `person${i}@example.co` };
    });
    t.sims.leancore.leads.push(...extra);
    try {
      const ids = extra.map((l) => `leancore:${l.id}:${l.phone}`);
      const result = await t.execute<{ leads: { id: string; person: unknown }[] }>(
        `query ($ids: [ID!]!) { leads(ids: $ids) { id person { vendors } } }`,
        { ids },
      );
      const refused = (result.errors ?? []).filter((e) => e.extensions?.['code'] === 'BAD_USER_INPUT');
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.every((e) => e.path?.at(-1) === 'person')).toBe(true);
      expect(result.data?.leads.filter((l) => l.person !== null).length).toBeGreaterThan(0);
      // Each search asks BesChannels once per key: never more than the cap.
      expect(t.sims.beschannels.requestsTo('/leads-details').length).toBeLessThanOrEqual(MAX_SEARCHES_PER_REQUEST);
    } finally {
      t.sims.leancore.leads.splice(-extra.length);
    }
  });
});
