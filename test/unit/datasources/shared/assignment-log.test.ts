// The assignment log on the in-memory store: order, repeats, the cap, the ecosystem, and a store
// that cannot be reached named in the error.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../../../src/errors.js';
import { AssignmentLog } from '../../../../src/datasources/shared/assignment-log.js';
import {
  MemoryStore,
  StoreUnreachableError,
  type SharedStore,
} from '../../../../src/datasources/shared/store/index.js';

const logger = pino({ level: 'silent' });
const logOn = (store: SharedStore, maxPerEntity = 1_000) =>
  new AssignmentLog({ store, scope: 'v', maxPerEntity, ttlSeconds: 3600, logger });

describe('AssignmentLog', () => {
  it('lists each lead once, in the order first assigned, per entity', async () => {
    const log = logOn(new MemoryStore());
    await log.record('l1', 'fe-1', null);
    await log.record('l2', 'fe-1', 'andino');
    await log.record('l1', 'fe-1', null);
    await log.record('l3', 'fe-2', null);
    expect(await log.leadIdsOf('fe-1')).toEqual(['l1', 'l2']);
    expect(await log.leadIdsOf('fe-2')).toEqual(['l3']);
    expect(await log.leadIdsOf('fe-3')).toEqual([]);
    expect(await log.ecosystemOf('fe-1')).toBe('andino');
    expect(await log.ecosystemOf('fe-2')).toBeNull();
  });

  it('keeps the newest entries up to its cap', async () => {
    const log = logOn(new MemoryStore(), 2);
    for (const lead of ['l1', 'l2', 'l3']) await log.record(lead, 'fe', null);
    expect(await log.leadIdsOf('fe')).toEqual(['l2', 'l3']);
  });

  it('keeps an entity id that looks like a hash tag inside its own tag', async () => {
    const store = new MemoryStore();
    const log = logOn(store);
    await log.record('l1', 'a}b{c', null);
    expect(await store.list('assignments:{fe:a%7Db%7Bc}:v')).toHaveLength(1);
  });

  it('fails a read with STORE_UNAVAILABLE naming the store; a write that fails is only logged', async () => {
    const down = Object.assign(new MemoryStore(), {
      where: 'Redis at redis.internal:6379',
      list: () =>
        Promise.reject(new StoreUnreachableError('Redis at redis.internal:6379', 'SHARED_STORE_UNREACHABLE', 5_000)),
      pushCapped: () =>
        Promise.reject(new StoreUnreachableError('Redis at redis.internal:6379', 'SHARED_STORE_UNREACHABLE', 5_000)),
    });
    const log = logOn(down);
    await expect(log.record('l1', 'fe', null)).resolves.toBeUndefined();
    const failure = await log.leadIdsOf('fe').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreUnavailableError);
    expect((failure as StoreUnavailableError).extensions).toMatchObject({
      code: 'STORE_UNAVAILABLE',
      cause: 'SHARED_STORE_UNREACHABLE',
      retryAfterSeconds: 5,
    });
    expect((failure as StoreUnavailableError).message).toContain('Redis at redis.internal:6379');
  });
});
