// Zen's budget, lock and cache shared by several server instances through Redis: the machine's
// Redis on 127.0.0.1:6379 (a unique key prefix per test), and a redis-server of our own that
// we stop mid-test to see the in-memory fallback.
import assert from 'node:assert/strict';
import type { GraphQLFormattedError } from 'graphql';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RESILIENCE, edgeDefaults, type Config } from '../../../../src/config.js';
import type { Logger } from '../../../../src/logger.js';
import { createServer, type LeadGraph } from '../../../../src/server.js';
import { startSimulators, type EmbeddedVendors } from '../../../../src/simulators/index.js';
import { errorCodes } from '../../../support/graph.js';
import { startOwnRedis, type OwnRedis } from '../../../support/own-redis.js';
import { SHARED_REDIS, useRedisPrefixes } from '../../../support/redis.js';

const NOON_SAO_PAULO = Date.parse('2026-11-23T15:00:00Z');
const TODAY = '2026-11-23';
const YESTERDAY = '2026-11-22';
const MINUTE = 60_000;
const QUERY = `query ($date: Date!) { distributionTotals(date: $date) { date fetchedAt stale users { name totalLeads } } }`;

interface Answer {
  data?: { distributionTotals: { date: string; fetchedAt: string; stale: boolean; users: unknown[] } } | null;
  errors?: GraphQLFormattedError[];
}

let clock: number;
let sims: EmbeddedVendors;
let replicas: LeadGraph[] = [];
const newRedisPrefix = useRedisPrefixes();

beforeEach(async () => {
  clock = NOON_SAO_PAULO;
  sims = await startSimulators();
  sims.zen.now = () => clock;
});

afterEach(async () => {
  await Promise.all(replicas.map((r) => r.server.stop()));
  replicas = [];
  await sims.close();
});

/** `count` server instances sharing one Redis and one Zen token, each with its own process-wide state. */
async function startReplicas(count: number, redisUrl: string, logger: Logger = pino({ level: 'silent' })) {
  const prefix = newRedisPrefix();
  const config: Config = {
    nodeEnv: 'test',
    port: 0,
    logLevel: 'silent',
    defaultPhoneRegion: 'CO',
    vendors: sims.vendorConfigs({ timeoutMs: 2_000 }),
    redisUrl,
    redisKeyPrefix: prefix,
    resilience: { ...DEFAULT_RESILIENCE },
    shutdownTimeoutMs: 1_000,
    ...edgeDefaults('test'),
  };
  const started = Array.from({ length: count }, () => createServer(config, logger, { now: () => clock }));
  replicas.push(...started);
  await Promise.all(started.map((r) => r.server.start()));
  return started;
}

async function ask(replica: LeadGraph, date: string): Promise<Answer> {
  const response = await replica.server.executeOperation(
    { query: QUERY, variables: { date } },
    { contextValue: await replica.createContext() },
  );
  assert.equal(response.body.kind, 'single');
  return JSON.parse(JSON.stringify(response.body.singleResult)) as Answer;
}

