// Issue 12's bounds one by one: the bounded queue (OVERLOADED), the vendor-call budget of an
// operation, the `_entities` cap, the operation's deadline, circuit breakers (data and token
// families) with their state in Query.vendors, Retry-After held for 20 clients and across
// replicas (real Redis), and the retry budget. Time moves by the clock only: Date is faked where
// breakers (cockatiel reads Date.now) or holds must see time pass.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Config } from '../../../src/config.js';
import { RetryBudget } from '../../../src/datasources/shared/retry-budget.js';
import { createServer } from '../../../src/server.js';
import { errorCodes, startTestGraph, type TestGraph } from '../../support/graph.js';
import { leanCoreId } from '../../support/lead-ids.js';

const VALENTINA = leanCoreId('fd3705e1-3149-4c41-bfe7-cf0bee79cfad', '573136434030');
const CARLOS = leanCoreId('2b7c9e41-0d3a-4f65-8c21-9e7d5a3b1c40', '573001234567');
const LUCIA = leanCoreId('7f3d2a10-5b6c-4d8e-9f01-a2b3c4d5e6f7', '525512345678');
const CRMCOM_LEAD = 'crmcom:4C1B2A9E8F7D4E6A9B0C1D2E3F405162';
const LEAD = `query ($id: ID!) { lead(id: $id) { id } }`;
const VENDORS = `{ vendors { vendor heldUntil circuits { family state retryAfterSeconds } } }`;

type Resilience = Partial<Config['resilience']>;
const withResilience = (resilience: Resilience) => (config: Config) => ({
  ...config,
  resilience: { ...config.resilience, ...resilience },
});

let t: TestGraph | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
  vi.useRealTimers();
});

const advance = (ms: number) => vi.setSystemTime(Date.now() + ms);

describe('the queue', () => {
  it('is bounded: a call that finds it full, or whose time runs out in it, is OVERLOADED, never sent', async () => {
    t = await startTestGraph({
      timeoutMs: 2_000,
      configure: (config) => ({
        ...config,
        vendors: { ...config.vendors, leancore: { ...config.vendors.leancore!, maxConcurrency: 1, maxQueue: 1 } },
      }),
    });
    const graph = t.graph;
    /** An operation whose deadline is `timeoutMs` away. */
    const ask = async (id: string, timeoutMs = 25_000) => {
      const response = await graph.server.executeOperation(
        { query: LEAD, variables: { id } },
        { contextValue: await graph.createContext({ timeoutMs }) },
      );
      return response.body.kind === 'single' ? response.body.singleResult : {};
    };
    t.sims.leancore.inject({ hang: true });
    // The one slot: a call to a vendor that hangs until its own 2 s bound.
    const inFlight = ask(VALENTINA);
    await vi.waitFor(() => expect(t!.sims.leancore.requests).toHaveLength(1));
    // Then one call waits in the queue until its operation's 200 ms are up, and one finds the queue full.
    const [queued, refused] = await Promise.all([ask(CARLOS, 200), ask(LUCIA, 200)]);
    expect([...errorCodes(queued), ...errorCodes(refused)]).toEqual(['OVERLOADED', 'OVERLOADED']);
    expect(refused.errors![0]!.extensions).toMatchObject({ vendor: 'LEANCORE' });
    expect(errorCodes(await inFlight)).toEqual(['UPSTREAM_TIMEOUT']);
    expect(t.sims.leancore.requests).toHaveLength(1);
  });
});

