// Client authentication through real HTTP: API keys, JWTs checked against a JWKS served on
// loopback (keys made here with jose), scopes, and what an unauthenticated caller gets.
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { startTestGraph, type TestGraph } from '../../support/graph.js';
import { serveHttp, type HttpTestServer } from '../../support/http.js';

const WRITE_KEY = 'write-key-0123456789abcdef';
const READ_KEY = 'read-key-0123456789abcdef';
const ISSUER = 'https://id.example.com/';
const AUDIENCE = 'lead-graph';
const ASK_LEANCORE = '{ searchLeads(phone: "3136434030", vendors: [LEANCORE]) { leads { fullName } } }';
const DELETE = 'mutation { deleteLead(id: "beschannels:5881") }';

/** An identity provider's JWKS endpoint on loopback, counting its fetches. */
async function startJwks(publicJwk: JWK): Promise<{ url: string; server: Server; fetches: number }> {
  const state = { url: '', server: createServer(), fetches: 0 };
  state.server.on('request', (_req, res) => {
    state.fetches++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [publicJwk] }));
  });
  state.server.listen(0, '127.0.0.1');
  await once(state.server, 'listening');
  state.url = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}/.well-known/jwks.json`;
  return state;
}

let t: TestGraph;
let http: HttpTestServer;
let signingKey: CryptoKey;
let foreignKey: CryptoKey;
let jwks: Awaited<ReturnType<typeof startJwks>>;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  signingKey = pair.privateKey;
  foreignKey = (await generateKeyPair('ES256')).privateKey;
  jwks = await startJwks({ ...(await exportJWK(pair.publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' });
  const { nodeEnv, auth } = loadConfig({
    NODE_ENV: 'production',
    LEAD_ID_KEY: 'a-production-lead-id-key-0000000001',
    API_KEYS: `${WRITE_KEY}, ${READ_KEY}:read`,
    JWT_JWKS_URL: jwks.url,
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: AUDIENCE,
  });
  t = await startTestGraph({ configure: (config) => ({ ...config, nodeEnv, auth }) });
  http = await serveHttp(t);
});
afterAll(async () => {
  await http.close();
  await t.stop();
  jwks.server.close();
});

/** A signed token; `expiresIn: null` or `issuedAt: null` leaves that claim out. */
function token(
  claims: Record<string, unknown>,
  options: {
    key?: CryptoKey;
    audience?: string;
    expiresIn?: string | null;
    subject?: string;
    /** Seconds since the epoch. @default now */
    issuedAt?: number | null;
  } = {},
) {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: 'test-key' })
    .setIssuer(ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setSubject(options.subject ?? 'router');
  if (options.issuedAt !== null) jwt.setIssuedAt(options.issuedAt);
  if (options.expiresIn !== null) jwt.setExpirationTime(options.expiresIn ?? '5m');
  return jwt.sign(options.key ?? signingKey);
}

const codeOf = (body: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  body.errors?.[0]?.extensions?.['code'];

describe('API keys', () => {
  it('refuses a caller without credentials: 401 UNAUTHENTICATED, no vendor call', async () => {
    t.sims.leancore.resetRequests();
    const response = await http.post({ query: ASK_LEANCORE });
    expect(response.status).toBe(401);
    expect(codeOf(response.json)).toBe('UNAUTHENTICATED');
    expect(response.json.data).toBeUndefined();
    expect(t.sims.leancore.requests).toHaveLength(0);
  });

  it('refuses a wrong key the same way', async () => {
    const response = await http.post({ query: ASK_LEANCORE }, { 'x-api-key': `${WRITE_KEY}x` });
    expect(response.status).toBe(401);
    expect(codeOf(response.json)).toBe('UNAUTHENTICATED');
  });

  it('refuses the landing page and GET queries without credentials too', async () => {
    const landing = await fetch(http.graphqlUrl, { headers: { accept: 'text/html' } });
    expect(landing.status).toBe(401);
    const get = await fetch(`${http.graphqlUrl}?query=${encodeURIComponent('{ vendors { vendor } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(401);
  });

  it('lets a read-only key query', async () => {
    const response = await http.post({ query: ASK_LEANCORE }, { 'x-api-key': READ_KEY });
    expect(response.status).toBe(200);
    expect(response.json.data).toEqual({ searchLeads: { leads: [{ fullName: 'Valentina Ríos Gómez' }] } });
  });

  it('refuses a mutation from a read-only key with FORBIDDEN before any vendor call', async () => {
    t.sims.beschannels.resetRequests();
    const response = await http.post({ query: DELETE }, { 'x-api-key': READ_KEY });
    expect(response.status).toBe(403);
    expect(codeOf(response.json)).toBe('FORBIDDEN');
    expect(response.json.data).toBeUndefined();
    expect(t.sims.beschannels.requests).toHaveLength(0);
    expect(t.sims.beschannels.leads.some((lead) => lead.leads_id === 5881)).toBe(true);
  });

  it('lets a read-and-write key write', async () => {
    const response = await http.post({ query: DELETE }, { 'x-api-key': WRITE_KEY });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ data: { deleteLead: 'beschannels:5881' } });
  });
});

