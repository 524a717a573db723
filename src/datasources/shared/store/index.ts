export type { SharedStore } from './store.js';
export { StoreUnreachableError, windowTtlMs, type StoreFailureCause } from './store.js';
export { MemoryStore } from './memory.js';
export { RedisStore } from './redis.js';
export { FallbackStore } from './fallback.js';
export {
  JOURNAL_EPOCH_KEY,
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
import type { SharedStore } from './store.js';

export interface StoreOptions {
  /** Shared Redis; without it the store lives in this process's memory. */
  redisUrl?: string;
  /** @default 'lead-graph:' */
  keyPrefix?: string;
  logger: Logger;
  now: () => number;
}

/** The process-wide store: Redis (with an in-memory stand-in for outages) or memory alone. */
export function createStore(options: StoreOptions): SharedStore {
  const memory = new MemoryStore(options.now);
  if (!options.redisUrl) return memory;
  const redis = new RedisStore({
    url: options.redisUrl,
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
