// A real gateway in front: Hive Gateway (@graphql-hive/gateway-runtime) over HTTP, running
// examples/gateway/gateway.config.ts, composes our subgraph (over HTTP, API keys, JWTs and a router
// secret required) with a fintech subgraph that extends `FinancialEntity` and references `Lead`.
// Proves the trust set-ups of docs/federation.md#router-to-subgraph-trust end to end, `_entities`
// batching counted at the vendor simulator, and that the composed supergraph keeps our directives.
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Kind, parse, type ConstDirectiveNode } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FORWARDED_HEADERS, gatewayConfigFor } from '../../../examples/gateway/gateway.config.js';
import { loadConfig } from '../../../src/config.js';
import { LEANCORE_LEADS } from '../../../src/simulators/leancore-seed.js';
import type { Fintech } from '../../support/fintech-subgraph.js';
import { startHiveGateway, type HiveGateway } from '../../support/hive-gateway.js';
import { useHttpTestGraph, type GraphQLBody } from '../../support/http.js';
import { leanCoreId } from '../../support/lead-ids.js';

const WRITE_KEY = 'gateway-write-key-0123456789';
const READ_KEY = 'gateway-read-key-0123456789';
const ROUTER_SECRET = 'gateway-router-secret-0123456789';
const ISSUER = 'https://id.example.com/';
const AUDIENCE = 'lead-graph';

const FINANZAS_RAPIDAS = 'b61e0f7a-3c2d-4e8b-8f1a-6d5c4b3a2918';
const CREDITO_AGIL = '8d0f1c52-7a4e-4f7e-9a51-2f4a3c9b1e10';
const ANDRES_ID = leanCoreId('2b7c9e41-0d3a-4f65-8c21-9e7d5a3b1c40', '573001234567');
const VALENTINA_ID = leanCoreId('fd3705e1-3149-4c41-bfe7-cf0bee79cfad', '573136434030');
const DELETE = 'mutation { deleteLead(id: "beschannels:5881") }';

/** 12 more LeanCore leads approved by Finanzas Rápidas, each with its own phone. */
const APPROVED = Array.from({ length: 12 }, (_, i) => {
  const n = String(i + 1).padStart(2, '0');
  return { uuid: `00000000-0000-4000-8000-0000000001${n}`, digits: `5731066600${n}`, name: `Cliente ${n}` };
});
const CATALOGUE: Fintech[] = [
  {
    id: FINANZAS_RAPIDAS,
    name: 'Finanzas Rápidas',
    approvedLeadIds: APPROVED.map((a) => leanCoreId(a.uuid, a.digits)),
  },
  { id: CREDITO_AGIL, name: 'Crédito Ágil', approvedLeadIds: [VALENTINA_ID] },
];

