export type { SharedStore } from './store.js';
export { windowTtlMs } from './store.js';
export { MemoryStore } from './memory.js';
export { RedisStore } from './redis.js';
export { FallbackStore } from './fallback.js';

import type { Logger } from '../../../logger.js';
import { FallbackStore } from './fallback.js';
import { MemoryStore } from './memory.js';
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
