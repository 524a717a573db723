// Zen errors in every form the simulator speaks (issue 10): with their HTTP status, and as
// `{"error": "…"}` in an HTTP 200; and a 200 without `usuarios`. Each is an error to the client,
// with Zen's message (redacted), and nothing is cached as that day's totals, in the in-memory
// store and in Redis (the machine's, a unique key prefix per test).
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TokenCache } from '../../../../src/datasources/shared/token-cache.js';
import { zenKeys } from '../../../../src/datasources/zen/totals.js';
import { ZEN_ERROR_DIALECTS } from '../../../../src/simulators/zen.js';
import { errorCodes, startTestGraph, type TestGraph, type TestGraphOptions } from '../../../support/graph.js';
import { SHARED_REDIS, useRedisPrefixes } from '../../../support/redis.js';

const NOON_SAO_PAULO = Date.parse('2026-11-23T15:00:00Z');
// A past day: its totals stay fresh for 24 h, so a cached answer would be served without a call.
const YESTERDAY = '2026-11-22';
const MINUTE = 60_000;
const TOTALS = `query ($date: Date!) { distributionTotals(date: $date) { date stale users { name totalLeads } } }`;

const STORES = ['memory', 'redis'] as const;
type StoreKind = (typeof STORES)[number];
const DIALECTS_AND_STORES = ZEN_ERROR_DIALECTS.flatMap((dialect) => STORES.map((store) => ({ dialect, store })));

let t: TestGraph;
let clock: number;
const newRedisPrefix = useRedisPrefixes();
/** The key prefix in the shared Redis when the test runs on Redis. */
let redisPrefix: string | undefined;

async function start(options: TestGraphOptions = {}, store: StoreKind = 'memory') {
  clock = NOON_SAO_PAULO;
  const prefix = store === 'redis' ? newRedisPrefix() : undefined;
  const configure = options.configure ?? ((config) => config);
  t = await startTestGraph({
    now: () => clock,
    ...options,
    configure: (config) => configure(prefix ? { ...config, redisUrl: SHARED_REDIS, redisKeyPrefix: prefix } : config),
  });
  expect(t.graph.clients.store.kind).toBe(store === 'redis' ? 'redis-with-fallback' : 'memory');
  redisPrefix = prefix;
  t.sims.zen.now = () => clock;
}
afterEach(() => t.stop());

const totals = () =>
  t.execute<{ distributionTotals: { date: string; stale: boolean; users: unknown[] } }>(TOTALS, { date: YESTERDAY });
const totalsKey = () => zenKeys(TokenCache.keyFor('ZEN', t.config.vendors.zen!.token), YESTERDAY).totals;
/** The day's cached totals, through the server's store and, on Redis, read straight from Redis. */
async function storedTotals(): Promise<string | null> {
  const viaStore = await t.graph.clients.store.get(totalsKey());
  if (redisPrefix === undefined) return viaStore;
  const redis = new Redis(SHARED_REDIS);
  try {
    expect(await redis.get(`${redisPrefix}${totalsKey()}`)).toBe(viaStore);
  } finally {
    redis.disconnect();
  }
  return viaStore;
}

/** After a failed call: Zen works again, its window is over, and the next query must ask it. */
async function expectNothingCached() {
  expect(await storedTotals()).toBeNull();
  t.sims.zen.failure = null;
  t.sims.zen.setTotals(YESTERDAY, { data: YESTERDAY, usuarios: [{ nome: 'Ana', total_lead: '3' }], erros: {} });
  clock += 5 * MINUTE;
  const result = await totals();
  expect(errorCodes(result)).toEqual([]);
  expect(result.data?.distributionTotals).toEqual({
    date: YESTERDAY,
    stale: false,
    users: [{ name: 'Ana', totalLeads: 3 }],
  });
  expect(t.sims.zen.calls).toEqual([YESTERDAY, YESTERDAY]);
  expect(await storedTotals()).not.toBeNull();
}

describe.each(DIALECTS_AND_STORES)('Zen errors answered $dialect, $store store', ({ dialect, store }) => {
  const upstreamStatus = dialect === 'http-200' ? 200 : 500;

  beforeEach(async () => {
    await start({}, store);
    t.sims.zen.errorDialect = dialect;
  });

  it('a failure is UPSTREAM_ERROR with Zen’s message, its token redacted, and nothing cached', async () => {
    t.sims.zen.failure = { status: 500, message: `Erro interno com a chave ${t.sims.zen.token}` };
    const result = await totals();
    expect(result.data).toEqual({ distributionTotals: null });
    expect(errorCodes(result)).toEqual(['UPSTREAM_ERROR']);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      vendor: 'ZEN',
      upstreamStatus,
      vendorMessage: 'Erro interno com a chave [REDACTED]',
    });
    expect(JSON.stringify(result)).not.toContain(t.sims.zen.token);
    expect(t.sims.zen.calls).toEqual([YESTERDAY]); // never retried
    await expectNothingCached();
  });

  it('a refusal of the date is an error with Zen’s message, and nothing cached', async () => {
    t.sims.zen.failure = { status: 400, message: 'Data inválida' };
    const result = await totals();
    expect(errorCodes(result)).toEqual([dialect === 'http-200' ? 'UPSTREAM_ERROR' : 'UPSTREAM_REJECTED']);
    expect(result.errors?.[0]?.extensions).toMatchObject({ vendor: 'ZEN', vendorMessage: 'Data inválida' });
    await expectNothingCached();
  });

  it('a 200 without usuarios is UPSTREAM_ERROR, never empty totals, and nothing cached', async () => {
    t.sims.zen.setTotals(YESTERDAY, { data: YESTERDAY, erros: {} });
    const result = await totals();
    expect(errorCodes(result)).toEqual(['UPSTREAM_ERROR']);
    expect(result.errors?.[0]?.message).toContain('usuarios');
    await expectNothingCached();
  });
});

describe.each(DIALECTS_AND_STORES)('Zen refusing our token, answered $dialect, $store store', ({ dialect, store }) => {
  beforeEach(async () => {
    await start(
      {
        configure: (config) => ({
          ...config,
          vendors: { ...config.vendors, zen: { ...config.vendors.zen!, token: 'wrong-token' } },
        }),
      },
      store,
    );
    t.sims.zen.errorDialect = dialect;
  });

  it('is UPSTREAM_UNAUTHORIZED with Zen’s message, and nothing cached', async () => {
    const result = await totals();
    expect(errorCodes(result)).toEqual(['UPSTREAM_UNAUTHORIZED']);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      vendor: 'ZEN',
      upstreamStatus: dialect === 'http-200' ? 200 : 401,
      vendorMessage: 'Token inválido ou não informado',
    });
    expect(await storedTotals()).toBeNull();
  });
});

describe('Zen simulator error dialects', () => {
  beforeEach(() => start());

  it.each([
    ['http-status', 500],
    ['http-200', 200],
  ] as const)('%s answers a failure with HTTP %i and {error}', async (dialect, status) => {
    t.sims.zen.errorDialect = dialect;
    t.sims.zen.failure = { status: 500, message: 'Erro interno' };
    const response = await fetch(`${t.sims.zen.integrationUrl}/${YESTERDAY}`, { headers: { token: t.sims.zen.token } });
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: 'Erro interno' });
  });
});