const bearer = async (claims: Record<string, unknown>, options?: Parameters<typeof token>[1]) => ({
  authorization: `Bearer ${await token(claims, options)}`,
});

describe('JWTs', () => {
  it('lets a token with leads:read query', async () => {
    const response = await http.post({ query: ASK_LEANCORE }, await bearer({ scope: 'openid leads:read' }));
    expect(response.status).toBe(200);
    expect(response.json.errors).toBeUndefined();
    expect(jwks.fetches).toBeGreaterThan(0);
  });

  it('refuses a mutation to a token without leads:write: FORBIDDEN, no vendor call', async () => {
    t.sims.beschannels.resetRequests();
    const response = await http.post(
      { query: 'mutation { deleteLead(id: "beschannels:5880") }' },
      await bearer({ scope: 'leads:read' }),
    );
    expect(response.status).toBe(403);
    expect(codeOf(response.json)).toBe('FORBIDDEN');
    expect(t.sims.beschannels.requests).toHaveLength(0);
  });

  it('lets a token with leads:write (as a list claim too) write', async () => {
    const response = await http.post(
      { query: 'mutation { deleteLead(id: "beschannels:5880") }' },
      await bearer({ scope: ['leads:read', 'leads:write'] }),
    );
    expect(response.json).toEqual({ data: { deleteLead: 'beschannels:5880' } });
  });

  it('keeps idempotency keys per token subject: the same subject repeats, another makes its own write', async () => {
    t.sims.beschannels.resetRequests();
    const create = {
      query: `mutation { createLead(input: { fullName: "Por Token", phone: "+573109990001" }, idempotencyKey: "k-1") { id } }`,
    };
    const asRouter = await bearer({ scope: 'leads:write' });
    const first = await http.post(create, asRouter);
    expect(first.json.errors).toBeUndefined();
    expect(await http.post(create, await bearer({ scope: 'leads:write' }))).toMatchObject({ json: first.json });
    expect(t.sims.beschannels.requestsTo('/create-leads')).toHaveLength(1);
    // Another subject's "k-1" is a new write: it reaches BesChannels, which has the phone already.
    const other = await http.post(create, await bearer({ scope: 'leads:write' }, { subject: 'other-app' }));
    expect(codeOf(other.json)).toBe('UPSTREAM_REJECTED');
    expect(t.sims.beschannels.requestsTo('/create-leads')).toHaveLength(2);
  });

  it('refuses a query to a token without leads:read', async () => {
    const response = await http.post({ query: ASK_LEANCORE }, await bearer({ scope: 'openid profile' }));
    expect(response.status).toBe(403);
    expect(codeOf(response.json)).toBe('FORBIDDEN');
  });

  it('refuses tokens signed by another key, for another audience, expired, or garbled: 401', async () => {
    const refused = [
      await bearer({ scope: 'leads:read' }, { key: foreignKey }),
      await bearer({ scope: 'leads:read' }, { audience: 'someone-else' }),
      await bearer({ scope: 'leads:read' }, { expiresIn: '-1m' }),
      { authorization: 'Bearer not.a.jwt' },
    ];
    for (const headers of refused) {
      const response = await http.post({ query: ASK_LEANCORE }, headers);
      expect(response.status).toBe(401);
      expect(codeOf(response.json)).toBe('UNAUTHENTICATED');
    }
  });
});

