// Redis with an in-memory stand-in: when a Redis command fails, the same operation runs on the
// process's own memory store and a warning is logged (once per outage). Every window claimed or
// seen through Redis is mirrored in memory, so during an outage this process still keeps the
// budgets it knew of. Cache writes are mirrored too, so recent answers survive the outage.
// Windows fail closed: while Redis cannot be reached no new window is claimed, because another
// replica may claim the same window in its own memory (Zen would get two calls in one window);
// claimUntil rejects with StoreUnreachableError (naming Redis), so callers serve what they have
// cached or fail with that cause until Redis is back.
// The write journal fails closed too, and entirely: its view (journal()) never uses memory.
import type { Logger } from '../../../logger.js';
import { JournalStoreUnavailable, type JournalStore } from './journal-store.js';
import type { MemoryStore } from './memory.js';
import { StoreUnreachableError, type SharedStore, type StoreFailureCause } from './store.js';

/**
 * While Redis is down it is tried again at most this often: a Redis that hangs then costs one
 * command timeout per interval, not one per operation (a Zen query makes several).
 */
const RETRY_REDIS_EVERY_MS = 5_000;

export class FallbackStore implements SharedStore {
  readonly kind = 'redis-with-fallback';
  readonly where: string;
  private down = false;
  private retryRedisAt = 0;
  /** How Redis failed last: unreachable, or too slow (a command timed out). */
  private lastFailure: StoreFailureCause = 'SHARED_STORE_UNREACHABLE';

  constructor(
    private readonly primary: SharedStore,
    private readonly memory: MemoryStore,
    private readonly logger: Logger,
  ) {
    this.where = primary.where;
  }

  async get(key: string): Promise<string | null> {
    return this.attempt(
      () => this.primary.get(key),
      () => this.memory.get(key),
    );
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.memory.set(key, value, ttlMs);
    await this.attempt(
      () => this.primary.set(key, value, ttlMs),
      () => Promise.resolve(),
    );
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return this.attempt(
      () => this.primary.setIfAbsent(key, value, ttlMs),
      () => this.memory.setIfAbsent(key, value, ttlMs),
    );
  }

  async compareAndSet(key: string, expected: string, next: string, ttlMs: number): Promise<boolean> {
    return this.attempt(
      () => this.primary.compareAndSet(key, expected, next, ttlMs),
      () => this.memory.compareAndSet(key, expected, next, ttlMs),
    );
  }

  async deleteIfEquals(key: string, value: string): Promise<void> {
    await this.memory.deleteIfEquals(key, value);
    await this.attempt(
      () => this.primary.deleteIfEquals(key, value),
      () => Promise.resolve(),
    );
  }

  async claimUntil(key: string, now: number, until: number, ttlMs: number): Promise<number | null> {
    // A window this process knows is taken stays taken, whatever Redis says now.
    const known = Number((await this.memory.get(key)) ?? 0);
    if (known > now) return known;
    return this.attempt(
      async () => {
        const held = await this.primary.claimUntil(key, now, until, ttlMs);
        await this.memory.extendUntil(key, held ?? until, ttlMs);
        return held;
      },
      // Not claimed: another replica may claim the same window in its own memory. The caller
      // is told which store failed, so its client is too.
      () => Promise.reject(this.unreachable()),
    );
  }

  /**
   * Lists (the assignment log) are Redis's alone: a list kept in one replica's memory would
   * disagree with the others', so while Redis is down they fail with StoreUnreachableError.
   */
  async pushCapped(key: string, value: string, max: number, ttlMs: number): Promise<void> {
    return this.attempt(
      () => this.primary.pushCapped(key, value, max, ttlMs),
      () => Promise.reject(this.unreachable()),
    );
  }

  async list(key: string): Promise<string[]> {
    return this.attempt(
      () => this.primary.list(key),
      () => Promise.reject(this.unreachable()),
    );
  }

  /**
   * The write journal's view of this store: Redis alone. Two replicas that each took a key in
   * their own memory would both send the write. While Redis is down (and until it is tried
   * again) every operation fails at once with JournalStoreUnavailable.
   */
  journal(): JournalStore {
    const redis = this.primary;
    const failClosed = <T>(operation: () => Promise<T>): Promise<T> =>
      this.attempt(operation, () => {
        const cause = this.unreachable();
        return Promise.reject(new JournalStoreUnavailable(cause.message, cause.retryAfterMs, cause.where, cause.code));
      });
    return {
      kind: this.kind,
      get: (key) => failClosed(() => redis.get(key)),
      setIfAbsent: (key, value, ttlMs) => failClosed(() => redis.setIfAbsent(key, value, ttlMs)),
      compareAndSet: (key, expected, next, ttlMs) => failClosed(() => redis.compareAndSet(key, expected, next, ttlMs)),
      deleteIfEquals: (key, value) => failClosed(() => redis.deleteIfEquals(key, value)),
      ping: () => redis.ping(),
      // The connection is this store's: it closes with it.
      close: () => Promise.resolve(),
    };
  }

  /** Redis itself: readiness reports it down even while memory stands in. */
  ping(): Promise<void> {
    return this.primary.ping();
  }

  async close(): Promise<void> {
    await Promise.all([this.primary.close(), this.memory.close()]);
  }

  /** What a caller that must not go on from memory is told while Redis is down. */
  private unreachable(): StoreUnreachableError {
    return new StoreUnreachableError(this.where, this.lastFailure, Math.max(1_000, this.retryRedisAt - Date.now()));
  }

  private async attempt<T>(primary: () => Promise<T>, fallback: () => Promise<T>): Promise<T> {
    if (this.down && Date.now() < this.retryRedisAt) return fallback();
    let result: T;
    try {
      result = await primary();
    } catch (error) {
      this.retryRedisAt = Date.now() + RETRY_REDIS_EVERY_MS;
      this.lastFailure = isTimeout(error) ? 'SHARED_STORE_TIMEOUT' : 'SHARED_STORE_UNREACHABLE';
      if (!this.down) {
        this.down = true;
        this.logger.warn(
          { err: error instanceof Error ? error.message : String(error), store: this.where },
          `${this.where} is unavailable: using this process’s in-memory store (budgets held per process, not shared)`,
        );
      }
      return fallback();
    }
    if (this.down) {
      this.down = false;
      this.logger.warn('Redis is back: budgets and caches are shared again');
    }
    return result;
  }
}

/** ioredis's `commandTimeout` rejects with this message: Redis is there but did not answer. */
function isTimeout(error: unknown): boolean {
  return error instanceof Error && /timed out/i.test(error.message);
}
