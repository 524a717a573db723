// How vendor failures reach the client, through the shared HTTP layer (LeanCore's simulator
// stands in for any vendor here; the layer is the same for all).
import { describe, expect, it } from 'vitest';
import { errorCodes, startTestGraph, useTestGraph } from '../../support/graph.js';
import { leanCoreId } from '../../support/lead-ids.js';

const VALENTINA = leanCoreId('fd3705e1-3149-4c41-bfe7-cf0bee79cfad', '573136434030');
const LEAD_QUERY = `query($id: ID!) { lead(id: $id) { id } }`;

// A generous bound, so retries always fit in it however loaded the machine is; `impatient` has a
// short one for the timeout cases.
const t = useTestGraph({ timeoutMs: 10_000 });
const impatient = useTestGraph({ timeoutMs: 300 });

const fetchLead = () => t.execute(LEAD_QUERY, { id: VALENTINA });
const firstExtensions = (result: Awaited<ReturnType<typeof fetchLead>>) => result.errors?.[0]?.extensions;

describe('vendor failures become typed errors', () => {
  it('retries a failing read a bounded number of times, then reports UPSTREAM_ERROR with the status', async () => {
    t.sims.leancore.inject({ response: { status: 500, json: { message: 'boom' } } });
    const result = await fetchLead();
    expect(result.data).toEqual({ lead: null });
    expect(firstExtensions(result)).toMatchObject({ code: 'UPSTREAM_ERROR', vendor: 'LEANCORE', upstreamStatus: 500 });
    expect(t.sims.leancore.requests).toHaveLength(3); // one call and two retries
  });

  it('recovers when a retry succeeds', async () => {
    t.sims.leancore.inject({ response: { status: 502, text: 'Bad Gateway' }, times: 1 });
    const result = await fetchLead();
    expect(errorCodes(result)).toEqual([]);
    expect(result.data).toEqual({ lead: { id: VALENTINA } });
    expect(t.sims.leancore.requests).toHaveLength(2);
  });

  it('reports RATE_LIMITED with retryAfterSeconds when the vendor asks to wait longer than the budget', async () => {
    t.sims.leancore.inject({
      response: { status: 429, json: { message: 'slow down' }, headers: { 'retry-after': '120' } },
    });
    const result = await fetchLead();
    expect(firstExtensions(result)).toMatchObject({
      code: 'RATE_LIMITED',
      vendor: 'LEANCORE',
      upstreamStatus: 429,
      retryAfterSeconds: 120,
    });
    expect(t.sims.leancore.requests).toHaveLength(1);
  });

  it('answers a 429 with RATE_LIMITED at once, never retried; Retry-After: 0 holds nothing back', async () => {
    t.sims.leancore.inject({ response: { status: 429, json: {}, headers: { 'retry-after': '0' } }, times: 1 });
    const result = await fetchLead();
    expect(firstExtensions(result)).toMatchObject({ code: 'RATE_LIMITED', vendor: 'LEANCORE', retryAfterSeconds: 0 });
    expect(t.sims.leancore.requests).toHaveLength(1);
    expect((await fetchLead()).data).toEqual({ lead: { id: VALENTINA } });
    expect(t.sims.leancore.requests).toHaveLength(2);
  });

  it('reports UPSTREAM_TIMEOUT for a vendor that never answers', async () => {
    impatient.sims.leancore.inject({ hang: true });
    const result = await impatient.execute(LEAD_QUERY, { id: VALENTINA });
    expect(firstExtensions(result)).toMatchObject({ code: 'UPSTREAM_TIMEOUT', vendor: 'LEANCORE' });
  });

  it('reports UPSTREAM_TIMEOUT for a vendor slower than its timeout', async () => {
    impatient.sims.leancore.inject({ delayMs: 2_000 });
    const result = await impatient.execute(LEAD_QUERY, { id: VALENTINA });
    expect(firstExtensions(result)).toMatchObject({ code: 'UPSTREAM_TIMEOUT', vendor: 'LEANCORE' });
  });

  it('reports UPSTREAM_ERROR for a body that is not JSON', async () => {
    t.sims.leancore.inject({ response: { status: 200, text: '<html>Service Unavailable</html>' } });
    const result = await fetchLead();
    expect(firstExtensions(result)).toMatchObject({ code: 'UPSTREAM_ERROR', vendor: 'LEANCORE', upstreamStatus: 200 });
    expect(result.errors?.[0]?.message).toMatch(/not JSON/);
  });

  it('reports UPSTREAM_ERROR for JSON that is not a lead, naming the field, not its value', async () => {
    t.sims.leancore.inject({ response: { status: 200, json: { name: 'no id here' } } });
    const result = await fetchLead();
    expect(firstExtensions(result)).toMatchObject({ code: 'UPSTREAM_ERROR', vendor: 'LEANCORE' });
    expect(result.errors?.[0]?.message).toMatch(/\(id\)/);
  });

  it('keeps the rest of the response when one field’s vendor fails', async () => {
    t.sims.leancore.inject({ response: { status: 500, json: {} } });
    const result = await t.execute<{ vendors: unknown[]; lead: unknown }>(
      `query($id: ID!) { vendors { vendor } lead(id: $id) { id } }`,
      { id: VALENTINA },
    );
    expect(result.data?.vendors).toHaveLength(4);
    expect(result.data?.lead).toBeNull();
    expect(errorCodes(result)).toEqual(['UPSTREAM_ERROR']);
  });

  it('scrubs the token from a vendor message that echoes it', async () => {
    const token = t.sims.leancore.token;
    t.sims.leancore.inject({ response: { status: 500, json: { message: `token ${token} is over quota` } } });
    const result = await fetchLead();
    expect(firstExtensions(result)?.['vendorMessage']).toBe('token [REDACTED] is over quota');
    expect(JSON.stringify(result)).not.toContain(token);
  });
});

