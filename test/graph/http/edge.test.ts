// The HTTP edge as a browser or a stranger meets it: CORS, body limits, malformed bodies,
// unknown paths, request ids, routes that bypass authentication. Real HTTP on loopback.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { sendJson } from '../../../src/http/json.js';
import { useHttpTestGraph } from '../../support/http.js';

const WRITE_KEY = 'write-key-0123456789abcdef';
const APP_ORIGIN = 'https://app.example.com';
const ASK_LEANCORE = '{ searchLeads(phone: "3136434030", vendors: [LEANCORE]) { leads { fullName } } }';

/** The edge settings production gets from these variables (through the real parser). */
function productionEdge(env: Record<string, string> = {}) {
  const { nodeEnv, http, auth, queryLimits } = loadConfig({
    NODE_ENV: 'production',
    API_KEYS: WRITE_KEY,
    LEAD_ID_KEY: 'a-production-lead-id-key-0000000001',
    CORS_ORIGINS: APP_ORIGIN,
    MAX_BODY_BYTES: '20000',
    ...env,
  });
  return { nodeEnv, http, auth, queryLimits };
}

describe('in development (no settings)', () => {
  const { t, http } = useHttpTestGraph();

  it('serves anyone, from any origin', async () => {
    const response = await http.post({ query: ASK_LEANCORE }, { origin: 'https://anywhere.example' });
    expect(response.status).toBe(200);
    expect(response.json.data).toEqual({ searchLeads: { leads: [{ fullName: 'Valentina Ríos Gómez' }] } });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers a body over the default 1 MB limit with 413 and a JSON error, calling no vendor', async () => {
    t.sims.leancore.resetRequests();
    const padding = 'x'.repeat(1_000_001);
    const response = await http.post({ query: ASK_LEANCORE, variables: { padding } });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.json.errors?.[0]?.extensions?.['code']).toBe('PAYLOAD_TOO_LARGE');
    expect(t.sims.leancore.requests).toHaveLength(0);
  });

  it('answers malformed JSON with 400 and a JSON error, no HTML, no stack, no path', async () => {
    const response = await http.post('{"query": "{ vendors { vendor } }"');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.json).toEqual({
      errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('answers a syntax error with 400 GRAPHQL_PARSE_FAILED', async () => {
    const response = await http.post({ query: '{ vendors { vendor }' });
    expect(response.status).toBe(400);
    expect(response.json.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('answers a document past the token limit with 400 GRAPHQL_PARSE_FAILED, calling no vendor', async () => {
    t.sims.leancore.resetRequests();
    const fields = Array.from({ length: 1_000 }, () => 'fullName').join(' ');
    const response = await http.post({
      query: `{ searchLeads(phone: "3136434030", vendors: [LEANCORE]) { leads { ${fields} } } }`,
    });
    expect(response.status).toBe(400);
    expect(response.json.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_PARSE_FAILED');
    expect(response.json.errors?.[0]?.message).toMatch(/more that 1000 tokens/);
    expect(t.sims.leancore.requests).toHaveLength(0);
  });

  it('answers an unknown path with 404 JSON', async () => {
    const response = await fetch(`${http.url}/nothing-here`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
  });

  it('gives every answer a request id, keeping a well-formed one the caller sent', async () => {
    const given = await http.post({ query: '{ vendors { vendor } }' }, { 'x-request-id': 'router-trace.42' });
    expect(given.headers.get('x-request-id')).toBe('router-trace.42');
    const replaced = await http.post({ query: '{ vendors { vendor } }' }, { 'x-request-id': 'bad id\twith spaces' });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('in production', () => {
  const { http } = useHttpTestGraph(
    { configure: (config) => ({ ...config, ...productionEdge() }) },
    { openRoutes: { 'GET /ping': (_req, res) => sendJson(res, 200, { pong: true }) } },
  );

  it('lets an allowed origin read the answer', async () => {
    const response = await http.post({ query: ASK_LEANCORE }, { origin: APP_ORIGIN, 'x-api-key': WRITE_KEY });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(response.headers.get('vary')).toMatch(/origin/i);
  });

  it('gives a foreign origin no CORS headers, so its browser will not hand over the answer', async () => {
    const response = await http.post(
      { query: ASK_LEANCORE },
      { origin: 'https://evil.example', 'x-api-key': WRITE_KEY },
    );
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers the preflight of an allowed origin, listing x-api-key and authorization', async () => {
    const response = await fetch(http.graphqlUrl, {
      method: 'OPTIONS',
      headers: {
        origin: APP_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, x-api-key',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    const allowed = response.headers.get('access-control-allow-headers')?.split(',') ?? [];
    expect(allowed).toEqual(expect.arrayContaining(['x-api-key', 'authorization', 'content-type']));
  });

  it('answers the preflight of a foreign origin without allowing it', async () => {
    const response = await fetch(http.graphqlUrl, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('applies MAX_BODY_BYTES: 413 JSON past it', async () => {
    const response = await http.post(
      { query: ASK_LEANCORE, variables: { padding: 'x'.repeat(20_000) } },
      { 'x-api-key': WRITE_KEY },
    );
    expect(response.status).toBe(413);
    expect(response.json).toEqual({
      errors: [{ message: 'The request body is over 20000 bytes', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
  });

  it('serves the routes mounted before authentication to anyone', async () => {
    const response = await fetch(`${http.url}/ping`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ pong: true });
  });

  it('answers HEAD on those routes as GET, without a body, and forgives one trailing slash', async () => {
    const head = await fetch(`${http.url}/ping/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const graphql = await fetch(`${http.graphqlUrl}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': WRITE_KEY },
      body: JSON.stringify({ query: '{ vendors { vendor } }' }),
    });
    expect(graphql.status).toBe(200);
    const body = (await graphql.json()) as { data?: { vendors?: unknown[] } };
    expect(body.data?.vendors?.length).toBeGreaterThan(0);
    expect((await fetch(`${http.url}/ping`, { method: 'POST' })).status).toBe(404);
  });
});