let signingKey: CryptoKey;
let jwks: { url: string; server: Server };
beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  signingKey = pair.privateKey;
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'gateway-test', alg: 'ES256', use: 'sig' };
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [publicJwk] }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  jwks = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json` };
});
afterAll(() => jwks.server.close());

const { t, http } = useHttpTestGraph({
  configure: (config) => ({
    ...config,
    auth: loadConfig({
      API_KEYS: `${WRITE_KEY}, ${READ_KEY}:read`,
      JWT_JWKS_URL: jwks.url,
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
      ROUTER_SECRET,
    }).auth,
  }),
});

let gateway: HiveGateway;
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
  gateway = await startHiveGateway({ leadsUrl: http.graphqlUrl, fintechs: CATALOGUE, routerSecret: ROUTER_SECRET });
});
afterAll(() => gateway.close());
beforeEach(() => {
  gateway.leadsRequests.length = 0;
  t.sims.leancore.resetRequests();
  t.sims.beschannels.resetRequests();
});

const codes = (json: GraphQLBody) => (json.errors ?? []).map((e) => e.extensions?.['code']);

function token(scope: string): Promise<string> {
  return new SignJWT({ scope })
    .setProtectedHeader({ alg: 'ES256', kid: 'gateway-test' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject('client-app')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(signingKey);
}

describe('set-up 1: the gateway forwards the client’s API key', () => {
  it('answers a query across both subgraphs, the key and the router secret reaching our subgraph', async () => {
    const { status, json } = await gateway.post(
      {
        query: `query ($id: ID!) { lead(id: $id) { fullName financialEntity { id name ecosystem } } }`,
        variables: { id: ANDRES_ID },
      },
      { 'x-api-key': READ_KEY },
    );
    expect(codes(json)).toEqual([]);
    expect(status).toBe(200);
    expect(json.data).toEqual({
      lead: {
        fullName: 'Andrés Felipe Torres',
        financialEntity: { id: FINANZAS_RAPIDAS, name: 'Finanzas Rápidas', ecosystem: 'andino' },
      },
    });
    expect(gateway.leadsRequests.length).toBeGreaterThan(0);
    for (const request of gateway.leadsRequests) {
      expect(request.headers['x-api-key']).toBe(READ_KEY);
      expect(request.headers['x-router-secret']).toBe(ROUTER_SECRET);
    }
  });

  it('gives a read key FORBIDDEN on a mutation, with no vendor call', async () => {
    const { json } = await gateway.post({ query: DELETE }, { 'x-api-key': READ_KEY });
    expect(codes(json)).toEqual(['FORBIDDEN']);
    expect(t.sims.beschannels.requests).toHaveLength(0);
  });

  it('refuses a client without credentials: UNAUTHENTICATED, the router was not at fault', async () => {
    const { json } = await gateway.post({ query: `{ lead(id: "${ANDRES_ID}") { fullName } }` });
    expect(codes(json)).toContain('UNAUTHENTICATED');
    expect(JSON.stringify(json)).not.toContain(ROUTER_SECRET);
  });

  it('batches `_entities`: 12 approved leads in one request to our subgraph, one vendor round', async () => {
    const { json } = await gateway.post(
      {
        query: `query ($id: ID!) { financialEntity(id: $id) { name approvedLeads { id phone financialEntity { name } } } }`,
        variables: { id: FINANZAS_RAPIDAS },
      },
      { 'x-api-key': READ_KEY },
    );
    expect(codes(json)).toEqual([]);
    const entity = json.data?.['financialEntity'] as { approvedLeads: { id: string; phone: string }[] };
    expect(entity.approvedLeads.map((l) => l.id)).toEqual(CATALOGUE[0]?.approvedLeadIds);
    expect(entity.approvedLeads.map((l) => l.phone)).toEqual(APPROVED.map((a) => `+${a.digits}`));
    const rounds = gateway.leadsRequests.filter((r) => r.query.includes('_entities'));
    expect(rounds).toHaveLength(1);
    expect(rounds[0]?.variables['representations']).toHaveLength(12);
    // One LeanCore call per lead, all in that round: no call per representation made twice.
    const phones = t.sims.leancore.requestsTo('/lead').map((r) => r.query['phone']);
    expect(phones.sort()).toEqual(APPROVED.map((a) => a.digits).sort());
  });
});

describe('set-up 2: the gateway forwards the client’s JWT, which our subgraph verifies against the JWKS', () => {
  it('serves a token with leads:read and gives it FORBIDDEN on a mutation', async () => {
    const bearer = `Bearer ${await token('leads:read')}`;
    const read = await gateway.post(
      { query: `{ lead(id: "${VALENTINA_ID}") { fullName } }` },
      { authorization: bearer },
    );
    expect(codes(read.json)).toEqual([]);
    expect(read.json.data).toEqual({ lead: { fullName: 'Valentina Ríos Gómez' } });
    expect(gateway.leadsRequests[0]?.headers['authorization']).toBe(bearer);
    const write = await gateway.post({ query: DELETE }, { authorization: bearer });
    expect(codes(write.json)).toEqual(['FORBIDDEN']);
  });
});

describe('a gateway that forwards only the router secret', () => {
  let forgetful: HiveGateway;
  beforeAll(async () => {
    forgetful = await startHiveGateway({
      leadsUrl: http.graphqlUrl,
      fintechs: CATALOGUE,
      config: { propagateHeaders: { fromClientToSubgraphs: () => ({ 'x-router-secret': ROUTER_SECRET }) } },
    });
  });
  afterAll(() => forgetful.close());

  it('tells the client the router did not forward its credentials (CREDENTIALS_NOT_FORWARDED)', async () => {
    const { json } = await forgetful.post(
      { query: `{ lead(id: "${ANDRES_ID}") { fullName } }` },
      { 'x-api-key': READ_KEY },
    );
    const error = json.errors?.find((e) => e.extensions?.['code'] === 'UNAUTHENTICATED');
    expect(error?.extensions?.['reason']).toBe('CREDENTIALS_NOT_FORWARDED');
    expect(error?.message).toContain('docs/federation.md#router-to-subgraph-trust');
    expect(JSON.stringify(json)).not.toContain(ROUTER_SECRET);
  });
});

describe('the supergraph and the example configuration', () => {
  /** Directive names used on fields or types of the composed supergraph. */
  function directivesUsed(sdl: string): Set<string> {
    const used = new Set<string>();
    const visit = (directives: readonly ConstDirectiveNode[] | undefined) =>
      directives?.forEach((d) => used.add(d.name.value));
    for (const definition of parse(sdl).definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
      visit(definition.directives);
      for (const field of definition.fields ?? []) visit(field.directives);
    }
    return used;
  }

  it('composes without a hint (no UNUSED_ENUM_TYPE CacheControlScope)', () => {
    expect(gateway.compositionHints).toEqual([]);
  });

  it('carries @cost, @listSize, @authenticated and @requiresScopes', () => {
    const used = directivesUsed(gateway.supergraphSdl);
    for (const name of ['cost', 'listSize', 'authenticated', 'requiresScopes']) expect(used, name).toContain(name);
  });

  it('forwards what our subgraph reads, to our subgraph only', () => {
    expect([...FORWARDED_HEADERS].sort()).toEqual(['authorization', 'traceparent', 'tracestate', 'x-api-key']);
    const config = gatewayConfigFor({ routerSecret: ROUTER_SECRET });
    const request = new Request('http://gateway.test/graphql', {
      headers: { 'x-api-key': READ_KEY, cookie: 'session=1', traceparent: '00-1-2-01' },
    });
    const forward = config.propagateHeaders?.fromClientToSubgraphs;
    expect(forward).toBeDefined();
    const payload = (subgraphName: string) =>
      ({ request, subgraphName }) as unknown as Parameters<NonNullable<typeof forward>>[0];
    expect(forward?.(payload('leads'))).toEqual({
      'x-api-key': READ_KEY,
      traceparent: '00-1-2-01',
      'x-router-secret': ROUTER_SECRET,
    });
    expect(forward?.(payload('fintech'))).toEqual({});
  });
});
