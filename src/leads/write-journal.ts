// The write journal: what became of each write a client sent with an idempotency key, kept in
// the shared store (Redis across replicas and restarts, else this process's memory) under
// (client, mutation, key). A repeat gets the recorded outcome instead of a second vendor call;
// concurrent repeats wait for the first; after a write whose answer never came, the next
// attempt reads the vendor back before it sends anything again.
//
// The states and their moves are hand-written on the store's two atomic steps (set-if-absent,
// compare-and-set): the libraries we know of keep only the final answer of an HTTP request,
// not a vendor write whose outcome is unknown, and none reconciles with a vendor.
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { GraphQLError } from 'graphql';
import { stringify as stableStringify } from 'safe-stable-stringify';
import type { SharedStore } from '../datasources/shared/store/index.js';
import { BadUserInputError, UpstreamError } from '../errors.js';
import type { Logger } from '../logger.js';

export type WriteState = 'IN_FLIGHT' | 'CONFIRMED' | 'REJECTED' | 'UNKNOWN';

interface StoredError {
  message: string;
  extensions: Record<string, unknown>;
}

/** One entry of the journal, as JSON in the store. */
interface JournalEntry {
  state: WriteState;
  /** SHA-256 of the write's checked input: the same key with another input is refused. */
  inputHash: string;
  /** IN_FLIGHT: a fresh id per attempt, so two attempts never look alike to compare-and-set. */
  attempt?: string;
  /** IN_FLIGHT: until when (epoch ms) its holder works on it; after that it may have died. */
  leaseUntil?: number;
  /** CONFIRMED: the result, as JSON. */
  result?: unknown;
  /** REJECTED and UNKNOWN: the error the client got. */
  error?: StoredError;
  /** What the vendor held before the first send, for reconciliation (see JournaledWrite). */
  baseline?: unknown;
}

/** One write, as the journal runs it. */
export interface JournaledWrite<T> {
  /** The mutation's name: a key is the client's per mutation. */
  mutation: string;
  /** The checked, normalised input (ids included), hashed to tell a repeat from a reuse. */
  input: unknown;
  /** Sends the write to the vendor, once. */
  send(): Promise<T>;
  /**
   * Read before the first send when reconciliation needs to tell this write's effect from what
   * was there already (the remarks with the same text); stored in the entry.
   */
  baseline?(): Promise<unknown>;
  /**
   * After an attempt whose outcome is unknown: reads the vendor back and returns the earlier
   * write's result when it shows the write done, or null when it must be sent (again).
   */
  reconcile(baseline: unknown): Promise<T | null>;
  /** The result as JSON, and back (dates). @default as it is */
  encode?(result: T): unknown;
  decode?(stored: unknown): T;
}

export interface WriteJournalOptions {
  store: SharedStore;
  /** The clock of leases. */
  now: () => number;
  logger: Logger;
  /** How long an entry is kept after its last change. */
  ttlMs: number;
  /**
   * How long an attempt may hold its key (IN_FLIGHT) before another request takes over and
   * reconciles: longer than any write takes (token, read, write, read-back).
   */
  leaseMs: number;
  /** How often a request waiting for another replica's attempt looks at the entry. @default 50 */
  pollMs?: number;
}

/** 1 to 255 printable ASCII characters (space to `~`). */
const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,255}$/;

/** Failures that say the vendor refused the write (or it could not be right): repeats get them too. */
const REFUSALS = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'UPSTREAM_REJECTED', 'UNSUPPORTED']);

/** What an entry tells when the request that held it stopped before recording anything. */
const HOLDER_GONE: StoredError = {
  message: 'An earlier attempt with this idempotencyKey stopped before its outcome was known; retrying is safe',
  extensions: { code: 'UPSTREAM_OUTCOME_UNKNOWN' },
};

export class WriteJournal {
  /** Attempts running in this process, by store key: local waiters need not poll. */
  private readonly running = new Map<string, Promise<unknown>>();
  private readonly pollMs: number;

