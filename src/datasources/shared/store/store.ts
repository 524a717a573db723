// The shared store: what several server replicas must agree on (rate budgets, single-flight
// locks, cached vendor answers). In memory for one process; in Redis for many (REDIS_URL).
// Times are epoch ms from the caller's clock, so tests can move time without sleeping; TTLs only
// let the store forget keys nobody needs any more.

export interface SharedStore {
  /** Which implementation answers (for logs and tests). */
  readonly kind: 'memory' | 'redis' | 'redis-with-fallback';
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Sets `key` unless it holds a value; true when this call set it (a lock taken). */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Deletes `key` if it still holds `value` (releases a lock this caller holds). */
  deleteIfEquals(key: string, value: string): Promise<void>;
  /**
   * A time window claimed atomically: when `key` holds a time later than `now`, returns that
   * time (the window is taken); otherwise stores `until` and returns null (the caller has it).
   */
  claimUntil(key: string, now: number, until: number, ttlMs: number): Promise<number | null>;
  /** Resolves when the backing service answers; throws otherwise (readiness probe). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A TTL for a window key: long enough to outlive the window, whatever clock the caller uses. */
export function windowTtlMs(now: number, until: number): number {
  return Math.max(until - now, 0) + 60 * 60_000;
}
