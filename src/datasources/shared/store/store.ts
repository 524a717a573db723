// The shared store: what several server replicas must agree on (rate budgets, single-flight
// locks, cached vendor answers, the write journal). In memory for one process; in Redis for many (REDIS_URL).
// Times are epoch ms from the caller's clock, so tests can move time without sleeping; TTLs only
// let the store forget keys nobody needs any more.

export interface SharedStore {
  /** Which implementation answers (for logs and tests). */
  readonly kind: 'memory' | 'redis' | 'redis-with-fallback';
  /** What answers, as named in errors and logs ("Redis at host:port"); never a password. */
  readonly where: string;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Sets `key` unless it holds a value; true when this call set it (a lock taken). */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /**
   * Sets `key` to `next` if it still holds `expected`; true when it did. A state change only
   * the caller that saw the state it changes can make (the write journal's entries).
   */
  compareAndSet(key: string, expected: string, next: string, ttlMs: number): Promise<boolean>;
  /** Deletes `key` if it still holds `value` (releases a lock this caller holds). */
  deleteIfEquals(key: string, value: string): Promise<void>;
  /**
   * A time window claimed atomically: when `key` holds a time later than `now`, returns that
   * time (the window is taken); otherwise stores `until` and returns null (the caller has it).
   */
  claimUntil(key: string, now: number, until: number, ttlMs: number): Promise<number | null>;
  /**
   * Adds `value` at the head of the list at `key`, keeps its newest `max` values and gives the
   * list `ttlMs` to live from now, in one step (the assignment log).
   */
  pushCapped(key: string, value: string, max: number, ttlMs: number): Promise<void>;
  /** The list at `key`, newest first; empty when there is none. */
  list(key: string): Promise<string[]>;
  /** Resolves when the backing service answers; throws otherwise (readiness probe). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A TTL for a window key: long enough to outlive the window, whatever clock the caller uses. */
export function windowTtlMs(now: number, until: number): number {
  return Math.max(until - now, 0) + 60 * 60_000;
}

/**
 * Why the store failed a command, as clients see it in `extensions.cause`: it could not be
 * reached (connection refused or lost) or it did not answer in time.
 */
export type StoreFailureCause = 'SHARED_STORE_UNREACHABLE' | 'SHARED_STORE_TIMEOUT';

/** The store failed a command that must not be answered from this process's memory. */
export class StoreUnreachableError extends Error {
  constructor(
    /** What failed, "Redis at host:port". */
    readonly where: string,
    /** `extensions.cause` of the errors it causes. */
    readonly code: StoreFailureCause,
    /** When asking again makes sense. */
    readonly retryAfterMs: number,
  ) {
    super(code === 'SHARED_STORE_TIMEOUT' ? `${where} did not answer in time` : `${where} cannot be reached`);
    this.name = 'StoreUnreachableError';
  }
}

/** "Redis at host:port" from a Redis URL: the place only, never its user or password. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `Redis at ${parsed.hostname || '127.0.0.1'}:${parsed.port || '6379'}`;
  } catch {
    return 'Redis';
  }
}