describe('Zen totals shared through Redis', () => {
  it('two instances make one call together and serve each other’s answers', async () => {
    const [a, b] = await startReplicas(2, SHARED_REDIS);
    expect(a!.clients.store.kind).toBe('redis-with-fallback');

    const answers = await Promise.all([
      ...Array.from({ length: 20 }, () => ask(a!, YESTERDAY)),
      ...Array.from({ length: 20 }, () => ask(b!, YESTERDAY)),
    ]);
    expect(sims.zen.calls).toEqual([YESTERDAY]);
    expect(answers.map(errorCodes).flat()).toEqual([]);
    expect(new Set(answers.map((r) => r.data!.distributionTotals.fetchedAt))).toEqual(
      new Set([new Date(clock).toISOString()]),
    );
    expect(answers.every((r) => !r.data!.distributionTotals.stale)).toBe(true);

    // The window is shared: B may not spend it on another date.
    clock += MINUTE;
    const refused = await ask(b!, TODAY);
    expect(errorCodes(refused)).toEqual(['RATE_LIMITED']);
    expect(refused.errors![0]!.extensions).toMatchObject({ retryAfterSeconds: 240 });

    // After the window, B asks once and A serves B's answer.
    clock += 4 * MINUTE;
    expect(errorCodes(await ask(b!, TODAY))).toEqual([]);
    const fromB = await ask(a!, TODAY);
    expect(fromB.data!.distributionTotals).toMatchObject({ fetchedAt: new Date(clock).toISOString() });
    expect(sims.zen.calls).toEqual([YESTERDAY, TODAY]);
  });

  it('three instances under 1,000 concurrent queries on a cold cache make one call', async () => {
    const three = await startReplicas(3, SHARED_REDIS);
    const answers = await Promise.all(Array.from({ length: 1_000 }, (_, i) => ask(three[i % 3]!, TODAY)));
    expect(sims.zen.calls).toEqual([TODAY]);
    expect(answers.map(errorCodes).flat()).toEqual([]);
    expect(new Set(answers.map((r) => JSON.stringify(r.data)))).toHaveLength(1);

    clock += 2 * MINUTE;
    for (const replica of three) {
      expect((await ask(replica, TODAY)).data!.distributionTotals.stale).toBe(true);
    }
    expect(sims.zen.calls).toEqual([TODAY]);
  });
});

describe('Redis stopped mid-test', () => {
  let redis: OwnRedis;
  beforeEach(async () => {
    redis = await startOwnRedis();
  });
  afterEach(() => redis.kill());

  it('falls back to memory with a warning, and fails closed: no replica calls Zen while Redis is down', async () => {
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
    const [a, b] = await startReplicas(2, redis.url, logger);

    expect(errorCodes(await ask(a!, YESTERDAY))).toEqual([]);
    expect((await ask(b!, YESTERDAY)).data!.distributionTotals.stale).toBe(false); // A's answer, through Redis
    expect(sims.zen.calls).toEqual([YESTERDAY]);
    expect(warnings).toEqual([]);

    await redis.kill();

    // A still serves what it had, and still holds the window it spent: no call, no crash.
    clock += MINUTE;
    expect((await ask(a!, YESTERDAY)).data!.distributionTotals).toMatchObject({ date: YESTERDAY, stale: false });
    const refused = await ask(a!, TODAY);
    expect(errorCodes(refused)).toEqual(['RATE_LIMITED']);
    expect(refused.errors![0]!.extensions).toMatchObject({ retryAfterSeconds: 240 });
    expect(sims.zen.calls).toEqual([YESTERDAY]);
    expect(warnings.some((w) => w.includes(`Redis at ${new URL(redis.url).host} is unavailable`))).toBe(true);

    // After the window still no call, from either replica: each could claim the same window in
    // its own memory and Zen would get two calls in it. What is cached is served, the rest waits,
    // told that Redis is the cause.
    clock += 4 * MINUTE;
    for (const replica of [a!, b!]) {
      const closed = await ask(replica, TODAY);
      expect(errorCodes(closed)).toEqual(['STORE_UNAVAILABLE']);
      expect(closed.data).toEqual({ distributionTotals: null });
      expect(closed.errors![0]!.extensions).toMatchObject({ cause: 'SHARED_STORE_UNREACHABLE' });
      expect(closed.errors![0]!.message).toContain(`Redis at ${new URL(redis.url).host}`);
      expect(closed.errors![0]!.extensions!['retryAfterSeconds']).toBeGreaterThanOrEqual(1);
    }
    expect((await ask(a!, YESTERDAY)).data!.distributionTotals).toMatchObject({ date: YESTERDAY });
    expect(sims.zen.calls).toEqual([YESTERDAY]);
    expect(a!.clients.store.kind).toBe('redis-with-fallback');
  });
});
