// Two replicas on a Sentinel-managed Redis that this file starts (a primary, one replica, one
// Sentinel on free ports): Zen's window, the write journal and the holds are shared as on one
// server, and after a failover (the primary SIGKILLed, the replica promoted) both replicas find
// the new primary by themselves, with the journal and Zen's window intact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOwnRedisSentinel, type OwnRedisSentinel } from '../../support/own-redis.js';
import {
  askTotals,
  expectHoldsShared,
  expectOneZenCallPerWindow,
  expectWriteOnce,
  expectReadyAgain,
  readyStatus,
  startFleet,
  TODAY,
  type Fleet,
} from '../../support/redis-topology.js';
import { errorCodes } from '../../support/graph.js';
import { CREATE_LEAD } from '../../support/writes.js';
import { setTimeout as sleep } from 'node:timers/promises';

let sentinel: OwnRedisSentinel;
let fleet: Fleet;

beforeAll(async () => {
  sentinel = await startOwnRedisSentinel();
  fleet = await startFleet({ mode: 'sentinel', sentinels: sentinel.sentinels, name: sentinel.name });
}, 30_000);

afterAll(async () => {
  await fleet?.stop();
  await sentinel?.stop();
});

describe('two replicas on a Sentinel-managed Redis', () => {
  it('uses the Sentinel’s primary: the store is Redis, /ready answers 200', async () => {
    expect(fleet.a.graph.clients.store.kind).toBe('redis-with-fallback');
    expect(await readyStatus(fleet.a)).toBe(200);
  });

  it('shares Zen’s window, the write journal and the holds; after a failover it finds the new primary', async () => {
    await expectOneZenCallPerWindow(fleet);
    await expectHoldsShared(fleet);
    const { variables } = await expectWriteOnce(fleet);
    const creates = () => fleet.sims.beschannels.requestsTo('/create-leads').length;
    const createsBefore = creates();
    const first = await fleet.a.execute(CREATE_LEAD, variables);

    const before = await sentinel.primary();
    const after = await sentinel.failover();
    expect(after.port).not.toBe(before.port);

    // Until each replica has reconnected (and its store tried Redis again, at most 5 s later)
    // the journal refuses keyed writes: IDEMPOTENCY_UNAVAILABLE, never a second vendor call.
    const deadline = Date.now() + 20_000;
    let repeat = await fleet.b.execute(CREATE_LEAD, variables);
    while (errorCodes(repeat).length > 0 && Date.now() < deadline) {
      expect(errorCodes(repeat)).toEqual(['IDEMPOTENCY_UNAVAILABLE']);
      await sleep(250);
      repeat = await fleet.b.execute(CREATE_LEAD, variables);
    }
    expect(repeat).toEqual(first);
    expect(creates()).toBe(createsBefore);
    for (const replica of [fleet.a, fleet.b]) await expectReadyAgain(replica);
    // Zen's window moved with the data: the promoted replica still holds it.
    expect(errorCodes(await askTotals(fleet.a, TODAY))).toEqual(['RATE_LIMITED']);
    expect(fleet.sims.zen.calls).toHaveLength(1);
  }, 40_000);
});
