// The write journal across server instances that share the real Redis (a key prefix of this
// file's own), over the same vendor simulators: replicas, and a restart.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../../../src/config.js';
import { startSimulators, type EmbeddedVendors } from '../../../src/simulators/index.js';
import { errorCodes, startTestGraph, type TestGraph } from '../../support/graph.js';
import { CREATE_LEAD, freshPhone, onlyError } from '../../support/writes.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const redisPrefix = `lead-graph-test:${randomUUID()}:`;
const TIMEOUT_MS = 400;

let sims: EmbeddedVendors;
let replicaA: TestGraph;
let replicaB: TestGraph;

const onSharedRedis = (config: Config): Config => ({ ...config, redisUrl: REDIS_URL, redisKeyPrefix: redisPrefix });
const startReplica = () => startTestGraph({ sims, timeoutMs: TIMEOUT_MS, configure: onSharedRedis });
const creates = () => sims.beschannels.requestsTo('/create-leads');
const leadsWithPhone = (phone: string) =>
  sims.beschannels.leads.filter((l) => l.MobilePhone.replace(/[\s\-()]/g, '') === phone);

beforeAll(async () => {
  sims = await startSimulators();
  [replicaA, replicaB] = await Promise.all([startReplica(), startReplica()]);
});

beforeEach(() => {
  sims.beschannels.clearFaults();
  sims.beschannels.resetRequests();
});

afterAll(async () => {
  await Promise.all([replicaA.stop(), replicaB.stop()]);
  await sims.close();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${redisPrefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

describe('two replicas sharing Redis', () => {
  it('a repeat on the other replica gets the first result, with no second vendor call', async () => {
    const variables = { input: { fullName: 'Dos Réplicas', phone: freshPhone() }, key: randomUUID() };
    const first = await replicaA.execute(CREATE_LEAD, variables);
    expect(errorCodes(first)).toEqual([]);
    expect(await replicaB.execute(CREATE_LEAD, variables)).toEqual(first);
    expect(creates()).toHaveLength(1);
  });

  it('10 concurrent repeats split over both replicas make one vendor call', async () => {
    const phone = freshPhone();
    const variables = { input: { fullName: 'Diez en Dos', phone }, key: randomUUID() };
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? replicaA : replicaB).execute(CREATE_LEAD, variables)),
    );
    expect(results.map(errorCodes)).toEqual(Array.from({ length: 10 }, () => []));
    expect(new Set(results.map((r) => JSON.stringify(r.data))).size).toBe(1);
    expect(creates()).toHaveLength(1);
    expect(leadsWithPhone(phone)).toHaveLength(1);
  });

  it('the vendor stores the lead and hangs: UPSTREAM_OUTCOME_UNKNOWN on one replica, the retry on the other returns that lead', async () => {
    const phone = freshPhone();
    const key = randomUUID();
    const variables = { input: { fullName: 'Perdida en A', phone }, key };
    sims.beschannels.inject({ path: '/create-leads', lostAnswer: 'hang', times: 1 });

    const first = await replicaA.execute(CREATE_LEAD, variables);
    expect(onlyError(first)).toMatchObject({ code: 'UPSTREAM_OUTCOME_UNKNOWN', idempotencyKey: key });

    const retry = await replicaB.execute<{ createLead: { id: string; phone: string } }>(CREATE_LEAD, variables);
    expect(errorCodes(retry)).toEqual([]);
    const [stored] = leadsWithPhone(phone);
    expect(retry.data?.createLead).toMatchObject({ id: `beschannels:${stored?.leads_id}`, phone });
    expect(leadsWithPhone(phone)).toHaveLength(1);
    expect(creates()).toHaveLength(1);
  });
});

describe('a restart', () => {
  it('keeps the journal in Redis: the restarted server answers a repeat without calling the vendor', async () => {
    const variables = { input: { fullName: 'Antes del Reinicio', phone: freshPhone() }, key: randomUUID() };
    const before = await startReplica();
    const first = await before.execute(CREATE_LEAD, variables);
    await before.stop();
    expect(errorCodes(first)).toEqual([]);

    const after = await startReplica();
    try {
      expect(await after.execute(CREATE_LEAD, variables)).toEqual(first);
      expect(creates()).toHaveLength(1);
    } finally {
      await after.stop();
    }
  });

  it('after a write whose answer never came, the restarted server reconciles instead of writing again', async () => {
    const phone = freshPhone();
    const variables = { input: { fullName: 'Reinicio Perdido', phone }, key: randomUUID() };
    const before = await startReplica();
    sims.beschannels.inject({ path: '/create-leads', lostAnswer: 'reset', times: 1 });
    expect(errorCodes(await before.execute(CREATE_LEAD, variables))).toEqual(['UPSTREAM_OUTCOME_UNKNOWN']);
    await before.stop();

    const after = await startReplica();
    try {
      expect(errorCodes(await after.execute(CREATE_LEAD, variables))).toEqual([]);
      expect(leadsWithPhone(phone)).toHaveLength(1);
      expect(creates()).toHaveLength(1);
    } finally {
      await after.stop();
    }
  });
});