  constructor(private readonly options: WriteJournalOptions) {
    this.pollMs = options.pollMs ?? 50;
  }

  /** Which store keeps the journal (for the start-up warning). */
  get storeKind(): SharedStore['kind'] {
    return this.options.store.kind;
  }

  /**
   * Runs a write. Without a key it is sent as it is; with one, at most once per (client,
   * mutation, key) unless reconciliation shows the vendor does not have it.
   */
  async run<T>(client: string, idempotencyKey: string | null | undefined, write: JournaledWrite<T>): Promise<T> {
    if (idempotencyKey === null || idempotencyKey === undefined) return write.send();
    if (!IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new BadUserInputError(
        'idempotencyKey must be 1 to 255 printable ASCII characters (a UUID is a good choice)',
        'idempotencyKey',
      );
    }
    const storeKey = `idempotency:${write.mutation}:${sha256(`${client}\n${idempotencyKey}`)}`;
    const run = new JournalRun(this.options, this.running, this.pollMs, storeKey, idempotencyKey, write);
    return run.settle();
  }
}

/** One request's way through the journal for one key. */
class JournalRun<T> {
  private readonly inputHash: string;
  private readonly ttlMs: number;

  constructor(
    private readonly options: WriteJournalOptions,
    private readonly running: Map<string, Promise<unknown>>,
    private readonly pollMs: number,
    private readonly storeKey: string,
    private readonly idempotencyKey: string,
    private readonly write: JournaledWrite<T>,
  ) {
    this.inputHash = sha256(canonicalJson(write.input));
    this.ttlMs = options.ttlMs;
  }

  async settle(): Promise<T> {
    const { store, now } = this.options;
    let waited = false;
    for (;;) {
      const claim = this.inFlight();
      if (await store.setIfAbsent(this.storeKey, claim, this.ttlMs)) return this.attempt(claim, undefined, false);
      const seen = await store.get(this.storeKey);
      if (seen === null) continue; // it expired between the two steps
      const entry = parseEntry(seen);
      if (entry.inputHash !== this.inputHash) {
        throw new BadUserInputError(
          'This idempotencyKey was already used with a different input: use a new key for a new write',
          'idempotencyKey',
          'IDEMPOTENCY_KEY_REUSED',
        );
      }
      if (entry.state === 'CONFIRMED') return this.decode(entry.result);
      if (entry.state === 'REJECTED') throw reviveError(entry.error);
      // An attempt this request waited for ended without an answer: that is its outcome too.
      if (entry.state === 'UNKNOWN' && waited) throw reviveError(entry.error);
      if (entry.state === 'IN_FLIGHT' && (entry.leaseUntil ?? 0) > now()) {
        await this.waitForChange(seen, entry.leaseUntil ?? 0);
        waited = true;
        continue;
      }
      // UNKNOWN, or an attempt whose holder is gone: read the vendor back before acting.
      const takeover = this.inFlight(entry.baseline);
      if (await store.compareAndSet(this.storeKey, seen, takeover, this.ttlMs)) {
        return this.attempt(takeover, entry, true);
      }
    }
  }

  /**
   * This request holds the key (`held` is the entry it wrote): reconcile if asked, send unless
   * that showed the write done, and record what came of it.
   */
  private attempt(held: string, before: JournalEntry | undefined, reconcile: boolean): Promise<T> {
    const done = this.attemptHolding(held, before, reconcile);
    const settled = done.catch(() => undefined);
    this.running.set(this.storeKey, settled);
    void settled.finally(() => {
      if (this.running.get(this.storeKey) === settled) this.running.delete(this.storeKey);
    });
    return done;
  }

