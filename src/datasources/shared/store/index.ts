export type { SharedStore } from './store.js';
export { StoreUnreachableError, windowTtlMs, type StoreFailureCause } from './store.js';
export { MemoryStore } from './memory.js';
export { RedisStore } from './redis.js';
export {
  createRedisClient,
  describeRedis,
  type RedisClient,
  type RedisConnection,
  type RedisNodeAddress,
} from './redis-client.js';
export { hashTagOf, storeKey } from './keys.js';
export { FallbackStore } from './fallback.js';
export {
  JOURNAL_EPOCH_KEY,
  LEGACY_JOURNAL_EPOCH_KEY,
  journalEntryKey,
  JournalStoreUnavailable,
  MemoryJournalStore,
  type JournalStoreFailureCause,
  type JournalStore,
  type JournalUsage,
} from './journal-store.js';
export { PostgresJournalStore } from './postgres-journal.js';

import type { Logger } from '../../../logger.js';
import { FallbackStore } from './fallback.js';
import { MemoryJournalStore, type JournalStore } from './journal-store.js';
import { MemoryStore } from './memory.js';
import { PostgresJournalStore } from './postgres-journal.js';
import { RedisStore } from './redis.js';
import type { RedisConnection } from './redis-client.js';
import type { SharedStore } from './store.js';

export interface StoreOptions {
  /** Shared Redis (one server, Sentinels or a cluster); without it the store lives in this process's memory. */
  redis?: RedisConnection;
  /** One Redis server's URL: the same as `redis: { mode: 'standalone', url }`. */
  redisUrl?: string;
  /** @default 'lead-graph:' */
  keyPrefix?: string;
  logger: Logger;
  now: () => number;
}

/** The process-wide store: Redis (with an in-memory stand-in for outages) or memory alone. */
export function createStore(options: StoreOptions): SharedStore {
  const memory = new MemoryStore(options.now);
  const connection =
    options.redis ?? (options.redisUrl ? { mode: 'standalone' as const, url: options.redisUrl } : undefined);
  if (!connection) return memory;
  const redis = new RedisStore({
    connection,
    keyPrefix: options.keyPrefix ?? 'lead-graph:',
    logger: options.logger,
  });
  return new FallbackStore(redis, memory, options.logger);
}

export interface JournalStoreOptions {
  /** PostgreSQL for the journal (JOURNAL_DATABASE_URL): the recommended production set-up. */
  databaseUrl?: string;
  /** The process-wide store: its Redis keeps the journal when no database is given. */
  shared: SharedStore;
  /** @default 'lead-graph:' */
  keyPrefix?: string;
  /** Bound on the in-memory journal (no database, no Redis), in counted bytes. */
  memoryMaxBytes: number;
  logger: Logger;
  now: () => number;
}

/** Where the write journal lives: PostgreSQL, else the shared Redis (fail-closed), else memory. */
export function createJournalStore(options: JournalStoreOptions): JournalStore {
  const { databaseUrl, shared, logger, now } = options;
  if (databaseUrl) {
    return new PostgresJournalStore({ url: databaseUrl, keyPrefix: options.keyPrefix ?? 'lead-graph:', logger, now });
  }
  if (shared instanceof FallbackStore) return shared.journal();
  return new MemoryJournalStore({ maxBytes: options.memoryMaxBytes, now });
}
