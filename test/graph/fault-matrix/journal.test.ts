// The fault matrix of issue 20 for the write journal, through HTTP against the simulators: the
// journal's store killed, restarted empty, paused (a redis-server of this file's own) or
// unreachable (PostgreSQL on a closed port), the journal in PostgreSQL surviving a Redis that
// restarts empty, and the bounds (entries in memory, keys in flight per client, one key repeated).
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig, type Config } from '../../../src/config.js';
import { MemoryJournalStore } from '../../../src/datasources/shared/store/index.js';
import { healthRoutes } from '../../../src/http/health.js';
import { HttpDrain } from '../../../src/http/shutdown.js';
import { WriteJournal, type JournaledWrite } from '../../../src/leads/write-journal.js';
import { createLogger } from '../../../src/logger.js';
import { startSimulators, type EmbeddedVendors } from '../../../src/simulators/index.js';
import { startTestGraph, type TestGraph } from '../../support/graph.js';
import { serveHttp, useHttpTestGraph, type GraphQLBody, type HttpTestServer } from '../../support/http.js';
import { freePort, startOwnRedis, type OwnRedis } from '../../support/own-redis.js';
import { CREATE_LEAD, createBesChannelsLead, freshPhone } from '../../support/writes.js';

const ADD_REMARK = `mutation($leadId: ID!, $content: String!, $key: String) {
  addLeadRemark(leadId: $leadId, content: $content, idempotencyKey: $key) { id content }
}`;
const POSTGRES = 'postgres://postgres@127.0.0.1:5432';

interface Replica {
  t: TestGraph;
  http: HttpTestServer;
}

/** A server over `sims` with `configure`'s store settings, served over HTTP with /ready. */
async function startReplica(sims: EmbeddedVendors, configure: (config: Config) => Config): Promise<Replica> {
  const t = await startTestGraph({ sims, timeoutMs: 2_000, configure });
  const logger = createLogger('silent');
  const openRoutes = healthRoutes({ config: t.config, logger, graph: t.graph, drain: new HttpDrain() });
  return { t, http: await serveHttp(t, { openRoutes }) };
}

async function stopReplicas(replicas: Replica[]): Promise<void> {
  for (const { t, http } of replicas) {
    await http.close();
    await t.stop();
  }
}

const codeOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.['code'];

