// The machine's shared Redis for tests: each test takes a key prefix of its own, and the file
// removes every key under its prefixes when it ends (never FLUSHDB: other runs share it).
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll } from 'vitest';

export const SHARED_REDIS = 'redis://127.0.0.1:6379';

/** Call at a test file's top level; returns the function that hands out fresh key prefixes. */
export function useRedisPrefixes(): () => string {
  const prefixes: string[] = [];
  afterAll(async () => {
    const redis = new Redis(SHARED_REDIS);
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
    }
    redis.disconnect();
  });
  return () => {
    const prefix = `lead-graph-test:${randomUUID()}:`;
    prefixes.push(prefix);
    return prefix;
  };
}
