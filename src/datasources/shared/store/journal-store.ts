// Where the write journal keeps its entries. Unlike the shared store's budgets and caches, the
// journal never falls back to another store: an operation that cannot reach its store throws
// JournalStoreUnavailable, and the journal refuses the write before any vendor call.
import { LRUCache } from 'lru-cache';
import { storeKey } from './keys.js';
import type { StoreFailureCause } from './store.js';

export interface JournalStore {
  /**
   * Which store answers: the in-process memory, the shared store's Redis (its kind, with the
   * fallback other keys use; the journal itself never falls back) or PostgreSQL.
   */
  readonly kind: 'memory' | 'redis' | 'redis-with-fallback' | 'postgres';
  get(key: string): Promise<string | null>;
  /** Sets `key` unless it holds a value; true when this call set it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Sets `key` to `next` if it still holds `expected`; true when it did. */
  compareAndSet(key: string, expected: string, next: string, ttlMs: number): Promise<boolean>;
  deleteIfEquals(key: string, value: string): Promise<void>;
  /** Resolves when the store answers; throws otherwise (readiness probe). */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Entries held and their counted size, where this process bounds them (memory). */
  usage?(): JournalUsage;
}

export interface JournalUsage {
  entries: number;
  /** As counted against the bound: characters of keys and values, plus a little per entry. */
  bytes: number;
}

/** Why the journal's store failed, as clients see it in `extensions.cause`. */
export type JournalStoreFailureCause = StoreFailureCause | 'JOURNAL_DATABASE_UNREACHABLE';

/** The journal's store cannot be reached; `retryAfterMs` is when asking again makes sense. */
export class JournalStoreUnavailable extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
    /** The store, as named to clients: "Redis at host:port", "PostgreSQL at host:port". */
    readonly where: string,
    readonly code: JournalStoreFailureCause,
  ) {
    super(message);
    this.name = 'JournalStoreUnavailable';
  }
}

/**
 * Every journal key carries this hash tag: the epoch marker can only vouch for keys on its own
 * Redis Cluster node, so entries and marker share one slot (docs/decisions/0090-…).
 */
const JOURNAL_GROUP = 'journal';

/**
 * The epoch marker's key. The journal writes it on first use and reads it on every keyed write;
 * its absence (or another value) tells the journal that entries may have been lost.
 */
export const JOURNAL_EPOCH_KEY = storeKey(JOURNAL_GROUP, 'epoch');

/**
 * Where the marker was before keys carried a hash tag: a store that holds it kept a journal
 * under the old names, which the journal no longer finds (it reconciles until they expire).
 */
export const LEGACY_JOURNAL_EPOCH_KEY = 'idempotency:epoch';

/** The key of one write's entry: `digest` names the client and its idempotency key. */
export function journalEntryKey(mutation: string, digest: string): string {
  return storeKey(JOURNAL_GROUP, 'idempotency', mutation, digest);
}

export interface MemoryJournalOptions {
  /** Bound on the entries' size, counted as the characters of key and value. */
  maxBytes: number;
  /** The clock TTLs are measured with. @default Date.now */
  now?: () => number;
}

/**
 * The journal in this process's memory, bounded in size (lru-cache `maxSize`) and by TTL. An
 * entry pushed out before its time is a key the journal forgot: the epoch marker goes with it,
 * so the journal treats keyed writes as possibly repeated until the forgotten entries would
 * have expired anyway (see WriteJournal).
 */
export class MemoryJournalStore implements JournalStore {
  readonly kind = 'memory';
  /** Values with their expiry: lru-cache does not tell whether an entry it evicts had expired. */
  private readonly entries: LRUCache<string, { value: string; expiresAt: number }>;
  private readonly now: () => number;

  constructor(options: MemoryJournalOptions) {
    const now = options.now ?? Date.now;
    this.entries = new LRUCache<string, { value: string; expiresAt: number }>({
      maxSize: options.maxBytes,
      // The characters held, plus the object and its numbers.
      sizeCalculation: (entry, key) => key.length + entry.value.length + 32,
      ttl: 1, // every set gives its own
      perf: { now },
      disposeAfter: (entry, key, reason) => {
        // An entry pushed out for room before it expired: a key the journal forgot.
        if (reason === 'evict' && key !== JOURNAL_EPOCH_KEY && entry.expiresAt > now()) {
          this.entries.delete(JOURNAL_EPOCH_KEY);
        }
      },
    });
    this.now = now;
  }

  usage(): JournalUsage {
    return { entries: this.entries.size, bytes: this.entries.calculatedSize };
  }

  get(key: string): Promise<string | null> {
    return Promise.resolve(this.read(key));
  }

  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.read(key) !== null) return Promise.resolve(false);
    this.write(key, value, ttlMs);
    return Promise.resolve(true);
  }

  compareAndSet(key: string, expected: string, next: string, ttlMs: number): Promise<boolean> {
    if (this.read(key) !== expected) return Promise.resolve(false);
    this.write(key, next, ttlMs);
    return Promise.resolve(true);
  }

  deleteIfEquals(key: string, value: string): Promise<void> {
    if (this.read(key) === value) this.entries.delete(key);
    return Promise.resolve();
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.entries.clear();
    return Promise.resolve();
  }

  private read(key: string): string | null {
    return this.entries.get(key)?.value ?? null;
  }

  private write(key: string, value: string, ttlMs: number): void {
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs }, { ttl: ttlMs });
  }
}
