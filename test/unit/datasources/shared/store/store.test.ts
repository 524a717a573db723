// The shared store's contract, on both implementations: memory (own clock) and Redis (the
// machine's Redis on 127.0.0.1:6379, with a key prefix of this test's own).
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryStore, RedisStore, type SharedStore } from '../../../../../src/datasources/shared/store/index.js';
import { describeRedisUrl } from '../../../../../src/datasources/shared/store/store.js';

const prefix = `lead-graph-test:${randomUUID()}:`;
const redisStore = new RedisStore({
  url: 'redis://127.0.0.1:6379',
  keyPrefix: prefix,
  logger: pino({ level: 'silent' }),
});

afterAll(async () => {
  const redis = new Redis('redis://127.0.0.1:6379');
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await redisStore.close();
});

const implementations: [string, () => SharedStore][] = [
  ['memory', () => new MemoryStore(() => 0)],
  ['redis', () => redisStore],
];

describe.each(implementations)('%s store', (_, make) => {
  const store = make();
  const key = (name: string) => `${name}:${randomUUID()}`;

  it('gets what was set, and null for what was not', async () => {
    const k = key('value');
    expect(await store.get(k)).toBeNull();
    await store.set(k, 'v1', 60_000);
    expect(await store.get(k)).toBe('v1');
  });

  it('takes a lock once, and releases it only for its holder', async () => {
    const k = key('lock');
    expect(await store.setIfAbsent(k, 'me', 60_000)).toBe(true);
    expect(await store.setIfAbsent(k, 'you', 60_000)).toBe(false);
    await store.deleteIfEquals(k, 'you');
    expect(await store.get(k)).toBe('me');
    await store.deleteIfEquals(k, 'me');
    expect(await store.setIfAbsent(k, 'you', 60_000)).toBe(true);
  });

  it('claims a window once until it ends, on the caller’s clock', async () => {
    const k = key('window');
    expect(await store.claimUntil(k, 1_000, 301_000, 60_000)).toBeNull();
    expect(await store.claimUntil(k, 2_000, 302_000, 60_000)).toBe(301_000);
    expect(await store.claimUntil(k, 300_999, 600_999, 60_000)).toBe(301_000);
    expect(await store.claimUntil(k, 301_000, 601_000, 60_000)).toBeNull();
    expect(await store.get(k)).toBe('601000');
  });

  it('keeps a capped list, newest first', async () => {
    const k = key('list');
    expect(await store.list(k)).toEqual([]);
    for (const value of ['a', 'b', 'c', 'd']) await store.pushCapped(k, value, 3, 60_000);
    expect(await store.list(k)).toEqual(['d', 'c', 'b']);
  });

  it('changes a value only from the value the caller saw', async () => {
    const k = key('cas');
    expect(await store.compareAndSet(k, 'v1', 'v2', 60_000)).toBe(false); // nothing there yet
    expect(await store.get(k)).toBeNull();
    await store.set(k, 'v1', 60_000);
    expect(await store.compareAndSet(k, 'other', 'v2', 60_000)).toBe(false);
    expect(await store.get(k)).toBe('v1');
    expect(await store.compareAndSet(k, 'v1', 'v2', 60_000)).toBe(true);
    expect(await store.get(k)).toBe('v2');
  });

  it('lets exactly one of many change the same value at the same time', async () => {
    const k = key('cas-race');
    await store.set(k, 'seen', 60_000);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.compareAndSet(k, 'seen', `next-${i}`, 60_000)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('claims exactly once among many at the same time', async () => {
    const k = key('race');
    const results = await Promise.all(Array.from({ length: 50 }, () => store.claimUntil(k, 0, 300_000, 60_000)));
    expect(results.filter((r) => r === null)).toHaveLength(1);
  });
});

describe('memory store', () => {
  it('forgets a key when its TTL has passed on its clock', async () => {
    let now = 0;
    const store = new MemoryStore(() => now);
    await store.set('k', 'v', 1_000);
    now = 999;
    expect(await store.get('k')).toBe('v');
    now = 1_000;
    expect(await store.get('k')).toBeNull();
  });
});

describe('the store named in errors', () => {
  it('is Redis at its host and port, never its user or password', () => {
    expect(describeRedisUrl('redis://:s3cret@redis.internal:6380/2')).toBe('Redis at redis.internal:6380');
    expect(describeRedisUrl('rediss://user:s3cret@cache.example.com')).toBe('Redis at cache.example.com:6379');
    expect(describeRedisUrl('not a url s3cret')).toBe('Redis');
    expect(redisStore.where).toBe('Redis at 127.0.0.1:6379');
  });
});
