// Idempotency keys and the write journal, on one server over the simulators: repeats, concurrent
// repeats, reuse, and writes whose answer never came (the simulators do the work and then hang
// or drop the connection). Run on the in-memory journal and on the real Redis.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { OPEN_CALLER, type Caller } from '../../../src/request/caller.js';
import { errorCodes, useTestGraph, type TestGraph } from '../../support/graph.js';
import { CREATE_LEAD, WRITE_PATHS, createBesChannelsLead, freshPhone, onlyError } from '../../support/writes.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const redisPrefix = `lead-graph-test:${randomUUID()}:`;

afterAll(async () => {
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${redisPrefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

// A small vendor bound: a lost answer costs this long.
const TIMEOUT_MS = 400;

type StoreName = 'memory' | 'redis';

describe.each<StoreName>(['memory', 'redis'])('on the %s journal', (storeName) => {
  const t = useTestGraph({
    timeoutMs: TIMEOUT_MS,
    configure: (config) =>
      storeName === 'redis' ? { ...config, redisUrl: REDIS_URL, redisKeyPrefix: redisPrefix } : config,
  });
  const bes = () => t.sims.beschannels;

  it(`keeps the journal in the ${storeName} store`, () => {
    expect(t.graph.journal.storeKind).toBe(storeName === 'redis' ? 'redis-with-fallback' : 'memory');
  });

  describe.each(WRITE_PATHS)('$name', (write) => {
    it('a repeat with the same key gets the same result with no second vendor call', async () => {
      const prepared = await write.prepare(t);
      write.sim(t).resetRequests();
      const variables = { ...prepared.variables, key: randomUUID() };
      const first = await t.execute(prepared.query, variables);
      expect(errorCodes(first)).toEqual([]);
      const repeat = await t.execute(prepared.query, variables);
      expect(repeat).toEqual(first);
      expect(write.sim(t).requestsTo(write.path)).toHaveLength(1);
      prepared.verify(repeat.data);
    });

    it.each(['hang', 'reset'] as const)(
      'vendor does the work, then its answer is lost (%s): UPSTREAM_OUTCOME_UNKNOWN, and the retry with the key confirms it without sending again',
      async (lostAnswer) => {
        const prepared = await write.prepare(t);
        write.sim(t).resetRequests();
        const key = randomUUID();
        write.sim(t).inject({ path: write.path, lostAnswer, times: 1 });

        const first = await t.execute(prepared.query, { ...prepared.variables, key });
        expect(first.data).toBeNull();
        expect(onlyError(first)).toMatchObject({ code: 'UPSTREAM_OUTCOME_UNKNOWN', idempotencyKey: key });

        const retry = await t.execute(prepared.query, { ...prepared.variables, key });
        expect(errorCodes(retry)).toEqual([]);
        expect(write.sim(t).requestsTo(write.path)).toHaveLength(1);
        prepared.verify(retry.data);

        // And from then on it is a plain repeat.
        expect(await t.execute(prepared.query, { ...prepared.variables, key })).toEqual(retry);
        expect(write.sim(t).requestsTo(write.path)).toHaveLength(1);
      },
    );

    it('vendor never got to the work (hang before it): the retry with the key reads back, then sends it once more', async () => {
      const prepared = await write.prepare(t);
      write.sim(t).resetRequests();
      const key = randomUUID();
      write.sim(t).inject({ path: write.path, hang: true, times: 1 });

      const first = await t.execute(prepared.query, { ...prepared.variables, key });
      expect(onlyError(first)).toMatchObject({ code: 'UPSTREAM_OUTCOME_UNKNOWN', idempotencyKey: key });

      const retry = await t.execute(prepared.query, { ...prepared.variables, key });
      expect(errorCodes(retry)).toEqual([]);
      expect(write.sim(t).requestsTo(write.path)).toHaveLength(2);
      prepared.verify(retry.data);
    });

    it('without a key, a lost answer is UPSTREAM_OUTCOME_UNKNOWN (not UPSTREAM_TIMEOUT), sent once', async () => {
      const prepared = await write.prepare(t);
      write.sim(t).resetRequests();
      write.sim(t).inject({ path: write.path, lostAnswer: 'hang', times: 1 });
      const result = await t.execute(prepared.query, prepared.variables);
      const extensions = onlyError(result);
      expect(extensions['code']).toBe('UPSTREAM_OUTCOME_UNKNOWN');
      expect(extensions).not.toHaveProperty('idempotencyKey');
      expect(result.errors?.[0]?.message).toMatch(/may or may not have been done/);
      expect(write.sim(t).requestsTo(write.path)).toHaveLength(1);
    });
  });

  it('10 concurrent repeats of a create make one vendor call and all get the same lead', async () => {
    const variables = { input: { fullName: 'Diez a la Vez', phone: freshPhone() }, key: randomUUID() };
    const results = await Promise.all(Array.from({ length: 10 }, () => t.execute(CREATE_LEAD, variables)));
    expect(results.map(errorCodes)).toEqual(Array.from({ length: 10 }, () => []));
    expect(new Set(results.map((r) => JSON.stringify(r.data))).size).toBe(1);
    expect(bes().requestsTo('/create-leads')).toHaveLength(1);
  });

  it('10 concurrent repeats while the answer is lost all hear UPSTREAM_OUTCOME_UNKNOWN from the one call', async () => {
    const key = randomUUID();
    const variables = { input: { fullName: 'Diez Perdidos', phone: freshPhone() }, key };
    bes().inject({ path: '/create-leads', lostAnswer: 'hang', times: 1 });
    const results = await Promise.all(Array.from({ length: 10 }, () => t.execute(CREATE_LEAD, variables)));
    for (const result of results) {
      expect(onlyError(result)).toMatchObject({ code: 'UPSTREAM_OUTCOME_UNKNOWN', idempotencyKey: key });
    }
    expect(bes().requestsTo('/create-leads')).toHaveLength(1);
    const retry = await t.execute(CREATE_LEAD, variables);
    expect(errorCodes(retry)).toEqual([]);
    expect(bes().requestsTo('/create-leads')).toHaveLength(1);
  });

  it('the same key with another input is BAD_USER_INPUT (IDEMPOTENCY_KEY_REUSED), with no vendor call', async () => {
    const key = randomUUID();
    const first = await t.execute(CREATE_LEAD, { input: { fullName: 'Primera', phone: freshPhone() }, key });
    expect(errorCodes(first)).toEqual([]);
    bes().resetRequests();
    const reuse = await t.execute(CREATE_LEAD, { input: { fullName: 'Segunda', phone: freshPhone() }, key });
    expect(reuse.data).toBeNull();
    expect(onlyError(reuse)).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'idempotencyKey',
      reason: 'IDEMPOTENCY_KEY_REUSED',
    });
    expect(bes().requests).toEqual([]);
  });

  it('treats the same input written differently as a repeat (the input is compared once normalised)', async () => {
    const phone = freshPhone();
    const key = randomUUID();
    const first = await t.execute(CREATE_LEAD, { input: { fullName: 'Normal', phone }, key });
    expect(errorCodes(first)).toEqual([]);
    const national = phone.replace('+57', '').replace(/^(\d{3})(\d{3})(\d{4})$/, '$1 $2 $3');
    const repeat = await t.execute(CREATE_LEAD, { input: { phone: national, fullName: ' Normal ' }, key });
    expect(repeat).toEqual(first);
    expect(bes().requestsTo('/create-leads')).toHaveLength(1);
  });

  it('a refused write is refused again on a repeat, with no second vendor call', async () => {
    // Valentina's phone is taken at BesChannels: the vendor refuses the create.
    const variables = { input: { fullName: 'Duplicada', phone: '+57 313 643 4030' }, key: randomUUID() };
    const first = await t.execute(CREATE_LEAD, variables);
    expect(errorCodes(first)).toEqual(['UPSTREAM_REJECTED']);
    const repeat = await t.execute(CREATE_LEAD, variables);
    expect(repeat.errors).toEqual(first.errors);
    expect(bes().requestsTo('/create-leads')).toHaveLength(1);
  });

  it('a failure that left the vendor untouched is retried with the key: the vendor is read, then written', async () => {
    // The vendor turns the write down as rate limited: nothing was written, nothing to confirm.
    const variables = { input: { fullName: 'Limitada', phone: freshPhone() }, key: randomUUID() };
    bes().inject({
      path: '/create-leads',
      response: { status: 200, json: { code: 45009, msg: '调用频率超限', data: null } },
      times: 1,
    });
    const first = await t.execute(CREATE_LEAD, variables);
    expect(errorCodes(first)).toEqual(['RATE_LIMITED']);
    const retry = await t.execute(CREATE_LEAD, variables);
    expect(errorCodes(retry)).toEqual([]);
    expect(bes().requestsTo('/create-leads')).toHaveLength(2);
  });

  it('keys are each client’s own: another client’s same key is a new write', async () => {
    const key = randomUUID();
    const asClient = async (id: string, phone: string) => {
      const caller: Caller = { ...OPEN_CALLER, via: 'api-key', id };
      const response = await t.graph.server.executeOperation(
        { query: CREATE_LEAD, variables: { input: { fullName: 'Cliente', phone }, key } },
        { contextValue: await t.graph.createContext({ caller }) },
      );
      return response.body.kind === 'single' ? response.body.singleResult : undefined;
    };
    expect(errorCodes((await asClient('api-key:aaaa', freshPhone()))!)).toEqual([]);
    expect(errorCodes((await asClient('api-key:bbbb', freshPhone()))!)).toEqual([]);
    expect(bes().requestsTo('/create-leads')).toHaveLength(2);
  });

  it('a remark whose answer was lost is told apart from an earlier remark with the same text', async () => {
    const leadId = await createBesChannelsLead(t);
    const leadsId = Number(leadId.split(':')[1]);
    const add = (key?: string) =>
      t.execute(
        `mutation($leadId: ID!, $key: String) { addLeadRemark(leadId: $leadId, content: "Igual", idempotencyKey: $key) { id } }`,
        { leadId, key },
      );
    expect(errorCodes(await add())).toEqual([]);
    const key = randomUUID();
    // The answer of the keyed one is lost before the vendor stored it: the retry must not take
    // the earlier remark for it.
    bes().inject({ path: '/add-remarks', hang: true, times: 1 });
    expect(errorCodes(await add(key))).toEqual(['UPSTREAM_OUTCOME_UNKNOWN']);
    expect(errorCodes(await add(key))).toEqual([]);
    expect(bes().remarks.filter((r) => r.leads_id === leadsId && r.content === 'Igual')).toHaveLength(2);
  });
});

describe('idempotencyKey', () => {
  const t: TestGraph = useTestGraph();

  it.each([
    ['empty', ''],
    ['256 characters', 'k'.repeat(256)],
    ['a control character', 'key\nwith a newline'],
    ['not ASCII', 'clé-à-usage-unique'],
  ])('refuses a key that is %s with BAD_USER_INPUT, before any vendor call', async (_, key) => {
    const result = await t.execute(CREATE_LEAD, { input: { fullName: 'Clave', phone: freshPhone() }, key });
    expect(onlyError(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    expect(t.sims.beschannels.requests).toEqual([]);
  });

  it.each([
    ['one character', 'k'],
    ['255 printable characters', ' !~'.repeat(85)],
  ])('takes a key of %s', async (_, key) => {
    const result = await t.execute(CREATE_LEAD, { input: { fullName: 'Clave', phone: freshPhone() }, key });
    expect(errorCodes(result)).toEqual([]);
  });
});
