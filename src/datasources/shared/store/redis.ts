// The Redis store (ioredis; one server, Sentinel or Cluster, see redis-client.ts): what replicas
// share. Every operation touches one key, so Cluster needs no more than that; keys that belong
// together carry one hash tag (keys.ts). Once a connection is lost, commands fail at
// once until ioredis (reconnecting in the background) is back, so the fallback store takes over
// without waiting; a command sent while connecting waits for that one attempt; a command Redis
// does not answer fails after the command timeout.
import type { Logger } from '../../../logger.js';
import { createRedisClient, type RedisClient, type RedisConnection } from './redis-client.js';
import { describeRedisUrl, type SharedStore } from './store.js';

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
  /** Where Redis is: one server, Sentinels or a cluster. */
  connection?: RedisConnection;
  /** One server's URL: the same as `connection: { mode: 'standalone', url }`. */
  url?: string;
  /** Prepended to every key, so several graphs (or tests) can share one Redis. */
  keyPrefix: string;
  logger: Logger;
  /** Bound on one command, in ms. @default 3000 */
  commandTimeoutMs?: number;
}

export class RedisStore implements SharedStore {
  readonly kind = 'redis';
  readonly where: string;
  private readonly redis: RedisClient;
  private readonly prefix: string;

  constructor(options: RedisStoreOptions) {
    this.prefix = options.keyPrefix;
    const connection =
      options.connection ?? (options.url ? { mode: 'standalone' as const, url: options.url } : undefined);
    if (!connection) throw new Error('RedisStore needs a connection or a url');
    this.where = redisLocation(connection);
    this.redis = createRedisClient(connection, {
      ...(options.commandTimeoutMs ? { commandTimeoutMs: options.commandTimeoutMs } : {}),
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

/** "Redis at host:port" (or its Sentinels, or its cluster's nodes) for errors: never a credential. */
function redisLocation(connection: RedisConnection): string {
  const list = (nodes: readonly { host: string; port: number }[]) =>
    nodes.map(({ host, port }) => `${host}:${port}`).join(', ');
  switch (connection.mode) {
    case 'standalone':
      return describeRedisUrl(connection.url);
    case 'sentinel':
      return `Redis primary "${connection.name}" through the Sentinels at ${list(connection.sentinels)}`;
    case 'cluster':
      return `the Redis cluster at ${list(connection.nodes)}`;
  }
}
