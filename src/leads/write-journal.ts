// The write journal: what became of each write a client sent with an idempotency key, kept in
// its own store (PostgreSQL, or the shared Redis, else this process's memory; see
// docs/idempotency.md) under (client, mutation, key). A repeat gets the recorded outcome instead
// of a second vendor call; concurrent repeats wait for the first; after a write whose answer
// never came, the next attempt reads the vendor back before it sends anything again.
// The journal fails closed: when its store cannot be reached a keyed write is refused before any
// vendor call (IDEMPOTENCY_UNAVAILABLE); when the store comes back without its entries (the
// epoch marker is gone), a key it does not hold is reconciled with the vendor before sending.
// An entry keeps only what a repeat needs: the input's hash, the outcome and the result's id.
//
// The states and their moves are hand-written on the store's two atomic steps (set-if-absent,
// compare-and-set): the libraries we know of keep only the final answer of an HTTP request,
// not a vendor write whose outcome is unknown, and none reconciles with a vendor.
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { GraphQLError } from 'graphql';
import { stringify as stableStringify } from 'safe-stable-stringify';
import {
  JOURNAL_EPOCH_KEY,
  journalEntryKey,
  JournalStoreUnavailable,
  LEGACY_JOURNAL_EPOCH_KEY,
  type JournalStore,
  type JournalUsage,
} from '../datasources/shared/store/index.js';
import {
  BadUserInputError,
  IdempotencyUnavailableError,
  TooManyKeysInFlightError,
  UpstreamError,
  type UpstreamErrorCode,
  type UpstreamErrorDetails,
} from '../errors.js';
import type { Logger } from '../logger.js';

export type WriteState = 'IN_FLIGHT' | 'CONFIRMED' | 'REJECTED' | 'UNKNOWN';

interface StoredError {
  message: string;
  extensions: Record<string, unknown>;
  /** The vendor's failure: a repeat gets it back as one, so production masks its words again. */
  fromVendor?: boolean;
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
  /** CONFIRMED: what `encode` kept of the result (an id), as JSON. */
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
  /**
   * What the journal keeps of the result (its id), and how a repeat gets the result back from
   * it (reads the vendor by that id). @default the result as it is
   */
  encode?(result: T): unknown;
  decode?(stored: unknown): T | Promise<T>;
}

export interface WriteJournalOptions {
  store: JournalStore;
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
  /** Keys one client may have in flight at once in this process; one more is refused. @default 100 */
  maxKeysInFlightPerClient?: number;
}

export const DEFAULT_MAX_KEYS_IN_FLIGHT_PER_CLIENT = 100;

/** 1 to 255 printable ASCII characters (space to `~`). */
const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,255}$/;

/** Failures that say the vendor refused the write (or it could not be right): repeats get them too. */
const REFUSALS = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'UPSTREAM_REJECTED', 'UNSUPPORTED']);

/** The longest message or vendor text an entry keeps of an error (entries stay under 1 KB). */
const MAX_STORED_TEXT = 300;

/** The epoch marker outlives every entry; it is read on every keyed write. */
const EPOCH_TTL_MS = 365 * 24 * 60 * 60_000;

/** What an entry tells when the request that held it stopped before recording anything. */
const HOLDER_GONE: StoredError = {
  message: 'An earlier attempt with this idempotencyKey stopped before its outcome was known; retrying is safe',
  extensions: { code: 'UPSTREAM_OUTCOME_UNKNOWN' },
};

export class WriteJournal {
  /** Attempts running in this process, by store key: local waiters need not poll. */
  private readonly running = new Map<string, Promise<unknown>>();
  /** Per client, the keys its requests run in this process and how many requests run each. */
  private readonly inFlight = new Map<string, Map<string, number>>();
  private readonly pollMs: number;
  private readonly maxKeysInFlight: number;
  private readonly options: WriteJournalOptions;
  private readonly epoch: JournalEpoch;

  constructor(options: WriteJournalOptions) {
    this.options = { ...options, store: failingClosed(options.store) };
    this.pollMs = options.pollMs ?? 50;
    this.maxKeysInFlight = options.maxKeysInFlightPerClient ?? DEFAULT_MAX_KEYS_IN_FLIGHT_PER_CLIENT;
    this.epoch = new JournalEpoch(this.options);
  }

  /** Which store keeps the journal (for the start-up warning). */
  get storeKind(): JournalStore['kind'] {
    return this.options.store.kind;
  }

  /**
   * Reads (or writes) the epoch marker at start-up, so that this replica notices a store that
   * loses its entries even before its own first keyed write. A store that does not answer now is
   * asked again by the first keyed write.
   */
  async start(): Promise<void> {
    try {
      await this.epoch.entriesMayBeLost();
    } catch (error) {
      this.options.logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'write journal: its store does not answer at start-up; keyed writes are refused until it does',
      );
    }
  }

  /** Resolves when the journal's store answers; throws otherwise (readiness). */
  ping(): Promise<void> {
    return this.options.store.ping();
  }

  close(): Promise<void> {
    return this.options.store.close();
  }

  /** What the journal holds in this process's memory; undefined when another store keeps it. */
  usage(): JournalUsage | undefined {
    return this.options.store.usage?.();
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
    const storeKey = journalEntryKey(write.mutation, sha256(`${client}\n${idempotencyKey}`));
    const release = this.holdKey(client, storeKey);
    try {
      // Checked first: a store that lost its entries cannot say a key is new.
      const mayBeRepeat = await this.epoch.entriesMayBeLost();
      const run = new JournalRun(this.options, this.running, this.pollMs, storeKey, idempotencyKey, write);
      return await run.settle(mayBeRepeat);
    } finally {
      release();
    }
  }

  /** Counts a request on its client's key; refuses a key past the client's bound. */
  private holdKey(client: string, storeKey: string): () => void {
    let keys = this.inFlight.get(client);
    if (!keys) this.inFlight.set(client, (keys = new Map<string, number>()));
    const running = keys.get(storeKey) ?? 0;
    if (running === 0 && keys.size >= this.maxKeysInFlight) throw new TooManyKeysInFlightError(this.maxKeysInFlight);
    keys.set(storeKey, running + 1);
    return () => {
      const left = (keys.get(storeKey) ?? 1) - 1;
      if (left > 0) keys.set(storeKey, left);
      else keys.delete(storeKey);
      if (keys.size === 0) this.inFlight.delete(client);
    };
  }
}

