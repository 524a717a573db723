// Lead Graph behind a router, seen from the subgraph (docs/federation.md#router-to-subgraph-trust):
// with ROUTER_SECRET only the router is served, and a request that came through a router without
// the client's credentials is told the router did not forward them.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { useHttpTestGraph } from '../../support/http.js';

const KEY = 'router-trust-key-0123456789';
const SECRET = 'router-secret-0123456789-abcdef';
const ASK = '{ vendors { vendor } }';
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

const withSecret = useHttpTestGraph({
  configure: (config) => ({
    ...config,
    auth: loadConfig({ API_KEYS: KEY, ROUTER_SECRET: SECRET, ROUTER_SECRET_HEADER: 'X-Lead-Graph-Router' }).auth,
  }),
});
const withoutSecret = useHttpTestGraph({
  configure: (config) => ({ ...config, auth: loadConfig({ API_KEYS: KEY }).auth }),
});

const extensionsOf = (json: { errors?: { extensions?: Record<string, unknown> }[] }) => json.errors?.[0]?.extensions;

describe('ROUTER_SECRET', () => {
  it('refuses a request without the secret, even with a good key: 401 ROUTER_SECRET_MISSING, no vendor call', async () => {
    withSecret.t.sims.leancore.resetRequests();
    const { status, json, headers } = await withSecret.http.post({ query: ASK }, { 'x-api-key': KEY });
    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toBe('RouterSecret');
    expect(extensionsOf(json)).toEqual({ code: 'UNAUTHENTICATED', reason: 'ROUTER_SECRET_MISSING' });
    expect(json.errors?.[0]?.message).toContain('x-lead-graph-router');
    expect(json.data).toBeUndefined();
    expect(withSecret.t.sims.leancore.requests).toHaveLength(0);
  });

  it('refuses a wrong secret without repeating either: 401 ROUTER_SECRET_INVALID', async () => {
    const wrong = `${SECRET.slice(0, -1)}X`;
    const { status, json } = await withSecret.http.post(
      { query: ASK },
      { 'x-api-key': KEY, 'x-lead-graph-router': wrong },
    );
    expect(status).toBe(401);
    expect(extensionsOf(json)).toEqual({ code: 'UNAUTHENTICATED', reason: 'ROUTER_SECRET_INVALID' });
    const text = JSON.stringify(json);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(wrong);
  });

  it('serves the router (secret) and its client (key)', async () => {
    const { status, json } = await withSecret.http.post(
      { query: ASK },
      { 'x-api-key': KEY, 'x-lead-graph-router': SECRET },
    );
    expect(json.errors).toBeUndefined();
    expect(status).toBe(200);
  });

  it('with the secret but no credentials: the router did not forward them (CREDENTIALS_NOT_FORWARDED)', async () => {
    const { status, json } = await withSecret.http.post({ query: ASK }, { 'x-lead-graph-router': SECRET });
    expect(status).toBe(401);
    expect(extensionsOf(json)).toEqual({ code: 'UNAUTHENTICATED', reason: 'CREDENTIALS_NOT_FORWARDED' });
    expect(json.errors?.[0]?.message).toMatch(/router must forward the client's x-api-key .*docs\/federation\.md#/);
    expect(JSON.stringify(json)).not.toContain(SECRET);
  });
});

describe('a request without credentials', () => {
  it('that came through a router (traceparent, x-forwarded-for): names the header it did not forward', async () => {
    const signs: Record<string, string>[] = [{ traceparent: TRACEPARENT }, { 'x-forwarded-for': '203.0.113.7' }];
    for (const sign of signs) {
      const { status, json } = await withoutSecret.http.post({ query: ASK }, sign);
      expect(status).toBe(401);
      expect(extensionsOf(json)).toEqual({ code: 'UNAUTHENTICATED', reason: 'CREDENTIALS_NOT_FORWARDED' });
      expect(json.errors?.[0]?.message).toContain(Object.keys(sign)[0]);
    }
  });

  it('called directly: the plain refusal, no reason, pointing at the router docs all the same', async () => {
    const { status, json } = await withoutSecret.http.post({ query: ASK });
    expect(status).toBe(401);
    expect(extensionsOf(json)).toEqual({ code: 'UNAUTHENTICATED' });
    // A default gateway adds no mark of its own: the message still says where a key may be lost.
    expect(json.errors?.[0]?.message).toContain('through a router, it must forward it');
  });

  it('with a wrong key behind a router: the plain refusal (the key was forwarded)', async () => {
    const { json } = await withoutSecret.http.post(
      { query: ASK },
      { 'x-api-key': `${KEY}x`, traceparent: TRACEPARENT },
    );
    expect(extensionsOf(json)).toEqual({ code: 'UNAUTHENTICATED' });
  });
});
