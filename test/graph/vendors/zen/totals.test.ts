// Zen distribution totals through the server against the Zen simulator, in-memory store
// (the default without REDIS_URL), with one injected clock for the server and the simulator.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TokenCache } from '../../../../src/datasources/shared/token-cache.js';
import { zenKeys } from '../../../../src/datasources/zen/totals.js';
import { json } from '../../../../src/simulators/server.js';
import { errorCodes, startTestGraph, type TestGraph, type TestGraphOptions } from '../../../support/graph.js';

const NOON_SAO_PAULO = Date.parse('2026-11-23T15:00:00Z'); // 12:00 on 2026-11-23 in America/Sao_Paulo
const TODAY = '2026-11-23';
const YESTERDAY = '2026-11-22';
const MINUTE = 60_000;

const TOTALS = `query ($date: Date!) {
  distributionTotals(date: $date) {
    date fetchedAt stale nextRefreshAt
    users { name totalLeads origins { code name count } segments { count } automations { count } productsAndServices { code count } }
    errors { withError ungrouped contactLimitExceeded duplicates }
  }
}`;

interface Totals {
  distributionTotals: {
    date: string;
    fetchedAt: string;
    stale: boolean;
    nextRefreshAt: string | null;
    users: { name: string; totalLeads: number; origins: unknown[]; productsAndServices: unknown[] }[];
    errors: Record<string, number>;
  };
}

let t: TestGraph;
let clock: number;
const iso = (ms: number) => new Date(ms).toISOString();

async function start(options: TestGraphOptions = {}) {
  clock = NOON_SAO_PAULO;
  t = await startTestGraph({ now: () => clock, ...options });
  t.sims.zen.now = () => clock;
}
// As a client would see it (DateTime values serialised).
const totals = async (date: string) =>
  JSON.parse(JSON.stringify(await t.execute<Totals>(TOTALS, { date }))) as Awaited<ReturnType<TestGraph['execute']>> & {
    data?: Totals | null;
  };
const zenCalls = () => t.sims.zen.calls;

afterEach(() => t.stop());