interface EpochMarker {
  id: string;
  /** Until when (epoch ms) a key the store does not hold may be one it lost. */
  suspectUntil: number;
}

/**
 * The journal's epoch marker: written when the journal is first used, read on every keyed write.
 * When a process that saw it finds it gone or replaced, the store lost its entries; the marker
 * then says so to every replica until those entries would have expired anyway.
 */
class JournalEpoch {
  private known: string | undefined;

  constructor(private readonly options: WriteJournalOptions) {}

  /** Whether a key the store does not hold may have been lost (then reconcile before sending). */
  async entriesMayBeLost(): Promise<boolean> {
    const { store, now, ttlMs, logger } = this.options;
    for (let tries = 0; tries < 3; tries++) {
      const raw = await store.get(JOURNAL_EPOCH_KEY);
      const seen = raw === null ? null : (JSON.parse(raw) as EpochMarker);
      if (seen && (this.known === undefined || seen.id === this.known || seen.suspectUntil > now())) {
        this.known = seen.id;
        return seen.suspectUntil > now();
      }
      // Gone or replaced since this process saw it: restarted empty, flushed or evicted. Or
      // never written under this name, by a store that kept a journal under the names used
      // before keys carried a hash tag: entries this journal cannot find any more.
      const renamed = raw === null && this.known === undefined && (await store.get(LEGACY_JOURNAL_EPOCH_KEY)) !== null;
      const lost = this.known !== undefined || renamed;
      const next: EpochMarker = { id: seen?.id ?? randomUUID(), suspectUntil: lost ? now() + ttlMs : 0 };
      const text = JSON.stringify(next);
      const written =
        raw === null
          ? await store.setIfAbsent(JOURNAL_EPOCH_KEY, text, EPOCH_TTL_MS)
          : await store.compareAndSet(JOURNAL_EPOCH_KEY, raw, text, EPOCH_TTL_MS);
      if (written) {
        if (lost) {
          logger.warn(
            { until: new Date(next.suspectUntil).toISOString() },
            renamed
              ? 'write journal: its store holds entries under the names of an earlier version, which this one ' +
                  'does not read; keyed writes are reconciled with the vendor before they are sent until then'
              : 'write journal: its store lost its entries (restarted empty, flushed or evicted); keyed writes ' +
                  'are reconciled with the vendor before they are sent until then',
          );
        }
        this.known = next.id;
        return lost;
      }
    }
    return true; // other replicas keep changing it: assume the worst
  }
}

/** The store, with every failure as IDEMPOTENCY_UNAVAILABLE: the journal never guesses. */
function failingClosed(store: JournalStore): JournalStore {
  const guard = async <R>(operation: () => Promise<R>): Promise<R> => {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof JournalStoreUnavailable) {
        throw new IdempotencyUnavailableError(Math.ceil(error.retryAfterMs / 1000), {
          where: error.where,
          cause: error.code,
        });
      }
      throw new IdempotencyUnavailableError(1);
    }
  };
  return {
    kind: store.kind,
    get: (key) => guard(() => store.get(key)),
    setIfAbsent: (key, value, ttlMs) => guard(() => store.setIfAbsent(key, value, ttlMs)),
    compareAndSet: (key, expected, next, ttlMs) => guard(() => store.compareAndSet(key, expected, next, ttlMs)),
    deleteIfEquals: (key, value) => guard(() => store.deleteIfEquals(key, value)),
    ping: () => store.ping(),
    close: () => store.close(),
    ...(store.usage ? { usage: store.usage.bind(store) } : {}),
  };
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

  /** @param mayBeRepeat the store may have lost this key's entry: reconcile before a first send. */
  async settle(mayBeRepeat: boolean): Promise<T> {
    const { store, now } = this.options;
    let waited = false;
    for (;;) {
      const claim = this.inFlight();
      if (await store.setIfAbsent(this.storeKey, claim, this.ttlMs)) return this.attempt(claim, undefined, mayBeRepeat);
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

  private async decode(stored: unknown): Promise<T> {
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
  if (!(error instanceof GraphQLError)) {
    return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  const clip = (value: unknown) =>
    typeof value === 'string' && value.length > MAX_STORED_TEXT ? `${value.slice(0, MAX_STORED_TEXT)}…` : value;
  const extensions = Object.fromEntries(Object.entries(error.extensions).map(([name, value]) => [name, clip(value)]));
  if (!(error instanceof UpstreamError)) return { message: clip(error.message) as string, extensions };
  // Our words and the vendor's clipped apart, so the revived message still ends with the stored
  // vendorMessage and production masks it as it masked the first answer.
  const ours = error.ownWords;
  const message =
    ours === undefined
      ? clip(error.message)
      : `${clip(ours) as string}: ${clip(error.details.vendorMessage) as string}`;
  return { message: message as string, extensions, fromVendor: true };
}

function reviveError(stored: StoredError | undefined): GraphQLError {
  if (stored?.fromVendor) {
    const { code, ...details } = stored.extensions;
    return new UpstreamError(code as UpstreamErrorCode, stored.message, details as unknown as UpstreamErrorDetails);
  }
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
