// Zen's window held after a failed call (issue 24): for the rest of the 5 minutes every client,
// on every replica, gets that failure's code with retryAfterSeconds, not a bare RATE_LIMITED;
// and a Redis that cannot be reached is named as the cause. Over HTTP, against the Zen
// simulator, in memory and on a redis-server of this file's own (two replicas, one prefix).
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../../../src/config.js';
import type { Fault } from '../../../../src/simulators/server.js';
import { json } from '../../../../src/simulators/server.js';
import { startSimulators, type EmbeddedVendors } from '../../../../src/simulators/index.js';
import { startTestGraph, type TestGraph } from '../../../support/graph.js';
import { serveHttp, type GraphQLBody, type HttpTestServer } from '../../../support/http.js';
import { freePort, startOwnRedis, type OwnRedis } from '../../../support/own-redis.js';

const NOON_SAO_PAULO = Date.parse('2026-11-23T15:00:00Z');
const TODAY = '2026-11-23';
const YESTERDAY = '2026-11-22';
const MINUTE = 60_000;
const QUERY = `query ($date: Date!) { distributionTotals(date: $date) { date fetchedAt stale } }`;

let clock = NOON_SAO_PAULO;
let sims: EmbeddedVendors | undefined;
let redis: OwnRedis | undefined;
const replicas: { t: TestGraph; http: HttpTestServer }[] = [];

afterEach(async () => {
  for (const { t, http } of replicas.splice(0)) {
    await http.close();
    await t.stop();
  }
  await sims?.close();
  sims = undefined;
  await redis?.kill();
  redis = undefined;
});

async function startReplica(configure: (config: Config) => Config = (c) => c) {
  sims ??= await startSimulators({ now: () => clock });
  sims.zen.now = () => clock;
  const t = await startTestGraph({ sims, now: () => clock, timeoutMs: 300, configure });
  const replica = { t, http: await serveHttp(t) };
  replicas.push(replica);
  return replica;
}

const ask = async (replica: { http: HttpTestServer }, date: string): Promise<GraphQLBody> =>
  (await replica.http.post({ query: QUERY, variables: { date } })).json;
const firstError = (body: GraphQLBody) => body.errors?.[0];
const zenCalls = () => sims!.zen.calls.length;

const FAULTS: { name: string; fault: () => Fault; code: string; status?: number }[] = [
  {
    name: 'a 500',
    fault: () => ({ response: json(500, { error: 'Erro interno' }), times: 1 }),
    code: 'UPSTREAM_ERROR',
    status: 500,
  },
  {
    name: 'a 401',
    fault: () => ({ response: json(401, { error: 'Token inválido' }), times: 1 }),
    code: 'UPSTREAM_UNAUTHORIZED',
    status: 401,
  },
  { name: 'a timeout', fault: () => ({ delayMs: 1_000, times: 1 }), code: 'UPSTREAM_TIMEOUT' },
  {
    name: 'an error body in a 200',
    fault: () => ({ response: sims!.zen.errorIn200('Falha na consulta'), times: 1 }),
    code: 'UPSTREAM_ERROR',
    status: 200,
  },
];

