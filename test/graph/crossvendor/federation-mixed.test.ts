// Federation across vendors: a fintech whose approved leads live in LeanCore, BesChannels and
// CRM.COM, resolved through @apollo/gateway in one client query; each vendor is asked once per
// distinct lead, all within the one `_entities` round the gateway sends our subgraph.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FINTECH_TYPE_DEFS, fintechSchema, type Fintech } from '../../support/fintech-subgraph.js';
import { errorCodes, useTestGraph } from '../../support/graph.js';
import { startSupergraph, type Supergraph } from '../../support/supergraph.js';
import { leanCoreId } from '../../support/lead-ids.js';

const LEANCORE_VALENTINA = leanCoreId('fd3705e1-3149-4c41-bfe7-cf0bee79cfad', '573136434030');
const LEANCORE_ANDRES = leanCoreId('2b7c9e41-0d3a-4f65-8c21-9e7d5a3b1c40', '573001234567');
const BES_VALENTINA = 'beschannels:5880';
const BES_ZHANG = 'beschannels:5883';
const CRMCOM_VALENTINA = 'crmcom:4C1B2A9E8F7D4E6A9B0C1D2E3F405162';
const CRMCOM_MARIOS = 'crmcom:7E4D45DD4000EB8B71CC5656A6C93C03';

const PUENTE = '0f6e5d4c-3b2a-4918-8776-655443322110';
const FINANZAS_RAPIDAS = 'b61e0f7a-3c2d-4e8b-8f1a-6d5c4b3a2918';

const CATALOGUE: Fintech[] = [
  {
    id: PUENTE,
    name: 'Puente Financiero',
    approvedLeadIds: [LEANCORE_ANDRES, BES_ZHANG, CRMCOM_VALENTINA, BES_VALENTINA, CRMCOM_MARIOS],
  },
  {
    id: FINANZAS_RAPIDAS,
    name: 'Finanzas Rápidas',
    approvedLeadIds: [LEANCORE_VALENTINA, CRMCOM_VALENTINA, BES_ZHANG],
  },
];

const BES_DETAILS = '/leads/open-api/leads-details';
const CRMCOM_SHOW = '/leads/show';

const t = useTestGraph();
let supergraph: Supergraph;
beforeAll(async () => {
  supergraph = await startSupergraph(t.graph, [
    { name: 'fintech', typeDefs: FINTECH_TYPE_DEFS, schema: fintechSchema(CATALOGUE) },
  ]);
});
afterAll(() => supergraph.stop());
afterEach(() => {
  supergraph.leadsRequests.length = 0;
});

const entitiesRounds = () => supergraph.leadsRequests.filter((r) => r.query.includes('_entities'));
const leancorePhones = () => t.sims.leancore.requestsTo('/lead').map((r) => r.query['phone']);
const besLeadIds = () =>
  t.sims.beschannels.requestsTo(BES_DETAILS).map((r) => (r.body as { leads_id: number }).leads_id);
const crmcomShows = () => t.sims.crmcom.requestsTo(CRMCOM_SHOW);

interface ApprovedLead {
  id: string;
  vendor: string;
  fullName: string | null;
  crmcom: { number: string } | null;
  financialEntity: { name: string } | null;
}