describe('credentials and reachability', () => {
  it('reports UPSTREAM_UNAUTHORIZED for a refused token, without the token anywhere', async () => {
    const wrongToken = 'wrong-token-0123456789';
    const other = await startTestGraph({
      configure: (config) => ({
        ...config,
        vendors: { leancore: { ...config.vendors.leancore!, token: wrongToken } },
      }),
    });
    try {
      const result = await other.execute(LEAD_QUERY, { id: VALENTINA });
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'UPSTREAM_UNAUTHORIZED',
        vendor: 'LEANCORE',
        upstreamStatus: 401,
      });
      expect(JSON.stringify(result)).not.toContain(wrongToken);
      expect(other.sims.leancore.requests).toHaveLength(1); // a refused token is not retried
    } finally {
      await other.stop();
    }
  });

  it('reports UPSTREAM_ERROR when the vendor cannot be reached', async () => {
    const other = await startTestGraph({
      configure: (config) => ({
        ...config,
        vendors: { leancore: { ...config.vendors.leancore!, baseUrl: 'http://127.0.0.1:9' } },
      }),
    });
    try {
      const result = await other.execute(LEAD_QUERY, { id: VALENTINA });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', vendor: 'LEANCORE' });
      // ECONNREFUSED on Node 20; Node 24 reports the retried attempt's socket error instead.
      expect(result.errors?.[0]?.message).toMatch(
        /could not be reached \((ECONNREFUSED|ERR_SOCKET_CLOSED_BEFORE_CONNECTION)\)/,
      );
    } finally {
      await other.stop();
    }
  });

  it('reports VENDOR_NOT_CONFIGURED for an id of a vendor this server has no credentials for', async () => {
    const other = await startTestGraph({ configure: (config) => ({ ...config, vendors: {} }) });
    try {
      const result = await other.execute(LEAD_QUERY, { id: VALENTINA });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'VENDOR_NOT_CONFIGURED', vendor: 'LEANCORE' });
      expect(other.sims.leancore.requests).toHaveLength(0);
    } finally {
      await other.stop();
    }
  });

  it('reports UNSUPPORTED for an id of a vendor that holds no leads', async () => {
    const result = await t.execute(LEAD_QUERY, { id: 'zen:whatever' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UNSUPPORTED', vendor: 'ZEN' });
    expect(t.sims.zen.requests).toHaveLength(0);
  });
});