describe('Zen distribution totals', () => {
  beforeEach(() => start());

  it('maps a full answer, fresh, with the next refresh at the end of the window', async () => {
    const result = await totals(TODAY);
    expect(errorCodes(result)).toEqual([]);
    expect(t.graph.clients.store.kind).toBe('memory'); // the default without REDIS_URL
    const answer = result.data!.distributionTotals;
    expect(answer).toMatchObject({
      date: TODAY,
      fetchedAt: iso(clock),
      stale: false,
      nextRefreshAt: iso(clock + 5 * MINUTE),
    });
    expect(answer.users.map((u) => [u.name, u.totalLeads])).toEqual([
      ['Mariana Souza', 12],
      ['Rafael Lima', 5],
      ['Beatriz Carvalho', 0],
    ]);
    expect(answer.users[0]!.origins).toEqual([
      { code: '3', name: 'Site', count: 8 },
      { code: '7', name: 'Facebook Ads', count: 4 },
    ]);
    expect(answer.users[2]).toMatchObject({ origins: [], productsAndServices: [] });
    expect(answer.errors).toEqual({ withError: 2, ungrouped: 1, contactLimitExceeded: 0, duplicates: 3 });
    const [call] = t.sims.zen.requests;
    expect(call).toMatchObject({ method: 'GET', path: `/integracao/totais-distribuicao/${TODAY}` });
    expect(call!.headers['token']).toBe(t.sims.zen.token);
  });

  it('maps an answer with empty and missing lists', async () => {
    t.sims.zen.setTotals(YESTERDAY, { data: YESTERDAY, usuarios: [{ nome: 'Ana', total_lead: '1', origem: [] }] });
    const result = await totals(YESTERDAY);
    expect(errorCodes(result)).toEqual([]);
    expect(result.data!.distributionTotals.users).toEqual([
      { name: 'Ana', totalLeads: 1, origins: [], segments: [], automations: [], productsAndServices: [] },
    ]);
    expect(result.data!.distributionTotals.errors).toEqual({
      withError: 0,
      ungrouped: 0,
      contactLimitExceeded: 0,
      duplicates: 0,
    });
  });

  it('refuses a malformed count as UPSTREAM_ERROR', async () => {
    t.sims.zen.setTotals(TODAY, { data: TODAY, usuarios: [{ nome: 'Ana', total_lead: 'muitos' }] });
    const result = await totals(TODAY);
    expect(errorCodes(result)).toEqual(['UPSTREAM_ERROR']);
    expect(result.errors![0]!.extensions).toMatchObject({ vendor: 'ZEN' });
    expect(result.errors![0]!.message).toContain('usuarios.0.total_lead');
  });

  it('refuses future and malformed dates without calling Zen', async () => {
    const future = await totals('2026-11-24');
    expect(errorCodes(future)).toEqual(['BAD_USER_INPUT']);
    expect(future.errors![0]!.extensions).toMatchObject({ field: 'date' });
    expect(future.errors![0]!.message).toContain('America/Sao_Paulo');
    for (const bad of ['2026-02-30', '23/11/2026', 'today']) {
      expect(errorCodes(await totals(bad))).toEqual(['BAD_USER_INPUT']); // the Date scalar refuses it
    }
    expect(errorCodes(await t.execute(`{ distributionTotals(date: "2026-13-01") { date } }`))).toEqual([
      'GRAPHQL_VALIDATION_FAILED',
    ]);
    expect(zenCalls()).toEqual([]);
  });

  it('decides "today" in São Paulo time, not UTC', async () => {
    clock = Date.parse('2026-11-24T01:30:00Z'); // 22:30 on the 23rd in São Paulo, the 24th in UTC
    expect(errorCodes(await totals('2026-11-24'))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await totals('2026-11-23'))).toEqual([]);
    expect(zenCalls()).toEqual(['2026-11-23']);
  });

  it('keeps the budget: inside the window stale or RATE_LIMITED, no call; after it, one call', async () => {
    const first = await totals(TODAY);
    expect(first.data!.distributionTotals.stale).toBe(false);
    const fetchedAt = clock;

    clock += 2 * MINUTE;
    const second = await totals(TODAY);
    expect(errorCodes(second)).toEqual([]);
    expect(second.data!.distributionTotals).toMatchObject({
      stale: true,
      fetchedAt: iso(fetchedAt),
      nextRefreshAt: iso(fetchedAt + 5 * MINUTE),
    });

    // Another date inside the same window: nothing cached, so RATE_LIMITED with the wait.
    const other = await totals(YESTERDAY);
    expect(errorCodes(other)).toEqual(['RATE_LIMITED']);
    expect(other.errors![0]!.extensions).toMatchObject({ vendor: 'ZEN', retryAfterSeconds: 180 });
    expect(zenCalls()).toEqual([TODAY]);

    clock = fetchedAt + 5 * MINUTE;
    const third = await totals(TODAY);
    expect(third.data!.distributionTotals).toMatchObject({ stale: false, fetchedAt: iso(clock) });
    expect(zenCalls()).toEqual([TODAY, TODAY]);
    // The simulator enforces the same rule with its own clock: it answered both calls.
    expect(t.sims.zen.requests.length).toBe(2);
  });

  it('reads back from the store only entries it wrote: another shape is as good as absent', async () => {
    expect(errorCodes(await totals(TODAY))).toEqual([]);
    const fetchedAt = clock;
    // Something else wrote this date's key (an older release, another tool): valid JSON, wrong shape.
    const key = zenKeys(TokenCache.keyFor('ZEN', t.config.vendors.zen!.token), TODAY).totals;
    expect(await t.graph.clients.store.get(key)).not.toBeNull(); // the key the service reads
    await t.graph.clients.store.set(key, JSON.stringify({ date: TODAY, fetchedAt, users: 'all of them' }), 60 * MINUTE);

    // Inside the window a cached answer would be served stale; this one is not an answer.
    clock += 2 * MINUTE;
    const inside = await totals(TODAY);
    expect(errorCodes(inside)).toEqual(['RATE_LIMITED']);
    expect(inside.errors![0]!.extensions).toMatchObject({ vendor: 'ZEN', retryAfterSeconds: 180 });

    clock = fetchedAt + 5 * MINUTE;
    const after = await totals(TODAY);
    expect(errorCodes(after)).toEqual([]);
    expect(after.data!.distributionTotals).toMatchObject({ stale: false, fetchedAt: iso(clock) });
    expect(zenCalls()).toEqual([TODAY, TODAY]);
  });

  it('keeps a past day fresh much longer than today', async () => {
    await totals(YESTERDAY);
    clock += 6 * MINUTE;
    const again = await totals(YESTERDAY);
    expect(again.data!.distributionTotals).toMatchObject({
      stale: false,
      nextRefreshAt: iso(NOON_SAO_PAULO + 24 * 60 * MINUTE),
    });
    expect(zenCalls()).toEqual([YESTERDAY]);
  });

  it('honours a 429 with Retry-After from Zen (another tool on the same token)', async () => {
    // Another tool spends the token's window on Zen's own clock, one minute ago.
    const response = await fetch(`${t.sims.zen.integrationUrl}/${YESTERDAY}`, {
      headers: { token: t.sims.zen.token },
      signal: AbortSignal.timeout(2_000),
    });
    expect(response.status).toBe(200);
    t.sims.zen.resetRequests();
    clock += MINUTE;

    const refused = await totals(TODAY);
    expect(errorCodes(refused)).toEqual(['RATE_LIMITED']);
    expect(refused.errors![0]!.extensions).toMatchObject({
      vendor: 'ZEN',
      upstreamStatus: 429,
      retryAfterSeconds: 240,
      vendorMessage: 'Muitas requisições: aguarde 5 minutos entre as requisições',
    });
    expect(zenCalls()).toEqual([TODAY]); // one call, not retried

    clock += 3 * MINUTE;
    const waiting = await totals(TODAY);
    expect(errorCodes(waiting)).toEqual(['RATE_LIMITED']);
    expect(waiting.errors![0]!.extensions).toMatchObject({ retryAfterSeconds: 60 });
    expect(zenCalls()).toEqual([TODAY]);

    clock += MINUTE;
    expect(errorCodes(await totals(TODAY))).toEqual([]);
    expect(zenCalls()).toEqual([TODAY, TODAY]);
  });

  it('honours a 429 without Retry-After as a full window, and serves the cache meanwhile', async () => {
    await totals(TODAY);
    clock += 5 * MINUTE;
    t.sims.zen.retryAfterHeader = false;
    t.sims.zen.inject({ response: json(429, { error: 'Muitas requisições' }), times: 1 });

    const served = await totals(TODAY);
    expect(errorCodes(served)).toEqual([]);
    expect(served.data!.distributionTotals).toMatchObject({
      stale: true,
      fetchedAt: iso(NOON_SAO_PAULO),
      nextRefreshAt: iso(clock + 5 * MINUTE),
    });
    const refused = await totals(YESTERDAY);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 300 });
    expect(zenCalls()).toEqual([TODAY, TODAY]);

    // Zen's own rule without the header: our budget kept us from meeting it.
    clock += 4 * MINUTE;
    expect(errorCodes(await totals(YESTERDAY))).toEqual(['RATE_LIMITED']);
    expect(zenCalls()).toEqual([TODAY, TODAY]);
  });

  it('answers 1,000 concurrent queries on a cold cache with one Zen call', async () => {
    const query = `query ($date: Date!) { distributionTotals(date: $date) { fetchedAt stale users { name } } }`;
    const results = await Promise.all(Array.from({ length: 1_000 }, () => t.execute(query, { date: TODAY })));
    expect(zenCalls()).toEqual([TODAY]);
    const answers = new Set(results.map((r) => JSON.stringify(r)));
    expect(answers).toHaveLength(1);
    expect(JSON.parse([...answers][0]!)).toMatchObject({
      data: { distributionTotals: { stale: false, fetchedAt: iso(clock), users: [{}, {}, {}] } },
    });
  });

  it('maps Zen’s error answers to unified codes with its message', async () => {
    t.sims.zen.inject({ response: json(500, { error: 'Erro interno' }), times: 1 });
    const failed = await totals(TODAY);
    expect(errorCodes(failed)).toEqual(['UPSTREAM_ERROR']);
    expect(failed.errors![0]!.extensions).toMatchObject({
      vendor: 'ZEN',
      upstreamStatus: 500,
      vendorMessage: 'Erro interno',
    });
    expect(zenCalls()).toEqual([TODAY]); // never retried

    clock += 5 * MINUTE;
    t.sims.zen.inject({ response: json(400, { error: 'Data inválida' }), times: 1 });
    expect((await totals(TODAY)).errors![0]!.extensions).toMatchObject({
      code: 'UPSTREAM_REJECTED',
      upstreamStatus: 400,
      vendorMessage: 'Data inválida',
    });
  });

  it('says ZEN reports distribution totals', async () => {
    const result = await t.execute<{
      vendors: { vendor: string; enabled: boolean; capabilities: { distributionTotals: boolean } }[];
    }>(`{ vendors { vendor enabled capabilities { distributionTotals } } }`);
    expect(result.data!.vendors.find((v) => v.vendor === 'ZEN')).toEqual({
      vendor: 'ZEN',
      enabled: true,
      capabilities: { distributionTotals: true },
    });
  });
});

describe('Zen refusing our token', () => {
  beforeEach(() =>
    start({
      configure: (config) => ({
        ...config,
        vendors: { ...config.vendors, zen: { ...config.vendors.zen!, token: 'wrong-token' } },
      }),
    }),
  );

  it('is UPSTREAM_UNAUTHORIZED with Zen’s message and no token in the answer', async () => {
    const result = await totals(TODAY);
    expect(errorCodes(result)).toEqual(['UPSTREAM_UNAUTHORIZED']);
    expect(result.errors![0]!.extensions).toMatchObject({
      upstreamStatus: 401,
      vendorMessage: 'Token inválido ou não informado',
    });
    expect(JSON.stringify(result)).not.toContain('wrong-token');
  });
});

describe('Zen not configured', () => {
  beforeEach(() => start({ configure: (config) => ({ ...config, vendors: { ...config.vendors, zen: undefined } }) }));

  it('is VENDOR_NOT_CONFIGURED', async () => {
    expect(errorCodes(await totals(TODAY))).toEqual(['VENDOR_NOT_CONFIGURED']);
  });
});
