// Issue 20, point 6 in the fault matrix: a store that hangs (a redis-server of this file's own,
// frozen with SIGSTOP) is never on the path of a vendor call. Two replicas share it and the
// simulators. Non-Zen reads answer while it is frozen, each sooner than a read that waited for
// it could (the store's command timeout), with one read of each vendor's hold in flight however
// many calls go; Zen, which must not go on without its budget, answers STORE_UNAVAILABLE within
// its own short bound; a hold written by one replica reaches the other once the store thaws.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../../../src/config.js';
import { ZEN_DEFAULTS } from '../../../src/datasources/zen/api.js';
import { isoDateIn } from '../../../src/datasources/zen/dates.js';
import { startSimulators, type EmbeddedVendors } from '../../../src/simulators/index.js';
import { errorCodes, startTestGraph, type TestGraph } from '../../support/graph.js';
import { startOwnRedis, type OwnRedis } from '../../support/own-redis.js';
import { leanCoreId } from '../../support/lead-ids.js';

/** How long the store waits for Redis to answer a command (RedisStore's default). */
const STORE_COMMAND_TIMEOUT_MS = 3_000;
/** Past the interval after which a replica reads a hold again (src/datasources/shared/vendor-guard.ts). */
const PAST_HOLD_REFRESH_MS = 1_100;
const ROUNDS = 4;
const CLIENTS = 3;

const READS = `query Reads($lc: ID!, $bes: ID!, $crm: ID!) {
  leancore: lead(id: $lc) { id fullName }
  beschannels: lead(id: $bes) { id fullName }
  crmcom: lead(id: $crm) { id fullName }
}`;
const IDS = {
  lc: leanCoreId('fd3705e1-3149-4c41-bfe7-cf0bee79cfad', '573136434030'),
  bes: 'beschannels:5880',
  crm: 'crmcom:4C1B2A9E8F7D4E6A9B0C1D2E3F405162',
};
const LEANCORE = `query ($id: ID!) { lead(id: $id) { id } }`;
const ZEN = `query ($date: Date!) { distributionTotals(date: $date) { date stale } }`;

let clock = Date.now();
const now = () => clock;
const prefix = `lead-graph-test:${randomUUID()}:`;
let redis: OwnRedis;
let admin: Redis;
let sims: EmbeddedVendors;
let a: TestGraph;
let b: TestGraph;

beforeAll(async () => {
  redis = await startOwnRedis();
  admin = new Redis(redis.url);
  sims = await startSimulators({ now });
  sims.zen.now = now;
  const onOwnRedis = (config: Config): Config => ({ ...config, redisUrl: redis.url, redisKeyPrefix: prefix });
  const replica = () => startTestGraph({ sims, now, configure: onOwnRedis });
  [a, b] = await Promise.all([replica(), replica()]);
});

beforeEach(async () => {
  for (const sim of [sims.leancore, sims.beschannels, sims.crmcom, sims.zen]) {
    sim.clearFaults();
    sim.resetRequests();
  }
  await Promise.all([a, b].map((replica) => replica.graph.clients.resetVendorGuards()));
});

// A failed test must not leave the store frozen for the next one.
afterEach(() => redis.resume());

afterAll(async () => {
  redis?.resume();
  await Promise.all([a?.stop(), b?.stop()]);
  await sims?.close();
  admin?.disconnect();
  await redis?.kill();
});

/** Calls Redis received of `command` since the last CONFIG RESETSTAT. */
async function commandCalls(command: string): Promise<number> {
  const stats = await admin.info('commandstats');
  return Number(new RegExp(`^cmdstat_${command}:calls=(\\d+)`, 'm').exec(stats)?.[1] ?? 0);
}

