// Federation, proven: our subgraph composed with a fintech catalogue subgraph and run through
// @apollo/gateway; client queries that cross subgraphs both ways; `_entities` batching counted
// at the vendor simulator.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LEANCORE_LEADS } from '../../../src/simulators/leancore-seed.js';
import { FINTECH_TYPE_DEFS, fintechSchema, type Fintech } from '../../support/fintech-subgraph.js';
import { errorCodes, useTestGraph } from '../../support/graph.js';
import { startSupergraph, type Supergraph } from '../../support/supergraph.js';
import { leanCoreId } from '../../support/lead-ids.js';

const FINANZAS_RAPIDAS = 'b61e0f7a-3c2d-4e8b-8f1a-6d5c4b3a2918';
const CREDITO_AGIL = '8d0f1c52-7a4e-4f7e-9a51-2f4a3c9b1e10';
const CARIBE_PAGOS = '1c9e8d7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f';
const ANDRES_ID = leanCoreId('2b7c9e41-0d3a-4f65-8c21-9e7d5a3b1c40', '573001234567');
const VALENTINA_ID = leanCoreId('fd3705e1-3149-4c41-bfe7-cf0bee79cfad', '573136434030');

/** 20 more LeanCore leads approved by Finanzas Rápidas, each with its own phone. */
const APPROVED = Array.from({ length: 20 }, (_, i) => {
  const n = String(i + 1).padStart(2, '0');
  return { uuid: `00000000-0000-4000-8000-0000000000${n}`, digits: `5731055500${n}`, name: `Cliente ${n}` };
});

const CATALOGUE: Fintech[] = [
  {
    id: FINANZAS_RAPIDAS,
    name: 'Finanzas Rápidas',
    approvedLeadIds: APPROVED.map((a) => leanCoreId(a.uuid, a.digits)),
  },
  { id: CREDITO_AGIL, name: 'Crédito Ágil', approvedLeadIds: [VALENTINA_ID] },
  { id: CARIBE_PAGOS, name: 'Caribe Pagos', approvedLeadIds: [VALENTINA_ID] },
];

const t = useTestGraph();
let supergraph: Supergraph;
beforeAll(async () => {
  const template = LEANCORE_LEADS[0];
  if (!template) throw new Error('LeanCore seed is empty');
  for (const a of APPROVED) {
    t.sims.leancore.leads.push({
      ...structuredClone(template),
      id: a.uuid,
      name: a.name,
      lastname: 'Aprobado',
      phone: a.digits,
      email: `cliente${a.digits.slice(-2)}@example.co`,
      business_entity: FINANZAS_RAPIDAS,
    });
  }
  supergraph = await startSupergraph(t.graph, [
    { name: 'fintech', typeDefs: FINTECH_TYPE_DEFS, schema: fintechSchema(CATALOGUE) },
  ]);
});
afterAll(() => supergraph.stop());
afterEach(() => {
  supergraph.leadsRequests.length = 0;
});

const entitiesRounds = () => supergraph.leadsRequests.filter((r) => r.query.includes('_entities'));

describe('a client query through the gateway', () => {
  it('lead → its financial entity: our lead, the name from the fintech subgraph', async () => {
    const result = await supergraph.execute<{
      lead: { fullName: string; financialEntity: { id: string; name: string; ecosystem: string | null } };
    }>(`query ($id: ID!) { lead(id: $id) { fullName financialEntity { id name ecosystem } } }`, { id: ANDRES_ID });
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.lead).toEqual({
      fullName: 'Andrés Felipe Torres',
      financialEntity: { id: FINANZAS_RAPIDAS, name: 'Finanzas Rápidas', ecosystem: 'andino' },
    });
    expect(t.sims.leancore.requestsTo('/lead')).toHaveLength(1);
  });

  it('financial entity → its approved leads: 20 leads in one `_entities` round, one call per phone', async () => {
    const result = await supergraph.execute<{
      financialEntity: {
        name: string;
        approvedLeads: { id: string; phone: string; financialEntity: { name: string } }[];
      };
    }>(
      `query ($id: ID!) {
        financialEntity(id: $id) { name approvedLeads { id phone fullName financialEntity { name } } }
      }`,
      { id: FINANZAS_RAPIDAS },
    );
    expect(errorCodes(result)).toEqual([]);
    const leads = result.data?.financialEntity.approvedLeads ?? [];
    expect(leads.map((l) => l.id)).toEqual(CATALOGUE[0]?.approvedLeadIds);
    expect(leads.map((l) => l.phone)).toEqual(APPROVED.map((a) => `+${a.digits}`));
    expect(new Set(leads.map((l) => l.financialEntity.name))).toEqual(new Set(['Finanzas Rápidas']));

    // One `_entities` operation carried all 20 representations…
    const rounds = entitiesRounds();
    expect(rounds).toHaveLength(1);
    expect((rounds[0]?.variables['representations'] as unknown[]).length).toBe(20);
    // …and LeanCore was asked once per phone, all of them in that one round.
    const phones = t.sims.leancore.requestsTo('/lead').map((r) => r.query['phone']);
    expect(phones.sort()).toEqual(APPROVED.map((a) => a.digits).sort());
  });

  it('the same lead approved by several fintechs: one `_entities` round, one LeanCore call', async () => {
    const result = await supergraph.execute<{
      financialEntities: { name: string; approvedLeads: { id: string; fullName: string }[] }[];
    }>(`{ financialEntities { name approvedLeads { id fullName } } }`);
    expect(errorCodes(result)).toEqual([]);
    const byName = Object.fromEntries(
      (result.data?.financialEntities ?? []).map((f) => [f.name, f.approvedLeads.map((l) => l.fullName)]),
    );
    expect(byName['Crédito Ágil']).toEqual(['Valentina Ríos Gómez']);
    expect(byName['Caribe Pagos']).toEqual(['Valentina Ríos Gómez']);
    expect(entitiesRounds()).toHaveLength(1);
    const phones = t.sims.leancore.requestsTo('/lead').map((r) => r.query['phone']);
    expect(phones.filter((p) => p === '573136434030')).toHaveLength(1);
    expect(phones).toHaveLength(21);
  });

  it("a vendor failure inside `_entities` reaches the client with the vendor's code", async () => {
    t.sims.leancore.inject({ response: { status: 401, json: { message: 'Token inválido' } } });
    try {
      const result = await supergraph.execute(
        `{ financialEntity(id: "${CREDITO_AGIL}") { name approvedLeads { id fullName } } }`,
      );
      expect(errorCodes(result)).toContain('UPSTREAM_UNAUTHORIZED');
      const error = result.errors?.find((e) => e.extensions?.['code'] === 'UPSTREAM_UNAUTHORIZED');
      expect(error?.extensions?.['vendor']).toBe('LEANCORE');
      expect(JSON.stringify(result)).not.toContain(t.sims.leancore.token);
    } finally {
      t.sims.leancore.clearFaults();
    }
  });
});
