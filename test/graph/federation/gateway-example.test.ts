// The README's path from a clone to a gateway: `npm run gateway:example` in front of a running
// Lead Graph answers a query across both subgraphs with the client's key.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { useHttpTestGraph } from '../../support/http.js';
import { freePort, useProcesses } from '../../support/process.js';

const KEY = 'gateway-example-key-0123456789';
const { http } = useHttpTestGraph({ configure: (config) => ({ ...config, auth: loadConfig({ API_KEYS: KEY }).auth }) });
const run = useProcesses();

describe('npm run gateway:example', () => {
  it('starts Hive Gateway in front of Lead Graph and a fintech subgraph, answering across both', async () => {
    const port = await freePort();
    const gateway = run(
      process.execPath,
      ['--import', 'tsx', 'scripts/gateway-example.ts', http.graphqlUrl, '--port', String(port)],
      {},
    );
    const [, url] = await gateway.waitFor(/Hive Gateway ready at (http:\/\/\S+) /);
    expect(gateway.output()).toContain('curl -s');
    const response = await fetch(url!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify({
        query: '{ financialEntity(id: "b61e0f7a-3c2d-4e8b-8f1a-6d5c4b3a2918") { name approvedLeads { fullName } } }',
      }),
    });
    expect(await response.json()).toEqual({
      data: {
        financialEntity: {
          name: 'Finanzas Rápidas',
          approvedLeads: [{ fullName: 'Andrés Felipe Torres' }, { fullName: 'Valentina Ríos Gómez' }],
        },
      },
    });
  });
});
