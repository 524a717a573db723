// Two graph instances on one Redis (a key prefix of this file's own), each with its graphql-ws
// endpoint on a real socket: subscribers on both share Zen's one call per window, and a write
// through one replica reaches a subscriber on the other (Redis pub/sub).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Config } from '../../../src/config.js';
import { startSimulators, type EmbeddedVendors } from '../../../src/simulators/index.js';
import { errorCodes, startTestGraph, type TestGraph } from '../../support/graph.js';
import { SHARED_REDIS, useRedisPrefixes } from '../../support/redis.js';
import { serveLive, subscribe, type LiveTestServer, type Subscription } from '../../support/subscriptions.js';
import { createBesChannelsLead } from '../../support/writes.js';

const NOON_SAO_PAULO = Date.parse('2026-11-23T15:00:00Z');
const TODAY = '2026-11-23';
const SUBSCRIBERS = 1_000;
const CONNECTIONS_PER_REPLICA = 10;
const TOTALS = `subscription($date: Date!) { distributionTotalsChanged(date: $date) { fetchedAt users { totalLeads } } }`;

interface TotalsEvent {
  distributionTotalsChanged: { fetchedAt: string; users: { totalLeads: number }[] };
}

const prefix = useRedisPrefixes()();
let clock = NOON_SAO_PAULO;
let sims: EmbeddedVendors;
let replicas: { t: TestGraph; live: LiveTestServer }[];

beforeAll(async () => {
  sims = await startSimulators({ now: () => clock });
  sims.zen.now = () => clock;
  const onRedis = (config: Config): Config => ({
    ...config,
    redisUrl: SHARED_REDIS,
    redisKeyPrefix: prefix,
    subscriptions: { maxPerConnection: SUBSCRIBERS, maxPerProcess: SUBSCRIBERS, maxConnections: SUBSCRIBERS },
  });
  replicas = await Promise.all(
    [0, 1].map(async () => {
      const t = await startTestGraph({ sims, now: () => clock, configure: onRedis });
      return { t, live: await serveLive(t) };
    }),
  );
});
afterAll(async () => {
  for (const { t, live } of replicas) {
    await live.close();
    await t.stop();
  }
  await sims.close();
});

describe('two replicas on one Redis', () => {
  it(`${SUBSCRIBERS} subscribers across both make one Zen call per window, and each gets one event per refresh`, async () => {
    const subscriptions: Subscription<TotalsEvent>[] = [];
    for (const { live } of replicas) {
      const clients = Array.from({ length: CONNECTIONS_PER_REPLICA }, () => live.client().client);
      for (let i = 0; i < SUBSCRIBERS / 2; i++) {
        subscriptions.push(subscribe<TotalsEvent>(clients[i % CONNECTIONS_PER_REPLICA]!, TOTALS, { date: TODAY }));
      }
    }
    await vi.waitFor(() => expect(subscriptions.every((s) => s.results.length === 1)).toBe(true), {
      timeout: 20_000,
      interval: 50,
    });
    expect(subscriptions.flatMap((s) => s.results.flatMap(errorCodes))).toEqual([]);
    expect(replicas.map(({ live }) => live.endpoint.active)).toEqual([SUBSCRIBERS / 2, SUBSCRIBERS / 2]);
    expect(sims.zen.calls).toEqual([TODAY]);

    // The window ends and Zen's answer changed: both replicas ask at once, Zen is called once.
    sims.zen.setTotals(TODAY, { data: TODAY, usuarios: [{ nome: 'Ana', total_lead: '77' }] });
    clock += 5 * 60_000 + 1_000;
    await Promise.all(replicas.map(({ t }) => t.graph.live.totals.refreshDue()));
    expect(sims.zen.calls).toEqual([TODAY, TODAY]);
    await vi.waitFor(() => expect(subscriptions.every((s) => s.results.length >= 2)).toBe(true), {
      timeout: 10_000,
      interval: 50,
    });
    // Exactly one event for that refresh, on both replicas, however many of them heard it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(new Set(subscriptions.map((s) => s.results.length))).toEqual(new Set([2]));
    expect(
      new Set(subscriptions.map((s) => s.results[1]!.data!.distributionTotalsChanged.users[0]!.totalLeads)),
    ).toEqual(new Set([77]));
    for (const s of subscriptions) s.unsubscribe();
    await vi.waitFor(() => expect(replicas.map(({ live }) => live.endpoint.active)).toEqual([0, 0]));
    expect(replicas.flatMap(({ t }) => t.graph.live.totals.watchedDates)).toEqual([]);
  }, 60_000);

  it('a write through one replica reaches a subscriber on the other', async () => {
    const [a, b] = replicas as [(typeof replicas)[0], (typeof replicas)[0]];
    const id = await createBesChannelsLead(a.t);
    const change = subscribe<{ leadChanged: { leadId: string; source: string; changedFields: string[] } }>(
      b.live.client().client,
      'subscription($id: ID!) { leadChanged(id: $id) { leadId source changedFields } }',
      { id },
    );
    await vi.waitFor(() => expect(b.live.endpoint.active).toBe(1));
    // Redis has confirmed the channel before the write is published.
    await vi.waitFor(async () => expect(await b.t.graph.live.bus.ready()).toBe(true));
    const result = await a.t.execute('mutation($id: ID!) { assignLead(id: $id, ownerId: "1025") { id } }', { id });
    expect(errorCodes(result)).toEqual([]);
    const [event] = await change.received(1);
    expect(event!.data!.leadChanged).toEqual({ leadId: id, source: 'GRAPH_WRITE', changedFields: ['owner'] });
    change.unsubscribe();
  });
});