describe('Zen’s window held after a failed call, in memory', () => {
  for (const { name, fault, code, status } of FAULTS) {
    it(`${name}: the rest of the window answers ${code} with retryAfterSeconds, then Zen is asked again`, async () => {
      clock = NOON_SAO_PAULO;
      const replica = await startReplica();
      sims!.zen.inject(fault());

      const failed = await ask(replica, TODAY);
      expect(failed.data).toEqual({ distributionTotals: null });
      expect(firstError(failed)?.extensions).toMatchObject({ code, vendor: 'ZEN', retryAfterSeconds: 300 });
      if (status !== undefined) expect(firstError(failed)?.extensions).toMatchObject({ upstreamStatus: status });
      expect(zenCalls()).toBe(1);

      // One minute on: the same cause, the time left, no call; any date (the window is per token).
      clock += MINUTE;
      for (const date of [TODAY, YESTERDAY]) {
        const held = await ask(replica, date);
        expect(firstError(held)?.extensions).toMatchObject({ code, vendor: 'ZEN', retryAfterSeconds: 240 });
        if (status !== undefined) expect(firstError(held)?.extensions).toMatchObject({ upstreamStatus: status });
        expect(firstError(held)?.message).toContain('may be asked again in 240 s');
      }
      expect(zenCalls()).toBe(1);

      // After the window Zen is asked again; the next window is held by a success: RATE_LIMITED.
      clock += 4 * MINUTE;
      const answered = await ask(replica, TODAY);
      expect(answered.errors).toBeUndefined();
      expect(zenCalls()).toBe(2);
      clock += MINUTE;
      const limited = await ask(replica, YESTERDAY);
      expect(firstError(limited)?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 240 });
      expect(zenCalls()).toBe(2);
    });
  }
});

describe('Zen’s window held after a failed call, two replicas on one Redis', () => {
  it('the other replica answers with the same failure; with Redis down, STORE_UNAVAILABLE names Redis', async () => {
    clock = NOON_SAO_PAULO;
    redis = await startOwnRedis();
    const prefix = `lead-graph-test:${randomUUID()}:`;
    const onRedis = (config: Config): Config => ({ ...config, redisUrl: redis!.url, redisKeyPrefix: prefix });
    const a = await startReplica(onRedis);
    const b = await startReplica(onRedis);
    sims!.zen.inject({ response: json(500, { error: 'Erro interno' }), times: 1 });

    expect(firstError(await ask(a, TODAY))?.extensions).toMatchObject({
      code: 'UPSTREAM_ERROR',
      retryAfterSeconds: 300,
    });
    clock += 2 * MINUTE;
    const fromB = await ask(b, TODAY);
    expect(firstError(fromB)?.extensions).toMatchObject({
      code: 'UPSTREAM_ERROR',
      upstreamStatus: 500,
      vendorMessage: 'Erro interno',
      retryAfterSeconds: 180,
    });
    expect(zenCalls()).toBe(1);

    // Redis gone and the window over: no replica may claim the next one in its own memory, and
    // each says why, naming the store (host and port, nothing else).
    await redis.kill();
    clock += 3 * MINUTE;
    for (const replica of [a, b]) {
      const refused = await ask(replica, TODAY);
      expect(refused.data).toEqual({ distributionTotals: null });
      expect(firstError(refused)?.extensions).toMatchObject({
        code: 'STORE_UNAVAILABLE',
        cause: 'SHARED_STORE_UNREACHABLE',
      });
      expect(firstError(refused)?.extensions?.['retryAfterSeconds']).toBeGreaterThanOrEqual(1);
      expect(firstError(refused)?.message).toContain(`Redis at ${new URL(redis.url).host}`);
    }
    expect(zenCalls()).toBe(1);
  });
});

describe('Zen with a Redis that cannot be reached from the start', () => {
  it('answers STORE_UNAVAILABLE naming Redis by host and port, never its password', async () => {
    clock = NOON_SAO_PAULO;
    const port = await freePort(); // nobody listens there
    const replica = await startReplica((config) => ({
      ...config,
      redisUrl: `redis://:s3cret-password@127.0.0.1:${port}`,
      redisKeyPrefix: `lead-graph-test:${randomUUID()}:`,
    }));
    const refused = await ask(replica, TODAY);
    expect(refused.data).toEqual({ distributionTotals: null });
    expect(firstError(refused)?.extensions).toMatchObject({
      code: 'STORE_UNAVAILABLE',
      cause: 'SHARED_STORE_UNREACHABLE',
    });
    expect(firstError(refused)?.message).toContain(`Redis at 127.0.0.1:${port}`);
    expect(JSON.stringify(refused)).not.toContain('s3cret');
    expect(zenCalls()).toBe(0);
  });
});