describe('an operation', () => {
  it('makes at most MAX_VENDOR_CALLS_PER_OPERATION vendor calls; past it, fields fail without a call', async () => {
    t = await startTestGraph({ configure: withResilience({ maxVendorCallsPerOperation: 2 }) });
    const result = await t.execute<{ leads: ({ id: string } | null)[] }>(
      `query ($ids: [ID!]!) { leads(ids: $ids) { id } }`,
      { ids: [VALENTINA, CARLOS, LUCIA] },
    );
    expect(result.data!.leads.filter((lead) => lead !== null)).toHaveLength(2);
    expect(errorCodes(result)).toEqual(['TOO_MANY_VENDOR_CALLS']);
    expect(result.errors![0]!.message).toMatch(/2 vendor calls/);
    expect(t.sims.leancore.requests).toHaveLength(2);
    // The budget is per operation: the next one starts afresh.
    expect(errorCodes(await t.execute(LEAD, { id: LUCIA }))).toEqual([]);
  });

  it('takes at most 1,000 _entities representations: more is BAD_USER_INPUT before any call', async () => {
    t = await startTestGraph();
    const entities = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Lead { id } } }`;
    const representations = (n: number) => Array.from({ length: n }, () => ({ __typename: 'Lead', id: VALENTINA }));
    const refused = await t.execute(entities, { representations: representations(1_001) });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0]!.extensions).toMatchObject({ field: 'representations' });
    expect(t.sims.leancore.requests).toHaveLength(0);
    const accepted = await t.execute<{ _entities: unknown[] }>(entities, { representations: representations(1_000) });
    expect(errorCodes(accepted)).toEqual([]);
    expect(accepted.data!._entities).toHaveLength(1_000);
    expect(t.sims.leancore.requests).toHaveLength(1); // one lead, one batched call
  });

  it('never outlives its deadline: vendors slower than their own bound are cut off by it', async () => {
    // Vendor bounds of 15 s and vendors that never answer: each call is given only what is left
    // of the operation's 300 ms (its error says how long it was given), or the field is cut off.
    t = await startTestGraph({ timeoutMs: 15_000, configure: withResilience({ requestTimeoutMs: 300 }) });
    for (const sim of [t.sims.leancore, t.sims.beschannels, t.sims.crmcom, t.sims.zen]) sim.inject({ hang: true });
    const result = await t.execute(
      `query ($lc: ID!, $bes: ID!, $crm: ID!) {
        leancore: lead(id: $lc) { id }
        beschannels: lead(id: $bes) { id }
        crmcom: lead(id: $crm) { id }
        zen: distributionTotals(date: "2026-11-20") { date }
      }`,
      { lc: VALENTINA, bes: 'beschannels:5880', crm: CRMCOM_LEAD },
    );
    expect(result.data).toEqual({ leancore: null, beschannels: null, crmcom: null, zen: null });
    for (const error of result.errors ?? []) {
      expect(['UPSTREAM_TIMEOUT', 'OPERATION_TIMEOUT']).toContain(error.extensions?.['code']);
      expect(error.message).toMatch(/within \d{1,3} ms|its 300 ms/);
    }
    expect(result.errors).toHaveLength(4);
  });
});

describe('a circuit breaker', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-11-23T15:00:00Z') });
  });

  it('opens after repeated failures, answers UPSTREAM_UNAVAILABLE without calling, probes once, closes', async () => {
    t = await startTestGraph();
    t.sims.leancore.inject({ response: { status: 500, json: { error: 'down' } } });
    for (let i = 0; i < 5; i++)
      expect(errorCodes(await t.execute(LEAD, { id: VALENTINA }))).toEqual(['UPSTREAM_ERROR']);
    const callsWhileFailing = t.sims.leancore.requests.length;
    // 5 first attempts, and retries only within the budget (at least 3 in a window).
    expect(callsWhileFailing).toBe(5 + 3);

    const open = await t.execute(LEAD, { id: VALENTINA });
    expect(errorCodes(open)).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(open.errors![0]!.extensions).toMatchObject({ vendor: 'LEANCORE', retryAfterSeconds: 10 });
    expect(t.sims.leancore.requests).toHaveLength(callsWhileFailing);
    const vendors = await t.execute<{ vendors: { vendor: string; circuits: unknown[] }[] }>(VENDORS);
    expect(vendors.data!.vendors.find((v) => v.vendor === 'LEANCORE')!.circuits).toEqual([
      { family: 'reads', state: 'OPEN', retryAfterSeconds: 10 },
    ]);
    // Prometheus shows the same state (2: open).
    const { values } = await t.graph.metrics.registry.getSingleMetric('leadgraph_vendor_circuit_state')!.get();
    expect(values).toEqual([{ labels: { vendor: 'leancore', family: 'reads' }, value: 2 }]);

    // One probe after 10 s (retried within the budget of the new window); it fails, so the
    // circuit stays open twice as long.
    advance(10_001);
    expect(errorCodes(await t.execute(LEAD, { id: VALENTINA }))).toEqual(['UPSTREAM_ERROR']);
    expect(t.sims.leancore.requests).toHaveLength(callsWhileFailing + 3);
    expect((await t.execute(LEAD, { id: VALENTINA })).errors![0]!.extensions).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      retryAfterSeconds: 20,
    });

    // The vendor is back: the next probe succeeds and the circuit closes.
    t.sims.leancore.clearFaults();
    advance(20_001);
    expect(errorCodes(await t.execute(LEAD, { id: VALENTINA }))).toEqual([]);
    expect(errorCodes(await t.execute(LEAD, { id: CARLOS }))).toEqual([]);
    const closed = await t.execute<{ vendors: { vendor: string; circuits: unknown[] }[] }>(VENDORS);
    expect(closed.data!.vendors.find((v) => v.vendor === 'LEANCORE')!.circuits).toEqual([
      { family: 'reads', state: 'CLOSED', retryAfterSeconds: null },
    ]);
  });

  it('keeps a failing login to a few calls a minute', async () => {
    t = await startTestGraph();
    t.sims.crmcom.inject({ path: '/authentication/token', response: { status: 500, json: { error: 'down' } } });
    const codes = new Set<unknown>();
    for (let second = 0; second < 60; second++) {
      for (const code of errorCodes(await t.execute(LEAD, { id: CRMCOM_LEAD }))) codes.add(code);
      advance(1_000);
    }
    // 3 failures open it for 10 s, then probes after 10, 20 and 40 s more: at most 5 in a minute.
    const logins = t.sims.crmcom.requestsTo('/authentication/token').length;
    expect(logins).toBeGreaterThanOrEqual(3);
    expect(logins).toBeLessThanOrEqual(5);
    expect([...codes].sort()).toEqual(['UPSTREAM_ERROR', 'UPSTREAM_UNAVAILABLE']);

    t.sims.crmcom.clearFaults();
    advance(5 * 60_000);
    expect(errorCodes(await t.execute(LEAD, { id: CRMCOM_LEAD }))).toEqual([]);
  });
});

describe('Retry-After', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-11-23T15:00:00Z') });
  });

  it('with 20 clients for 10 s against a vendor answering 429 Retry-After: 60, it gets one round of calls', async () => {
    t = await startTestGraph();
    t.sims.leancore.inject({ response: { status: 429, json: { error: 'quota' }, headers: { 'retry-after': '60' } } });
    for (let second = 0; second < 10; second++) {
      const round = await Promise.all(Array.from({ length: 20 }, () => t!.execute(LEAD, { id: VALENTINA })));
      for (const result of round) {
        expect(errorCodes(result)).toEqual(['RATE_LIMITED']);
        expect(result.errors![0]!.extensions!['retryAfterSeconds']).toBe(60 - second);
      }
      advance(1_000);
    }
    // Only the first round's calls left before the first 429 came back.
    expect(t.sims.leancore.requests.length).toBeLessThanOrEqual(20);
    const vendors = await t.execute<{ vendors: { vendor: string; heldUntil: string | null }[] }>(VENDORS);
    const heldUntil = vendors.data!.vendors.find((v) => v.vendor === 'LEANCORE')!.heldUntil;
    expect(new Date(heldUntil!).toISOString()).toBe('2026-11-23T15:01:00.000Z');
  });

  it('is held by every replica sharing Redis', async () => {
    t = await startTestGraph();
    const prefix = `lead-graph-test:${randomUUID()}:`;
    const config: Config = { ...t.config, redisUrl: 'redis://127.0.0.1:6379', redisKeyPrefix: prefix };
    const [a, b] = [0, 1].map(() => createServer(config, pino({ level: 'silent' })));
    const ask = async (replica: typeof a) => {
      const response = await replica!.server.executeOperation(
        { query: LEAD, variables: { id: VALENTINA } },
        { contextValue: await replica!.createContext() },
      );
      return response.body.kind === 'single' ? response.body.singleResult : {};
    };
    const redis = new Redis('redis://127.0.0.1:6379');
    try {
      await Promise.all([a!.server.start(), b!.server.start()]);
      t.sims.leancore.inject({ response: { status: 429, json: {}, headers: { 'retry-after': '30' } }, times: 1 });
      expect(errorCodes(await ask(a))).toEqual(['RATE_LIMITED']);
      expect(t.sims.leancore.requests).toHaveLength(1);
      // B never called LeanCore, and holds back all the same.
      const held = await ask(b);
      expect(errorCodes(held)).toEqual(['RATE_LIMITED']);
      expect(held.errors![0]!.extensions!['retryAfterSeconds']).toBe(30);
      expect(t.sims.leancore.requests).toHaveLength(1);
      advance(31_000);
      expect(errorCodes(await ask(b))).toEqual([]);
      expect(t.sims.leancore.requests).toHaveLength(2);
    } finally {
      await Promise.all([a!.server.stop(), b!.server.stop()]);
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
  });
});

describe('the retry budget', () => {
  it('allows retries of at most 20 % of recent calls (at least 3 per window), and forgets old ones', () => {
    let clock = 0;
    const budget = new RetryBudget({ now: () => clock });
    for (let i = 0; i < 30; i++) budget.recordCall();
    const granted = Array.from({ length: 10 }, () => budget.tryRetry()).filter(Boolean);
    expect(granted).toHaveLength(6);
    clock += 10_001;
    budget.recordCall();
    expect(Array.from({ length: 5 }, () => budget.tryRetry()).filter(Boolean)).toHaveLength(3);
  });
});