describe('token lifetime (issue 20)', () => {
  const reasonOf = (body: { errors?: { extensions?: Record<string, unknown> }[] }) =>
    body.errors?.[0]?.extensions?.['reason'];

  it('refuses a token without `exp`, even one issued at 1 (1970): 401 TOKEN_WITHOUT_EXPIRY, no vendor call', async () => {
    t.sims.leancore.resetRequests();
    for (const issuedAt of [undefined, 1]) {
      const response = await http.post(
        { query: ASK_LEANCORE },
        await bearer({ scope: 'leads:read' }, { expiresIn: null, issuedAt }),
      );
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(response.json.errors?.[0]).toMatchObject({
        message: expect.stringContaining('no `exp` claim') as unknown,
        extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_WITHOUT_EXPIRY' },
      });
    }
    expect(t.sims.leancore.requests).toHaveLength(0);
  });

  it('says TOKEN_EXPIRED for an expired token; without JWT_MAX_TOKEN_AGE_SECONDS an old `iat` with a live `exp` passes', async () => {
    const expired = await http.post(
      { query: ASK_LEANCORE },
      await bearer({ scope: 'leads:read' }, { expiresIn: '-1m' }),
    );
    expect(expired.status).toBe(401);
    expect(reasonOf(expired.json)).toBe('TOKEN_EXPIRED');
    const old = await http.post({ query: ASK_LEANCORE }, await bearer({ scope: 'leads:read' }, { issuedAt: 1 }));
    expect(old.status).toBe(200);
  });

  it('gives no reason for a token that fails its signature or audience', async () => {
    const foreign = await http.post(
      { query: ASK_LEANCORE },
      await bearer({ scope: 'leads:read' }, { key: foreignKey, expiresIn: null }),
    );
    expect(foreign.status).toBe(401);
    expect(foreign.json.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  describe('with JWT_MAX_TOKEN_AGE_SECONDS=600', () => {
    let aged: TestGraph;
    let agedHttp: HttpTestServer;
    beforeAll(async () => {
      const { auth } = loadConfig({
        NODE_ENV: 'production',
        LEAD_ID_KEY: 'a-production-lead-id-key-0000000001',
        JWT_JWKS_URL: jwks.url,
        JWT_ISSUER: ISSUER,
        JWT_AUDIENCE: AUDIENCE,
        JWT_MAX_TOKEN_AGE_SECONDS: '600',
      });
      expect(auth.jwt?.maxTokenAgeSeconds).toBe(600);
      aged = await startTestGraph({
        sims: t.sims,
        configure: (config) => ({ ...config, nodeEnv: 'production', auth }),
      });
      agedHttp = await serveHttp(aged);
    });
    afterAll(async () => {
      await agedHttp.close();
      await aged.stop();
    });
    const now = () => Math.floor(Date.now() / 1000);

    it('refuses a token issued at 1 whose `exp` is still ahead: 401 TOKEN_TOO_OLD, no vendor call', async () => {
      t.sims.leancore.resetRequests();
      const response = await agedHttp.post(
        { query: ASK_LEANCORE },
        await bearer({ scope: 'leads:read' }, { issuedAt: 1 }),
      );
      expect(response.status).toBe(401);
      expect(response.json.errors?.[0]).toMatchObject({
        message: 'The token was issued more than 600 s ago: get a new one',
        extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_TOO_OLD' },
      });
      expect(t.sims.leancore.requests).toHaveLength(0);
    });

    it('refuses a token without `iat` (its age is unknown): 401 TOKEN_WITHOUT_ISSUED_AT', async () => {
      const response = await agedHttp.post(
        { query: ASK_LEANCORE },
        await bearer({ scope: 'leads:read' }, { issuedAt: null }),
      );
      expect(response.status).toBe(401);
      expect(reasonOf(response.json)).toBe('TOKEN_WITHOUT_ISSUED_AT');
    });

    it('lets a token issued within the age through, and refuses one just past it', async () => {
      const fresh = await agedHttp.post(
        { query: ASK_LEANCORE },
        await bearer({ scope: 'leads:read' }, { issuedAt: now() - 500 }),
      );
      expect(fresh.status).toBe(200);
      expect(fresh.json.data).toEqual({ searchLeads: { leads: [{ fullName: 'Valentina Ríos Gómez' }] } });
      // Past 600 s and the 5 s of clock tolerance.
      const stale = await agedHttp.post(
        { query: ASK_LEANCORE },
        await bearer({ scope: 'leads:read' }, { issuedAt: now() - 700 }),
      );
      expect(stale.status).toBe(401);
      expect(reasonOf(stale.json)).toBe('TOKEN_TOO_OLD');
    });
  });

  it('refuses JWT_MAX_TOKEN_AGE_SECONDS without JWTs configured', () => {
    expect(() => loadConfig({ JWT_MAX_TOKEN_AGE_SECONDS: '600' })).toThrow(
      /JWT_MAX_TOKEN_AGE_SECONDS needs JWT_JWKS_URL/,
    );
  });
});
