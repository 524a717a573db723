// The Redis store (ioredis): what replicas share. Commands fail fast while Redis is away (no
// offline queue, one attempt, a command timeout) so the fallback store can take over at once;
// ioredis keeps reconnecting in the background.
import { Redis } from 'ioredis';
import type { Logger } from '../../logger.js';
import type { SharedStore } from './store.js';

const CLAIM_UNTIL = `
local held = tonumber(redis.call('GET', KEYS[1]) or '0')
if held > tonumber(ARGV[1]) then return tostring(held) end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return false`;

const DELETE_IF_EQUALS = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export interface RedisStoreOptions {
  url: string;
  /** Prepended to every key, so several graphs (or tests) can share one Redis. */
  keyPrefix: string;
  logger: Logger;
  /** Bound on one command, in ms. @default 500 */
  commandTimeoutMs?: number;
}

export class RedisStore implements SharedStore {
  readonly kind = 'redis';
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(options: RedisStoreOptions) {
    this.prefix = options.keyPrefix;
    this.redis = new Redis(options.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 500,
      connectTimeout: 2_000,
      // Keep trying to come back, at most every 2 s.
      retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
    });
    // Without a listener an 'error' event would crash the process; the fallback store logs
    // the outage when a command fails, so connection noise stays at debug level here.
    this.redis.on('error', (error: Error) => options.logger.debug({ err: error.message }, 'redis connection error'));
  }

  async get(key: string): Promise<string | null> {
    return this.redis.get(this.prefix + key);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(this.prefix + key, value, 'PX', Math.max(1, Math.ceil(ttlMs)));
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    const result = await this.redis.set(this.prefix + key, value, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX');
    return result === 'OK';
  }

  async deleteIfEquals(key: string, value: string): Promise<void> {
    await this.redis.eval(DELETE_IF_EQUALS, 1, this.prefix + key, value);
  }

  async claimUntil(key: string, now: number, until: number, ttlMs: number): Promise<number | null> {
    const held = await this.redis.eval(CLAIM_UNTIL, 1, this.prefix + key, now, until, Math.max(1, Math.ceil(ttlMs)));
    return typeof held === 'string' ? Number(held) : null;
  }

  async close(): Promise<void> {
    this.redis.disconnect();
    return Promise.resolve();
  }
}
