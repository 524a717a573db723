// Hive Gateway (@graphql-hive/gateway-runtime) in front of our subgraph over HTTP, with a second
// subgraph (the fintech catalogue) that extends `FinancialEntity` and references `Lead`; the gateway
// runs examples/gateway/gateway.config.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHiveGateway, type HiveGateway } from '../../support/hive-gateway.js';
import { useHttpTestGraph } from '../../support/http.js';

const FINANZAS_RAPIDAS = 'b61e0f7a-3c2d-4e8b-8f1a-6d5c4b3a2918';
const ANDRES_ID = 'leancore:2b7c9e41-0d3a-4f65-8c21-9e7d5a3b1c40:573001234567';

const { http } = useHttpTestGraph();
let gateway: HiveGateway;
beforeAll(async () => {
  gateway = await startHiveGateway({
    leadsUrl: http.graphqlUrl,
    fintechs: [{ id: FINANZAS_RAPIDAS, name: 'Finanzas Rápidas', approvedLeadIds: [ANDRES_ID] }],
  });
});
afterAll(() => gateway.close());

describe('Hive Gateway in front', () => {
  it('answers a query across both subgraphs', async () => {
    const { status, json } = await gateway.post({
      query: `query ($id: ID!) { lead(id: $id) { fullName financialEntity { id name } } }`,
      variables: { id: ANDRES_ID },
    });
    expect(json.errors).toBeUndefined();
    expect(status).toBe(200);
    expect(json.data).toEqual({
      lead: { fullName: 'Andrés Felipe Torres', financialEntity: { id: FINANZAS_RAPIDAS, name: 'Finanzas Rápidas' } },
    });
  });
});