/** Polls `condition` every 20 ms until it holds; false after `boundMs`. */
async function eventually(condition: () => Promise<boolean>, boundMs = 5_000): Promise<boolean> {
  const deadline = performance.now() + boundMs;
  while (performance.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

describe('a store frozen with SIGSTOP', () => {
  it('non-Zen reads answer while it is frozen, none waits for it, one hold read per vendor is in flight', async () => {
    expect(errorCodes(await a.execute(READS, IDS))).toEqual([]); // tokens issued, holds read
    await admin.config('RESETSTAT');
    for (const sim of [sims.leancore, sims.beschannels, sims.crmcom]) sim.resetRequests();

    redis.pause();
    const durations: number[] = [];
    try {
      for (let round = 0; round < ROUNDS; round++) {
        clock += PAST_HOLD_REFRESH_MS; // every round would read the holds again
        const answers = await Promise.all(
          Array.from({ length: CLIENTS }, async () => {
            const started = performance.now();
            const answer = await a.execute(READS, IDS);
            durations.push(performance.now() - started);
            return answer;
          }),
        );
        for (const answer of answers) expect(errorCodes(answer)).toEqual([]);
      }
    } finally {
      redis.resume();
    }
    // A read that waited for the frozen store would have waited until its command timed out.
    expect(durations).toHaveLength(ROUNDS * CLIENTS);
    expect(Math.max(...durations)).toBeLessThan(STORE_COMMAND_TIMEOUT_MS);
    // Every read went to its vendor.
    for (const sim of [sims.leancore, sims.crmcom])
      expect(sim.requests.length).toBeGreaterThanOrEqual(ROUNDS * CLIENTS);
    expect(sims.beschannels.requestsTo('/leads-details').length).toBeGreaterThanOrEqual(ROUNDS * CLIENTS);
    // The reads of the holds sent while frozen reach Redis once it thaws: one per vendor, not one per call or round.
    expect(await eventually(async () => (await commandCalls('get')) >= 3)).toBe(true);
    expect(await commandCalls('get')).toBe(3);
  });

  it('Zen answers STORE_UNAVAILABLE within its own bound, without a call; once thawed, Zen is asked', async () => {
    const today = isoDateIn(ZEN_DEFAULTS.timeZone, clock);
    redis.pause();
    let tookMs: number;
    let answer: Awaited<ReturnType<TestGraph['execute']>>;
    try {
      const started = performance.now();
      answer = await a.execute(ZEN, { date: today });
      tookMs = performance.now() - started;
    } finally {
      redis.resume();
    }
    expect(errorCodes(answer)).toEqual(['STORE_UNAVAILABLE']);
    expect(answer.errors![0]!.message).toContain(`(Redis at ${new URL(redis.url).host}) did not answer within`);
    expect(answer.errors![0]!.extensions).toMatchObject({ cause: 'SHARED_STORE_TIMEOUT' });
    expect(answer.errors![0]!.extensions!['retryAfterSeconds']).toBeGreaterThanOrEqual(1);
    expect(answer.data).toEqual({ distributionTotals: null });
    expect(tookMs).toBeGreaterThanOrEqual(ZEN_DEFAULTS.storeWaitMs - 1);
    expect(tookMs).toBeLessThan(STORE_COMMAND_TIMEOUT_MS);
    expect(sims.zen.calls).toEqual([]);

    const thawed = await a.execute(ZEN, { date: today });
    expect(errorCodes(thawed)).toEqual([]);
    expect(thawed.data).toEqual({ distributionTotals: { date: today, stale: false } });
    expect(sims.zen.calls).toEqual([today]);
  });

  it('a hold replica A writes while it is frozen reaches replica B once it thaws, at B’s next read of the hold', async () => {
    const lead = { id: IDS.lc };
    expect(errorCodes(await b.execute(LEANCORE, lead))).toEqual([]); // B has read the hold: none
    redis.pause();
    try {
      sims.leancore.inject({
        response: { status: 429, json: { error: 'quota' }, headers: { 'retry-after': '60' } },
        times: 1,
      });
      expect(errorCodes(await a.execute(LEANCORE, lead))).toEqual(['RATE_LIMITED']);
      // A holds at once, frozen store or not.
      expect(errorCodes(await a.execute(LEANCORE, lead))).toEqual(['RATE_LIMITED']);
      expect(sims.leancore.requests).toHaveLength(2);
    } finally {
      redis.resume();
    }
    const [holdKey] = await admin.keys(`${prefix}hold:LEANCORE:*`);
    expect(Number(await admin.get(holdKey!))).toBe(clock + 60_000);

    // B goes on with what it read until its next read of the hold, which finds A's.
    let held: Awaited<ReturnType<TestGraph['execute']>> | undefined;
    const bCalls = () => sims.leancore.requests.length - 2;
    clock += PAST_HOLD_REFRESH_MS;
    expect(
      await eventually(async () => {
        held = await b.execute(LEANCORE, lead);
        return errorCodes(held)[0] === 'RATE_LIMITED';
      }),
    ).toBe(true);
    expect(held!.errors![0]!.extensions).toMatchObject({ vendor: 'LEANCORE' });
    // At most the read that found the store still busy thawing went to LeanCore.
    expect(bCalls()).toBeLessThanOrEqual(1);
  });
});