describe('a fintech whose approved leads mix vendors, through the gateway', () => {
  it('resolves LeanCore, BesChannels and CRM.COM leads in one `_entities` round, one call per lead', async () => {
    // Every vendor answer a little late, so the calls of the one round overlap at the simulators.
    t.sims.leancore.inject({ path: '/lead', delayMs: 100 });
    t.sims.beschannels.inject({ path: BES_DETAILS, delayMs: 100 });
    t.sims.crmcom.inject({ path: CRMCOM_SHOW, delayMs: 100 });
    const result = await supergraph.execute<{
      financialEntity: { name: string; approvedLeads: ApprovedLead[] };
    }>(
      `query ($id: ID!) {
        financialEntity(id: $id) {
          name
          approvedLeads { id vendor fullName crmcom { number } financialEntity { name } }
        }
      }`,
      { id: PUENTE },
    );
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.financialEntity).toEqual({
      name: 'Puente Financiero',
      approvedLeads: [
        {
          id: LEANCORE_ANDRES,
          vendor: 'LEANCORE',
          fullName: 'Andrés Felipe Torres',
          crmcom: null,
          // LeanCore knows Andrés' fintech; its name comes back from the fintech subgraph.
          financialEntity: { name: 'Finanzas Rápidas' },
        },
        { id: BES_ZHANG, vendor: 'BESCHANNELS', fullName: '张伟', crmcom: null, financialEntity: null },
        {
          id: CRMCOM_VALENTINA,
          vendor: 'CRMCOM',
          fullName: 'Valentina Ríos Gómez',
          crmcom: { number: '2041' },
          financialEntity: null,
        },
        { id: BES_VALENTINA, vendor: 'BESCHANNELS', fullName: 'Valentina Ríos', crmcom: null, financialEntity: null },
        {
          id: CRMCOM_MARIOS,
          vendor: 'CRMCOM',
          fullName: expect.any(String) as string,
          crmcom: { number: '19' },
          financialEntity: null,
        },
      ],
    });

    // The gateway sent our subgraph one `_entities` operation with the five leads…
    const rounds = entitiesRounds();
    expect(rounds).toHaveLength(1);
    expect(rounds[0]?.variables['representations']).toEqual(
      CATALOGUE[0]!.approvedLeadIds.map((id) => ({ __typename: 'Lead', id })),
    );
    // …and each vendor was asked once per lead, all of its calls in flight together.
    expect(leancorePhones()).toEqual(['573001234567']);
    expect(besLeadIds().sort()).toEqual([5880, 5883]);
    expect(t.sims.beschannels.peakInFlight).toBe(2);
    expect(
      crmcomShows()
        .map((r) => r.query['lead_identifier'])
        .sort(),
    ).toEqual(['id=4C1B2A9E8F7D4E6A9B0C1D2E3F405162', 'id=7E4D45DD4000EB8B71CC5656A6C93C03']);
    expect(t.sims.crmcom.peakInFlight).toBe(2);
    // CRM.COM got the fields the `_entities` selection needs, not the whole lead.
    for (const show of crmcomShows())
      expect(show.query['fields_set']?.split(',')).toEqual(expect.arrayContaining(['id', 'number']));
    expect(t.sims.crmcom.requestsTo('/authentication/token').length).toBeLessThanOrEqual(1);
  });

  it('two fintechs sharing leads across vendors: one `_entities` round, each lead fetched once', async () => {
    const result = await supergraph.execute<{
      financialEntities: { name: string; approvedLeads: { id: string; vendor: string }[] }[];
    }>(`{ financialEntities { name approvedLeads { id vendor } } }`);
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.financialEntities.map((f) => [f.name, f.approvedLeads.map((l) => l.id)])).toEqual(
      CATALOGUE.map((f) => [f.name, f.approvedLeadIds]),
    );
    expect(entitiesRounds()).toHaveLength(1);
    // Eight references, six distinct leads: Valentina's CRM.COM lead and Zhang's BesChannels one are shared.
    expect(leancorePhones().sort()).toEqual(['573001234567', '573136434030']);
    expect(besLeadIds().sort()).toEqual([5880, 5883]);
    expect(crmcomShows()).toHaveLength(2);
  });

  it("one vendor failing inside the round reaches the client with that vendor's code", async () => {
    t.sims.beschannels.inject({
      path: BES_DETAILS,
      response: { status: 200, json: { code: 45009, msg: '频率超限', data: null } },
    });
    const result = await supergraph.execute<{
      financialEntity: { name: string; approvedLeads: { id: string; vendor: string }[] } | null;
    }>(`query ($id: ID!) { financialEntity(id: $id) { name approvedLeads { id vendor } } }`, { id: PUENTE });
    const rateLimited = result.errors?.filter((e) => e.extensions?.['code'] === 'RATE_LIMITED') ?? [];
    expect(rateLimited.map((e) => e.extensions?.['vendor'])).toEqual(['BESCHANNELS', 'BESCHANNELS']);
    // The fintech subgraph types `approvedLeads` as `[Lead!]!`, so a missing lead nulls the
    // nullable fintech above it (GraphQL null propagation, the fintech subgraph's choice).
    expect(result.data?.financialEntity).toBeNull();
    // The other vendors were still asked, in the same one round.
    expect(entitiesRounds()).toHaveLength(1);
    expect(leancorePhones()).toEqual(['573001234567']);
    expect(crmcomShows()).toHaveLength(2);
    expect(besLeadIds().sort()).toEqual([5880, 5883]);
  });
});