async function ready(replica: Replica): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${replica.http.url}/ready`);
  return { status: response.status, body: await response.json() };
}

/** Sends `send` until its answer is not IDEMPOTENCY_UNAVAILABLE (the store is back), within a bound. */
async function untilJournalAnswers(send: () => Promise<GraphQLBody>): Promise<GraphQLBody> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const body = await send();
    if (codeOf(body) !== 'IDEMPOTENCY_UNAVAILABLE' || Date.now() > deadline) return body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the journal in Redis, two replicas, one prefix (the 4-writes scenario)', () => {
  let sims: EmbeddedVendors;
  let redis: OwnRedis;
  let replicas: Replica[] = [];

  beforeAll(async () => {
    sims = await startSimulators();
    redis = await startOwnRedis();
  });

  // Each test's replicas share a prefix of their own: no test sees another's journal or epoch.
  beforeEach(async () => {
    const prefix = `lead-graph-test:${randomUUID()}:`;
    const onOwnRedis = (config: Config): Config => ({ ...config, redisUrl: redis.url, redisKeyPrefix: prefix });
    replicas = [await startReplica(sims, onOwnRedis), await startReplica(sims, onOwnRedis)];
  });

  afterEach(async () => {
    await stopReplicas(replicas);
    replicas = [];
  });

  afterAll(async () => {
    await redis.kill();
    await sims.close();
  });

  it('up, killed, restarted empty: one vendor write for one key, IDEMPOTENCY_UNAVAILABLE while down, reconciled after', async () => {
    const [a, b] = replicas as [Replica, Replica];
    const leadId = await createBesChannelsLead(a.t);
    const leadsId = Number(leadId.split(':')[1]);
    const content = `Llamada ${randomUUID()}`;
    const variables = { leadId, content, key: 'K' };
    const send = (replica: Replica) => replica.http.post({ query: ADD_REMARK, variables }).then((r) => r.json);
    const remarkAdds = () => sims.beschannels.requestsTo('/add-remarks').length;
    const remarksAtVendor = () =>
      sims.beschannels.remarks.filter((r) => r.leads_id === leadsId && r.content === content);
    sims.beschannels.resetRequests();

    // Redis up: both answer the same remark.
    const first = await send(a);
    expect(first.errors).toBeUndefined();
    expect(await send(b)).toEqual(first);
    expect(remarkAdds()).toBe(1);

    // Redis killed: both refuse before any vendor call, with a time to retry after.
    await redis.kill();
    for (const replica of [a, b]) {
      const refused = await send(replica);
      expect(refused.data).toBeNull();
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'IDEMPOTENCY_UNAVAILABLE',
        cause: 'SHARED_STORE_UNREACHABLE',
      });
      // The store is named, so an operator knows where to look.
      expect(refused.errors?.[0]?.message).toContain(`Redis at ${new URL(redis.url).host}`);
      expect(refused.errors?.[0]?.extensions?.['retryAfterSeconds']).toBeGreaterThan(0);
      expect(await ready(replica)).toEqual({
        status: 503,
        body: { status: 'unavailable', reason: 'Redis does not answer' },
      });
    }
    expect(remarkAdds()).toBe(1);

    // Redis restarted empty: the journal's entries are gone; both read the vendor back first.
    await redis.restartEmpty();
    const afterA = await untilJournalAnswers(() => send(a));
    const afterB = await untilJournalAnswers(() => send(b));
    expect(afterA).toEqual(first);
    expect(afterB).toEqual(first);
    expect(remarkAdds()).toBe(1);
    expect(remarksAtVendor()).toHaveLength(1);
    expect((await ready(a)).status).toBe(200);

    // A new key with new text is still a new write: sent once.
    const other = { leadId, content: `Otra ${randomUUID()}`, key: 'K2' };
    const sent = await a.http.post({ query: ADD_REMARK, variables: other });
    expect(sent.json.errors).toBeUndefined();
    expect(await b.http.post({ query: ADD_REMARK, variables: other }).then((r) => r.json)).toEqual(sent.json);
    expect(remarkAdds()).toBe(2);
  });

  it('Redis flushed while up: the lost entry is noticed, and the repeat is reconciled, not sent again', async () => {
    const [a, b] = replicas as [Replica, Replica];
    const variables = { input: { fullName: 'Redis Vaciado', phone: freshPhone() }, key: randomUUID() };
    sims.beschannels.resetRequests();
    const first = await a.http.post({ query: CREATE_LEAD, variables });
    expect(first.json.errors).toBeUndefined();
    const admin = new Redis(redis.url);
    await admin.flushall();
    admin.disconnect();
    expect((await b.http.post({ query: CREATE_LEAD, variables })).json).toEqual(first.json);
    expect((await a.http.post({ query: CREATE_LEAD, variables })).json).toEqual(first.json);
    expect(sims.beschannels.requestsTo('/create-leads')).toHaveLength(1);
  });

  it('Redis paused (SIGSTOP): a keyed write is refused, not hung, and sent once when Redis answers again', async () => {
    const [a] = replicas as [Replica];
    const variables = { input: { fullName: 'Redis en Pausa', phone: freshPhone() }, key: randomUUID() };
    const send = () => a.http.post({ query: CREATE_LEAD, variables }).then((r) => r.json);
    sims.beschannels.resetRequests();
    redis.pause();
    try {
      const refused = await send();
      expect(codeOf(refused)).toBe('IDEMPOTENCY_UNAVAILABLE');
      expect(sims.beschannels.requestsTo('/create-leads')).toHaveLength(0);
    } finally {
      redis.resume();
    }
    const done = await untilJournalAnswers(send);
    expect(done.errors).toBeUndefined();
    expect(await send()).toEqual(done);
    expect(sims.beschannels.requestsTo('/create-leads')).toHaveLength(1);
  });
});

describe('the journal in PostgreSQL (JOURNAL_DATABASE_URL)', () => {
  const database = `lead_graph_test_${randomUUID().replaceAll('-', '')}`;
  let sims: EmbeddedVendors;
  let redis: OwnRedis;
  let replicas: Replica[] = [];

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: `${POSTGRES}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    sims = await startSimulators();
    redis = await startOwnRedis();
    const withPostgres = (config: Config): Config => ({
      ...config,
      redisUrl: redis.url,
      redisKeyPrefix: 'lead-graph-test:',
      journalDatabaseUrl: `${POSTGRES}/${database}`,
    });
    replicas = [await startReplica(sims, withPostgres), await startReplica(sims, withPostgres)];
  });

  afterAll(async () => {
    await stopReplicas(replicas);
    await redis.kill();
    await sims.close();
    const admin = new pg.Client({ connectionString: `${POSTGRES}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  it('keeps the journal when Redis restarts empty: a repeat on the other replica is answered from it, not reconciled', async () => {
    const [a, b] = replicas as [Replica, Replica];
    expect(a.t.graph.journal.storeKind).toBe('postgres');
    const variables = { input: { fullName: 'Diario en Postgres', phone: freshPhone() }, key: randomUUID() };
    sims.beschannels.resetRequests();
    const first = await a.http.post({ query: CREATE_LEAD, variables });
    expect(first.json.errors).toBeUndefined();

    await redis.restartEmpty();
    const repeat = await b.http.post({ query: CREATE_LEAD, variables });
    expect(repeat.json).toEqual(first.json);
    expect(sims.beschannels.requestsTo('/create-leads')).toHaveLength(1);
    // Answered from the journal (re-read by id), not reconciled (a search by the phone's rule).
    const searches = sims.beschannels
      .requestsTo('/leads-details')
      .filter((request) => JSON.stringify(request.body).includes('rule'));
    expect(searches).toHaveLength(0);
    const db = new pg.Client({ connectionString: `${POSTGRES}/${database}` });
    await db.connect();
    const { rows } = await db.query<{ entry: string }>(
      `SELECT value AS entry FROM lead_graph_write_journal WHERE key LIKE 'lead-graph-test:{journal}:idempotency:createLead:%'`,
    );
    await db.end();
    expect(rows.map((row) => JSON.parse(row.entry) as { state: string })).toMatchObject([{ state: 'CONFIRMED' }]);
    // Ready again once its Redis client has reconnected to the restarted server (a reconnect backoff away).
    await vi.waitFor(async () => expect(await ready(b)).toEqual({ status: 200, body: { status: 'ready' } }), {
      timeout: 10_000,
      interval: 100,
    });
  });

  it('a database that cannot be reached: keyed writes are refused before any vendor call, /ready is 503', async () => {
    const closedPort = await freePort();
    const unreachable = await startReplica(sims, (config) => ({
      ...config,
      journalDatabaseUrl: `postgres://postgres@127.0.0.1:${closedPort}/nowhere`,
    }));
    try {
      sims.beschannels.resetRequests();
      const keyed = await unreachable.http.post({
        query: CREATE_LEAD,
        variables: { input: { fullName: 'Sin Diario', phone: freshPhone() }, key: randomUUID() },
      });
      expect(keyed.json.errors?.[0]?.extensions).toMatchObject({
        code: 'IDEMPOTENCY_UNAVAILABLE',
        cause: 'JOURNAL_DATABASE_UNREACHABLE',
        retryAfterSeconds: 1,
      });
      expect(keyed.json.errors?.[0]?.message).toContain(`PostgreSQL at 127.0.0.1:${closedPort}`);
      expect(sims.beschannels.requestsTo('/create-leads')).toHaveLength(0);
      expect(await ready(unreachable)).toEqual({
        status: 503,
        body: { status: 'unavailable', reason: 'the write journal’s database does not answer' },
      });
      // A write without a key does not need the journal.
      const unkeyed = await unreachable.http.post({
        query: CREATE_LEAD,
        variables: { input: { fullName: 'Sin Clave', phone: freshPhone() } },
      });
      expect(unkeyed.json.errors).toBeUndefined();
      expect(sims.beschannels.requestsTo('/create-leads')).toHaveLength(1);
    } finally {
      await stopReplicas([unreachable]);
    }
  });
});

