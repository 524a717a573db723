// What every Redis topology must give a fleet, checked the same way for each (one server,
// Sentinel, Cluster): two replicas over one set of simulators, sharing Zen's window, the write
// journal and the vendors' holds through the Redis described by `connection`.
import { randomUUID } from 'node:crypto';
import { expect, vi } from 'vitest';
import type { Config } from '../../src/config.js';
import type { RedisConnection } from '../../src/datasources/shared/store/index.js';
import { healthRoutes } from '../../src/http/health.js';
import { HttpDrain } from '../../src/http/shutdown.js';
import { createLogger } from '../../src/logger.js';
import { startSimulators, type EmbeddedVendors } from '../../src/simulators/index.js';
import { errorCodes, startTestGraph, type TestGraph } from './graph.js';
import { serveHttp } from './http.js';
import { CREATE_LEAD, freshPhone } from './writes.js';

export const NOON_SAO_PAULO = Date.parse('2026-11-23T15:00:00Z');
export const TODAY = '2026-11-23';
export const YESTERDAY = '2026-11-22';
const TOTALS = `query ($date: Date!) { distributionTotals(date: $date) { date fetchedAt stale } }`;
const LEAD = `query ($id: ID!) { lead(id: $id) { id } }`;
const VALENTINA = 'leancore:fd3705e1-3149-4c41-bfe7-cf0bee79cfad:573136434030';

export interface Fleet {
  sims: EmbeddedVendors;
  a: TestGraph;
  b: TestGraph;
  /** The key prefix of this fleet's keys (unique per fleet). */
  prefix: string;
  stop(): Promise<void>;
}

/** Two replicas on `connection`, each answering a PING before it is used. */
export async function startFleet(connection: RedisConnection): Promise<Fleet> {
  const clock = NOON_SAO_PAULO;
  const sims = await startSimulators({ now: () => clock });
  const prefix = `lead-graph-test:${randomUUID()}:`;
  const configure = (config: Config): Config => ({ ...config, redis: connection, redisKeyPrefix: prefix });
  const start = () => startTestGraph({ sims, now: () => clock, configure });
  const [a, b] = await Promise.all([start(), start()]);
  // The first command of a cluster client waits for the slot map: not inside a Zen query's wait.
  // A Redis that cannot be reached is the test's to see (/ready), not the start's.
  await Promise.all([a, b].map((replica) => replica.graph.clients.store.ping().catch(() => undefined)));
  return {
    sims,
    a,
    b,
    prefix,
    async stop() {
      await Promise.all([a.stop(), b.stop()]);
      await sims.close();
    },
  };
}

export const askTotals = (replica: TestGraph, date: string) =>
  replica.execute<{ distributionTotals: { date: string; fetchedAt: string; stale: boolean } }>(TOTALS, { date });

/** Zen: 40 queries over both replicas make one call, and the other replica may not spend the window. */
export async function expectOneZenCallPerWindow({ a, b, sims }: Fleet): Promise<void> {
  const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => askTotals(i % 2 === 0 ? a : b, YESTERDAY)));
  expect(answers.flatMap(errorCodes)).toEqual([]);
  expect(sims.zen.calls).toEqual([YESTERDAY]);
  const refused = await askTotals(b, TODAY);
  expect(errorCodes(refused)).toEqual(['RATE_LIMITED']);
  expect(sims.zen.calls).toEqual([YESTERDAY]);
}

/** An idempotent write sent 10 times at once over both replicas reaches the vendor once. */
export async function expectWriteOnce({ a, b, sims }: Fleet): Promise<{ variables: Record<string, unknown> }> {
  const variables = { input: { fullName: 'Dos Réplicas', phone: freshPhone() }, key: randomUUID() };
  const before = sims.beschannels.requestsTo('/create-leads').length;
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).execute(CREATE_LEAD, variables)),
  );
  expect(results.map(errorCodes)).toEqual(Array.from({ length: 10 }, () => []));
  expect(new Set(results.map((r) => JSON.stringify(r.data))).size).toBe(1);
  expect(sims.beschannels.requestsTo('/create-leads').length - before).toBe(1);
  return { variables };
}

/** A 429 with Retry-After seen by one replica holds the other back without a call. */
export async function expectHoldsShared({ a, b, sims }: Fleet): Promise<void> {
  sims.leancore.resetRequests();
  sims.leancore.inject({ response: { status: 429, json: {}, headers: { 'retry-after': '30' } }, times: 1 });
  expect(errorCodes(await a.execute(LEAD, { id: VALENTINA }))).toEqual(['RATE_LIMITED']);
  expect(sims.leancore.requests).toHaveLength(1);
  const held = await b.execute(LEAD, { id: VALENTINA });
  expect(errorCodes(held)).toEqual(['RATE_LIMITED']);
  expect(held.errors![0]!.extensions!['retryAfterSeconds']).toBeGreaterThanOrEqual(29);
  expect(sims.leancore.requests).toHaveLength(1);
}

/**
 * Waits (up to 10 s) for the replica's /ready to answer 200: after a failover, a replica that has
 * sent nothing since is not ready until its store has tried Redis again (at most 5 s later).
 */
export async function expectReadyAgain(replica: TestGraph): Promise<void> {
  await vi.waitFor(async () => expect(await readyStatus(replica)).toBe(200), { timeout: 10_000, interval: 250 });
}

/** GET /ready over HTTP: 200 once the replica's Redis answers. */
export async function readyStatus(replica: TestGraph): Promise<number> {
  const logger = createLogger('silent');
  const openRoutes = healthRoutes({ config: replica.config, logger, graph: replica.graph, drain: new HttpDrain() });
  const http = await serveHttp(replica, { openRoutes });
  try {
    return (await fetch(`${http.url}/ready`)).status;
  } finally {
    await http.close();
  }
}
