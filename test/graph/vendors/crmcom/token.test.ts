// CRM.COM login: single flight, idle expiry (injected clocks), re-login, bad credentials.
import { afterEach, describe, expect, it } from 'vitest';
import { errorCodes, startTestGraph, type TestGraph } from '../../../support/graph.js';

const VALENTINA = 'crmcom:4C1B2A9E8F7D4E6A9B0C1D2E3F405162';
const LEAD_QUERY = `query ($id: ID!) { lead(id: $id) { id email } }`;
const MINUTE = 60_000;

let t: TestGraph | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

/** A graph whose server and CRM.COM simulator read the same hand-moved clock. */
async function withClock(options: Parameters<typeof startTestGraph>[0] = {}) {
  const clock = { now: Date.parse('2026-11-23T10:00:00Z') };
  const graph = await startTestGraph({ ...options, now: () => clock.now });
  graph.sims.crmcom.now = () => clock.now;
  t = graph;
  return { t: graph, clock, logins: () => graph.sims.crmcom.requestsTo('/authentication/token') };
}

describe('CRM.COM login', () => {
  it('logs in once for many concurrent operations (single flight), with the configured credentials', async () => {
    const { t, logins } = await withClock();
    const results = await Promise.all(Array.from({ length: 6 }, () => t.execute(LEAD_QUERY, { id: VALENTINA })));
    expect(results.flatMap(errorCodes)).toEqual([]);
    expect(logins()).toHaveLength(1);
    expect(logins()[0]?.body).toEqual({
      username: 'leadgraph',
      password: 'crmcom-simulator-password',
      organisation: 'Lead Graph Org',
    });
    const tokens = new Set(t.sims.crmcom.requestsTo('/leads/show').map((r) => r.query['token']));
    expect(tokens.size).toBe(1);
  });

  it('logs in again and replays once when a call is refused with HTTP 401, whatever the body', async () => {
    const { t, logins } = await withClock();
    await t.execute(LEAD_QUERY, { id: VALENTINA });
    t.sims.crmcom.inject({ path: '/leads/show', times: 1, response: { status: 401, text: 'Unauthorized' } });
    const result = await t.execute(LEAD_QUERY, { id: VALENTINA });
    expect(errorCodes(result)).toEqual([]);
    expect(logins()).toHaveLength(2);
  });

  it('logs in to the configured unit, when one is set', async () => {
    const { t, logins } = await withClock({
      configure: (config) => ({
        ...config,
        vendors: { ...config.vendors, crmcom: { ...config.vendors.crmcom!, unit: 'Admin Unit' } },
      }),
    });
    expect(errorCodes(await t.execute(LEAD_QUERY, { id: VALENTINA }))).toEqual([]);
    expect(logins()[0]?.body).toMatchObject({ organisation: 'Lead Graph Org', unit: 'Admin Unit' });
  });

  it('keeps a token that is used, and logs in again after an hour idle before CRM.COM refuses it', async () => {
    const { t, clock, logins } = await withClock();
    await t.execute(LEAD_QUERY, { id: VALENTINA });
    clock.now += 50 * MINUTE;
    await t.execute(LEAD_QUERY, { id: VALENTINA });
    clock.now += 50 * MINUTE; // 100 min after login, 50 since last use: still good
    await t.execute(LEAD_QUERY, { id: VALENTINA });
    expect(logins()).toHaveLength(1);

    clock.now += 61 * MINUTE;
    const result = await t.execute(LEAD_QUERY, { id: VALENTINA });
    expect(errorCodes(result)).toEqual([]);
    expect(logins()).toHaveLength(2);
    // The new token was used straight away: no call was answered INVALID_TOKEN.
    expect(t.sims.crmcom.requestsTo('/leads/show')).toHaveLength(4);
  });

  it('logs in again once when CRM.COM says the token expired (its idle clock ran ahead of ours)', async () => {
    const { t, clock, logins } = await withClock();
    await t.execute(LEAD_QUERY, { id: VALENTINA });
    const serverNow = clock.now;
    t.sims.crmcom.now = () => serverNow + 61 * MINUTE;
    const result = await t.execute<{ lead: { email: string } }>(LEAD_QUERY, { id: VALENTINA });
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.lead.email).toBe('valentina.rios@example.co');
    expect(logins()).toHaveLength(2);
    const shows = t.sims.crmcom.requestsTo('/leads/show');
    expect(shows).toHaveLength(3);
    expect(shows[1]?.query['token']).toBe(shows[0]?.query['token']);
    expect(shows[2]?.query['token']).not.toBe(shows[1]?.query['token']);
  });

  it('logs in again when every token was expired at CRM.COM', async () => {
    const { t, logins } = await withClock();
    await t.execute(LEAD_QUERY, { id: VALENTINA });
    t.sims.crmcom.expireTokens();
    expect(errorCodes(await t.execute(LEAD_QUERY, { id: VALENTINA }))).toEqual([]);
    expect(logins()).toHaveLength(2);
  });

  it('is UPSTREAM_UNAUTHORIZED when even a fresh token is refused, after one re-login only', async () => {
    const { t, logins } = await withClock();
    t.sims.crmcom.acceptTokens = false;
    const result = await t.execute(LEAD_QUERY, { id: VALENTINA });
    expect(result.data?.['lead']).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAUTHORIZED', vendor: 'CRMCOM' });
    expect(logins()).toHaveLength(2);
    expect(t.sims.crmcom.requestsTo('/leads/show')).toHaveLength(2);
  });

  it('is UPSTREAM_UNAUTHORIZED with bad credentials, without a lead call and without the password', async () => {
    const { t, logins } = await withClock({
      configure: (config) => ({
        ...config,
        vendors: { ...config.vendors, crmcom: { ...config.vendors.crmcom!, password: 'wrong-password-123' } },
      }),
    });
    const result = await t.execute(LEAD_QUERY, { id: VALENTINA });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_UNAUTHORIZED',
      vendor: 'CRMCOM',
      vendorCode: 'INVALID_LOGIN',
    });
    expect(JSON.stringify(result)).not.toContain('wrong-password-123');
    expect(logins()).toHaveLength(1);
    expect(t.sims.crmcom.requestsTo('/leads/show')).toHaveLength(0);
  });
});