describe('the in-memory journal’s bounds', () => {
  /** A write whose sends and read-backs are counted. */
  function countedWrite(input: unknown, found: string | null = null) {
    const counts = { sends: 0, reads: 0 };
    const write: JournaledWrite<string> = {
      mutation: 'createLead',
      input,
      send: () => {
        counts.sends++;
        return Promise.resolve(`sent ${JSON.stringify(input)}`);
      },
      reconcile: () => {
        counts.reads++;
        return Promise.resolve(found);
      },
    };
    return { counts, write };
  }
  const journalOn = (store: MemoryJournalStore, maxKeysInFlightPerClient?: number) =>
    new WriteJournal({
      store,
      now: Date.now,
      logger: createLogger('silent'),
      ttlMs: 60_000,
      leaseMs: 5_000,
      ...(maxKeysInFlightPerClient ? { maxKeysInFlightPerClient } : {}),
    });

  it('many keys: the entries stay within the size bound; a key pushed out is reconciled, never sent blind', async () => {
    const maxBytes = 200_000;
    const store = new MemoryJournalStore({ maxBytes });
    const journal = journalOn(store);
    for (let i = 0; i < 5_000; i++) await journal.run('client', `key-${i}`, countedWrite({ i }).write);
    const { entries, bytes } = store.usage();
    expect(bytes).toBeLessThanOrEqual(maxBytes);
    expect(entries).toBeLessThan(5_000);
    expect(entries).toBeGreaterThan(100);

    // The oldest key is gone: its repeat reads the vendor back (which has it) and sends nothing.
    const oldest = countedWrite({ i: 0 }, 'found at the vendor');
    expect(await journal.run('client', 'key-0', oldest.write)).toBe('found at the vendor');
    expect(oldest.counts).toEqual({ sends: 0, reads: 1 });
    // The newest is still held: answered from the journal.
    const newest = countedWrite({ i: 4_999 });
    expect(await journal.run('client', 'key-4999', newest.write)).toBe('sent {"i":4999}');
    expect(newest.counts).toEqual({ sends: 0, reads: 0 });
  });

  it('one key repeated 100,000 times: one send, and the journal holds one entry (and its epoch marker)', async () => {
    const store = new MemoryJournalStore({ maxBytes: 1_000_000 });
    const journal = journalOn(store);
    const { counts, write } = countedWrite({ name: 'same' });
    for (let i = 0; i < 100_000; i++) await journal.run('client', 'same-key', write);
    expect(counts).toEqual({ sends: 1, reads: 0 });
    expect(store.usage().entries).toBe(2);
  });

  it('a client past its keys in flight is refused with TOO_MANY_KEYS_IN_FLIGHT; its repeats and other clients are not', async () => {
    const journal = journalOn(new MemoryJournalStore({ maxBytes: 1_000_000 }), 2);
    const finish: (() => void)[] = [];
    const slow = (name: string): JournaledWrite<string> => ({
      mutation: 'createLead',
      input: { name },
      send: () => new Promise((resolve) => finish.push(() => resolve(name))),
      reconcile: () => Promise.resolve(null),
    });
    const running = [journal.run('a', 'k1', slow('1')), journal.run('a', 'k2', slow('2'))];
    const repeat = journal.run('a', 'k1', slow('1'));
    await expect(journal.run('a', 'k3', slow('3'))).rejects.toMatchObject({
      extensions: { code: 'TOO_MANY_KEYS_IN_FLIGHT', limit: 2 },
    });
    const otherClient = journal.run('b', 'k3', slow('3'));
    while (finish.length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    for (const done of finish) done();
    expect(await Promise.all([...running, repeat, otherClient])).toEqual(['1', '2', '1', '3']);
    // Once they ended, the client may start new keys again.
    expect(await journal.run('a', 'k3', countedWrite({ name: '3' }).write)).toBe('sent {"name":"3"}');
  });
});

describe('the in-memory journal over HTTP', () => {
  const CLIENT_A = 'client-a-key-0123456789abcdef';
  const CLIENT_B = 'client-b-key-0123456789abcdef';
  const { auth } = loadConfig({ API_KEYS: `${CLIENT_A},${CLIENT_B}` });
  const { t, http } = useHttpTestGraph({
    configure: (config) => ({ ...config, auth, idempotencyMaxKeysInFlight: 3 }),
  });

  beforeEach(() => {
    t.sims.beschannels.clearFaults();
    t.sims.beschannels.resetRequests();
  });

  it('an entry takes under 1 KB, whatever the write; a repeat answers the same', async () => {
    const leadId = await createBesChannelsLead(t);
    const writes = [
      { query: CREATE_LEAD, variables: { input: { fullName: 'Entrada Pequeña', phone: freshPhone() } } },
      {
        query: `mutation($id: ID!, $key: String) { updateLead(id: $id, input: { companyName: "Pequeña SAS" }, idempotencyKey: $key) { id companyName remoteData } }`,
        variables: { id: leadId },
      },
      { query: ADD_REMARK, variables: { leadId, content: `Nota ${'larga '.repeat(80)}` } },
    ];
    for (const write of writes) {
      const variables = { ...write.variables, key: randomUUID() };
      const before = t.graph.journal.usage()!;
      const first = await http.post({ query: write.query, variables }, { 'x-api-key': CLIENT_A });
      expect(first.json.errors).toBeUndefined();
      const after = t.graph.journal.usage()!;
      expect(after.entries).toBeLessThanOrEqual(before.entries + 2); // the entry (and the epoch marker, first)
      expect(after.bytes - before.bytes).toBeLessThan(1_024 + 100);
      expect((await http.post({ query: write.query, variables }, { 'x-api-key': CLIENT_A })).json).toEqual(first.json);
    }
  });

  it('one key sent 100 times: one vendor write, one entry', async () => {
    const variables = { input: { fullName: 'Doscientas Veces', phone: freshPhone() }, key: randomUUID() };
    const first = await http.post({ query: CREATE_LEAD, variables }, { 'x-api-key': CLIENT_A });
    expect(first.json.errors).toBeUndefined();
    const held = t.graph.journal.usage()!;
    for (let i = 0; i < 99; i++) {
      const repeat = await http.post({ query: CREATE_LEAD, variables }, { 'x-api-key': CLIENT_A });
      expect(repeat.json).toEqual(first.json);
    }
    expect(t.sims.beschannels.requestsTo('/create-leads')).toHaveLength(1);
    expect(t.graph.journal.usage()).toEqual(held);
  });

  it('a client with 3 keys in flight gets TOO_MANY_KEYS_IN_FLIGHT for a 4th, with no vendor call; another client does not', async () => {
    t.sims.beschannels.inject({ path: '/create-leads', hang: true, times: 3 });
    const create = (apiKey: string) =>
      http.post(
        { query: CREATE_LEAD, variables: { input: { fullName: 'En Vuelo', phone: freshPhone() }, key: randomUUID() } },
        { 'x-api-key': apiKey },
      );
    const hanging = [create(CLIENT_A), create(CLIENT_A), create(CLIENT_A)];
    const deadline = Date.now() + 10_000;
    while (t.sims.beschannels.requestsTo('/create-leads').length < 3 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(t.sims.beschannels.requestsTo('/create-leads')).toHaveLength(3);

    const refused = await create(CLIENT_A);
    expect(refused.json.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_KEYS_IN_FLIGHT', limit: 3 });
    expect(t.sims.beschannels.requestsTo('/create-leads')).toHaveLength(3);
    const other = await create(CLIENT_B);
    expect(other.json.errors).toBeUndefined();
    expect(t.sims.beschannels.requestsTo('/create-leads')).toHaveLength(4);

    // The hanging three end (their vendor bound), and client A may write again.
    for (const result of await Promise.all(hanging)) expect(codeOf(result.json)).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    expect((await create(CLIENT_A)).json.errors).toBeUndefined();
  });
});
