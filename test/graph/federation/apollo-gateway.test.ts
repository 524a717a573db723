// @apollo/gateway users (docs/federation.md#apollo-gateway): it refuses a supergraph with
// `@authenticated` / `@requiresScopes` (SECURITY features it cannot enforce). With
// FEDERATION_SDL=without-router-directives our `_service { sdl }` leaves the two out, the gateway
// composes from it over HTTP (IntrospectAndCompose), and our subgraph still enforces both.
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { printSubgraphSdl } from '../../../src/schema.js';
import { errorCodes } from '../../support/graph.js';
import { composeSupergraph } from '../../support/hive-gateway.js';
import { useHttpTestGraph } from '../../support/http.js';
import { leanCoreId } from '../../support/lead-ids.js';

const WRITE_KEY = 'apollo-gateway-write-key-0123';
const READ_KEY = 'apollo-gateway-read-key-0123';
const VALENTINA_ID = leanCoreId('fd3705e1-3149-4c41-bfe7-cf0bee79cfad', '573136434030');

interface GatewayContext {
  apiKey?: string;
}

const LOADED = loadConfig({ API_KEYS: `${WRITE_KEY}, ${READ_KEY}:read`, FEDERATION_SDL: 'without-router-directives' });
const { t, http } = useHttpTestGraph({
  configure: (config) => ({ ...config, auth: LOADED.auth, federationSdl: LOADED.federationSdl }),
});

let server: ApolloServer<GatewayContext>;
beforeAll(async () => {
  const gateway = new ApolloGateway({
    logger: createLogger('silent'),
    supergraphSdl: new IntrospectAndCompose({ subgraphs: [{ name: 'leads', url: http.graphqlUrl }] }),
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url,
        // Set-up 1: the client's key goes on; composition itself reads `_service` with a read key.
        willSendRequest({ request, context }) {
          const { apiKey } = context as Partial<GatewayContext>;
          request.http?.headers.set('x-api-key', typeof apiKey === 'string' ? apiKey : READ_KEY);
        },
      }),
  });
  server = new ApolloServer<GatewayContext>({ gateway, logger: createLogger('silent') });
  await server.start();
});
afterAll(() => server.stop());

async function execute(query: string, apiKey: string) {
  const response = await server.executeOperation({ query }, { contextValue: { apiKey } });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

describe('FEDERATION_SDL=without-router-directives', () => {
  it('serves `_service { sdl }` without @authenticated / @requiresScopes, keeping @cost and @listSize', async () => {
    const { json } = await http.post({ query: '{ _service { sdl } }' }, { 'x-api-key': READ_KEY });
    const sdl = (json.data?.['_service'] as { sdl: string }).sdl;
    expect(sdl).toBe(printSubgraphSdl('without-router-directives'));
    expect(sdl).not.toMatch(/@authenticated|@requiresScopes/);
    expect(sdl).toMatch(/@cost\(weight: /);
    expect(sdl).toMatch(/@listSize\(/);
  });

  it('lets @apollo/gateway compose from it and answer a read key', async () => {
    const result = await execute(`{ lead(id: "${VALENTINA_ID}") { fullName } }`, READ_KEY);
    expect(errorCodes(result)).toEqual([]);
    expect(result.data).toEqual({ lead: { fullName: 'Valentina Ríos Gómez' } });
  });

  it('still gives a read key FORBIDDEN on a mutation: the subgraph enforces the scopes', async () => {
    t.sims.beschannels.resetRequests();
    const result = await execute('mutation { deleteLead(id: "beschannels:5881") }', READ_KEY);
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect(t.sims.beschannels.requests).toHaveLength(0);
  });

  it('is needed: @apollo/gateway refuses the full SDL', async () => {
    const { supergraphSdl } = composeSupergraph([
      { name: 'leads', url: http.graphqlUrl, typeDefs: parse(printSubgraphSdl('full')) },
    ]);
    const gateway = new ApolloGateway({ supergraphSdl, logger: createLogger('silent') });
    await expect(gateway.load()).rejects.toThrow(/SECURITY/);
    await gateway.stop().catch(() => undefined);
  });
});
