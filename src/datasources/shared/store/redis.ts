// The Redis store (ioredis): what replicas share. Once a connection is lost, commands fail at
// once until ioredis (reconnecting in the background) is back, so the fallback store takes over
// without waiting; a command sent while connecting waits for that one attempt; a command Redis
// does not answer fails after the command timeout.
import type * as IORedis from 'ioredis';
import type { Redis } from 'ioredis';
import { createRequire } from 'node:module';
import type { Logger } from '../../../logger.js';
import { describeRedisUrl, type SharedStore } from './store.js';

const RECONNECT_MAX_DELAY_MS = 500;

/** ioredis is loaded when a Redis store is made: a server without REDIS_URL does not carry it. */
const requireModule = createRequire(import.meta.url);

const CLAIM_UNTIL = `
local held = tonumber(redis.call('GET', KEYS[1]) or '0')
if held > tonumber(ARGV[1]) then return tostring(held) end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return false`;

const COMPARE_AND_SET = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`;

const DELETE_IF_EQUALS = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export interface RedisStoreOptions {
  url: string;
  /** Prepended to every key, so several graphs (or tests) can share one Redis. */
  keyPrefix: string;
  logger: Logger;
  /** Bound on one command, in ms. @default 3000 */
  commandTimeoutMs?: number;
}

export class RedisStore implements SharedStore {
  readonly kind = 'redis';
  readonly where: string;
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(options: RedisStoreOptions) {
    this.prefix = options.keyPrefix;
    this.where = describeRedisUrl(options.url);
    const { Redis: RedisClient } = requireModule('ioredis') as typeof IORedis;
    this.redis = new RedisClient(options.url, {
      // Commands sent while (re)connecting wait for the connection, but only one attempt.
      enableOfflineQueue: true,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 3_000,
      connectTimeout: 2_000,
      retryStrategy: (attempt) => Math.min(attempt * 100, RECONNECT_MAX_DELAY_MS),
    });
    // Without a listener an 'error' event would crash the process; the fallback store logs
    // the outage when a command fails, so connection noise stays at debug level here.
    this.redis.on('error', (error: Error) => options.logger.debug({ err: error.message }, 'redis connection error'));
  }

  async get(key: string): Promise<string | null> {
    this.assertConnected();
    return this.redis.get(this.prefix + key);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.assertConnected();
    await this.redis.set(this.prefix + key, value, 'PX', Math.max(1, Math.ceil(ttlMs)));
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    this.assertConnected();
    const result = await this.redis.set(this.prefix + key, value, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX');
    return result === 'OK';
  }

  async compareAndSet(key: string, expected: string, next: string, ttlMs: number): Promise<boolean> {
    this.assertConnected();
    const done = await this.redis.eval(
      COMPARE_AND_SET,
      1,
      this.prefix + key,
      expected,
      next,
      Math.max(1, Math.ceil(ttlMs)),
    );
    return done === 1;
  }

  async deleteIfEquals(key: string, value: string): Promise<void> {
    this.assertConnected();
    await this.redis.eval(DELETE_IF_EQUALS, 1, this.prefix + key, value);
  }

  async claimUntil(key: string, now: number, until: number, ttlMs: number): Promise<number | null> {
    this.assertConnected();
    const held = await this.redis.eval(CLAIM_UNTIL, 1, this.prefix + key, now, until, Math.max(1, Math.ceil(ttlMs)));
    return typeof held === 'string' ? Number(held) : null;
  }

  async pushCapped(key: string, value: string, max: number, ttlMs: number): Promise<void> {
    this.assertConnected();
    const full = this.prefix + key;
    // One key, so one slot: MULTI is atomic on a cluster too.
    const results = await this.redis
      .multi()
      .lpush(full, value)
      .ltrim(full, 0, Math.max(1, max) - 1)
      .pexpire(full, Math.max(1, Math.ceil(ttlMs)))
      .exec();
    const failed = results?.find(([error]) => error !== null)?.[0];
    if (failed) throw failed;
  }

  async list(key: string): Promise<string[]> {
    this.assertConnected();
    return this.redis.lrange(this.prefix + key, 0, -1);
  }

  async ping(): Promise<void> {
    this.assertConnected();
    await this.redis.ping();
  }

  private assertConnected(): void {
    if (this.redis.status === 'reconnecting' || this.redis.status === 'close' || this.redis.status === 'end') {
      throw new Error(`Redis connection is ${this.redis.status}`);
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
    return Promise.resolve();
  }
}