  private async attemptHolding(held: string, before: JournalEntry | undefined, reconcile: boolean): Promise<T> {
    const { write } = this;
    let current = held;
    let baseline = before?.baseline;
    try {
      if (reconcile) {
        const found = await write.reconcile(baseline);
        if (found !== null) {
          await this.record(current, { state: 'CONFIRMED', result: this.encode(found) });
          return found;
        }
      } else if (write.baseline) {
        baseline = await write.baseline();
        const withBaseline = this.inFlight(baseline);
        if (await this.options.store.compareAndSet(this.storeKey, current, withBaseline, this.ttlMs)) {
          current = withBaseline;
        }
      }
    } catch (error) {
      // Nothing was sent in this attempt: the key is as it was before it.
      if (before) await this.record(current, { state: 'UNKNOWN', error: before.error ?? HOLDER_GONE, baseline });
      else await this.options.store.deleteIfEquals(this.storeKey, current).catch(() => undefined);
      throw error;
    }
    try {
      const result = await write.send();
      await this.record(current, { state: 'CONFIRMED', result: this.encode(result) });
      return result;
    } catch (error) {
      const told = withIdempotencyKey(error, this.idempotencyKey);
      const refused = REFUSALS.has(codeOf(told));
      await this.record(current, { state: refused ? 'REJECTED' : 'UNKNOWN', error: storedError(told), baseline });
      throw told;
    }
  }

  /** Writes the attempt's outcome unless another request took the key over meanwhile. */
  private async record(held: string, entry: Omit<JournalEntry, 'inputHash'>): Promise<void> {
    const { store, logger } = this.options;
    const next = JSON.stringify({ ...entry, inputHash: this.inputHash });
    try {
      if (!(await store.compareAndSet(this.storeKey, held, next, this.ttlMs))) {
        logger.warn(
          { mutation: this.write.mutation },
          'write journal: the key was taken over before this attempt ended',
        );
      }
    } catch (error) {
      // The client still gets its answer; a repeat will reconcile with the vendor.
      logger.error({ err: error, mutation: this.write.mutation }, 'write journal: could not record an outcome');
    }
  }

  /** Waits until the entry changes or its holder's lease ends. */
  private async waitForChange(seen: string, leaseUntil: number): Promise<void> {
    const local = this.running.get(this.storeKey);
    if (local) {
      await local;
      return;
    }
    while (this.options.now() < leaseUntil) {
      await sleep(this.pollMs);
      if ((await this.options.store.get(this.storeKey)) !== seen) return;
    }
  }

  private inFlight(baseline?: unknown): string {
    const entry: JournalEntry = {
      state: 'IN_FLIGHT',
      inputHash: this.inputHash,
      attempt: randomUUID(),
      leaseUntil: this.options.now() + this.options.leaseMs,
      ...(baseline === undefined ? {} : { baseline }),
    };
    return JSON.stringify(entry);
  }

  private encode(result: T): unknown {
    return this.write.encode ? this.write.encode(result) : result;
  }

  private decode(stored: unknown): T {
    return this.write.decode ? this.write.decode(stored) : (stored as T);
  }
}

function parseEntry(text: string): JournalEntry {
  return JSON.parse(text) as JournalEntry;
}

function codeOf(error: unknown): string {
  const code = error instanceof GraphQLError ? error.extensions['code'] : undefined;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

/** UPSTREAM_OUTCOME_UNKNOWN names the key, so the client knows which key makes a retry safe. */
function withIdempotencyKey(error: unknown, idempotencyKey: string): unknown {
  if (!(error instanceof UpstreamError) || error.code !== 'UPSTREAM_OUTCOME_UNKNOWN') return error;
  return new UpstreamError(error.code, error.message, { ...error.details, idempotencyKey });
}

function storedError(error: unknown): StoredError {
  if (error instanceof GraphQLError) return { message: error.message, extensions: { ...error.extensions } };
  return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

function reviveError(stored: StoredError | undefined): GraphQLError {
  return new GraphQLError(stored?.message ?? 'Internal server error', {
    extensions: stored?.extensions ?? { code: 'INTERNAL_SERVER_ERROR' },
  });
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * JSON with object keys in order, so equal inputs hash alike however they were built
 * (safe-stable-stringify: for plain data, the same text as JSON.stringify with sorted keys).
 */
export function canonicalJson(value: unknown): string {
  return stableStringify(value) ?? 'null';
}
