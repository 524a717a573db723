// Zen's distribution totals behind its budget of one call per 5 minutes per token.
//
// Policy (docs/architecture.md repeats it):
// - Zen is called only because a client asked: nothing is fetched at start-up or in the background.
// - The budget is kept on our side, per token, in the shared store: a call is made only after
//   claiming the 5-minute window; a query that cannot claim it is answered from the cache
//   (`stale: true`, `nextRefreshAt`) or, with nothing cached, fails with RATE_LIMITED and
//   `retryAfterSeconds`. A real 429 from Zen moves the window to its Retry-After (a full window
//   when it has none). Zen calls are never retried: a retry would be a second call. A call that
//   fails otherwise (timeout, 500, 401, error body) still spends the window; its failure is kept
//   in the store for that window, and every replica answers the rest of it with that failure's
//   code and `retryAfterSeconds` (docs/decisions/0080).
// - Answers are cached per (token, date). An answer counts as fresh for todayTtlSeconds when it
//   was fetched while its day was still running (default 0: ask again whenever the budget
//   allows), for pastDayTtlSeconds once it was fetched after its day ended (default 24 h).
//   After that it is still served, as stale, while Zen cannot be asked; it is forgotten
//   STALE_RETENTION_MS after it stops being fresh.
// - Scheduling: the window goes to the first query that needs Zen after it opens, whatever its
//   date (first come, first served); other dates asked inside the same window get their cached
//   answer or RATE_LIMITED.
// - Single flight: one call per (token, date) however many queries wait, in this process (one
//   promise) and across replicas (a lock in the store; the others wait for its answer).
// - The store is waited for ZEN_STORE_WAIT_MS at most per command (its budget, lock and cache):
//   a store that does not answer (or cannot be reached) makes the query fail with
//   STORE_UNAVAILABLE naming it (`extensions.cause`), without a Zen call, rather than hang; a
//   cached answer is served as stale instead when there is one. Zen's answer, once paid for, is
//   served even when it cannot be stored.
// - "Today" is the calendar day in ZEN_TIME_ZONE (default America/Sao_Paulo, Zen's home);
//   later dates are refused with BAD_USER_INPUT before anything else.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { BadUserInputError, isVendorFailure, StoreUnavailableError, UpstreamError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { DistributionTotalsModel } from '../../model/models.js';
import type { Operation } from '../../request/operation.js';
import { settleWithin, type Settled } from '../shared/settle-within.js';
import { StoreUnreachableError, storeKey, windowTtlMs, type SharedStore } from '../shared/store/index.js';
import { TokenCache } from '../shared/token-cache.js';
import { isoDateIn, parseDateArgument } from './dates.js';
import { ZEN_DEFAULTS, type ZenApi, type ZenConfig } from './api.js';
import type { ZenTotalsSnapshot } from './mapping.js';

/** Zen answers one request per token every 5 minutes. */
export const ZEN_MIN_INTERVAL_MS = 5 * 60_000;
/** A cached answer is kept this long after it stops being fresh, to be served as stale. */
export const STALE_RETENTION_MS = 7 * 24 * 60 * 60_000;
/** How often a replica waiting for another's Zen call looks at the store. */
const WAIT_POLL_MS = 25;

interface CachedTotals extends ZenTotalsSnapshot {
  /** Epoch ms. */
  fetchedAt: number;
}

/**
 * A failed Zen call, kept in the store for the window it spent (`until`), so that every replica
 * answers the rest of that window with its code rather than a bare RATE_LIMITED.
 */
const heldFailureSchema = z.object({
  until: z.number(),
  code: z.enum([
    'UPSTREAM_ERROR',
    'UPSTREAM_TIMEOUT',
    'UPSTREAM_UNAUTHORIZED',
    'UPSTREAM_REJECTED',
    'UPSTREAM_OUTCOME_UNKNOWN',
  ]),
  message: z.string(),
  upstreamStatus: z.number().optional(),
  vendorCode: z.union([z.string(), z.number()]).optional(),
  vendorMessage: z.string().optional(),
});
type HeldFailure = z.infer<typeof heldFailureSchema>;

const cachedCount = z.object({ code: z.string().nullish(), name: z.string().nullish(), count: z.number() });
const cachedCounts = z.array(cachedCount);

/** What readCache accepts back from the store: an entry as `fetch` wrote it. */
const cachedTotalsSchema: z.ZodType<CachedTotals> = z.object({
  date: z.string(),
  fetchedAt: z.number(),
  users: z.array(
    z.object({
      name: z.string(),
      totalLeads: z.number(),
      origins: cachedCounts,
      segments: cachedCounts,
      automations: cachedCounts,
      productsAndServices: cachedCounts,
    }),
  ),
  errors: z.object({
    withError: z.number(),
    ungrouped: z.number(),
    contactLimitExceeded: z.number(),
    duplicates: z.number(),
  }),
});

export interface ZenTotalsOptions {
  config: ZenConfig;
  api: ZenApi;
  store: SharedStore;
  logger: Logger;
  now: () => number;
}

/**
 * The store keys of one token's budget and one day's lock and cached answer. One resolve touches
 * all three, so they carry one hash tag: on a Redis Cluster they live on one node together.
 */
export function zenKeys(
  tokenKey: string,
  date: string,
): { budget: string; failure: string; lock: string; totals: string } {
  const group = `zen:${tokenKey}`;
  return {
    budget: storeKey(group, 'budget'),
    /** The failure of the call that spent the current window, if it failed (HeldFailure). */
    failure: storeKey(group, 'failure'),
    lock: storeKey(group, 'lock', date),
    totals: storeKey(group, 'totals', date),
  };
}

export class ZenTotalsService {
  private readonly inflight = new Map<string, Promise<DistributionTotalsModel>>();
  /** Store keys name the token by a hash, never the token itself. */
  private readonly tokenKey: string;

  constructor(private readonly options: ZenTotalsOptions) {
    this.tokenKey = TokenCache.keyFor('ZEN', options.config.token);
  }

  /**
   * One day's totals; see the policy at the top of this file. Operations asking for the same
   * day at once share one flight: its Zen call counts against the first one's budget.
   */
  totals(dateArgument: unknown, operation: Operation | undefined): Promise<DistributionTotalsModel> {
    const date = parseDateArgument(dateArgument);
    const today = isoDateIn(this.options.config.timeZone, this.options.now());
    if (date > today) {
      throw new BadUserInputError(
        `date ${date} is in the future (today is ${today} in ${this.options.config.timeZone})`,
        'date',
      );
    }
    const key = `${this.tokenKey}:${date}`;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.resolve(date, operation).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  /**
   * How long `totals` may be reused (its cache hint): whole seconds until its `nextRefreshAt`,
   * before which this graph would give the same answer.
   */
  maxAgeSeconds(totals: DistributionTotalsModel): number {
    if (!totals.nextRefreshAt) return 0;
    return Math.max(0, Math.floor((totals.nextRefreshAt.getTime() - this.options.now()) / 1000));
  }

  /** Seconds until the budget allows the next Zen call (0: now; NaN: the store did not say), for the metrics gauge. */
  async secondsUntilNextCall(): Promise<number> {
    try {
      // The budget key is the same for every date.
      const until = Number((await this.waitFor(this.options.store.get(this.keys('').budget))) ?? 0);
      return Math.max(0, (until - this.options.now()) / 1000);
    } catch (error) {
      if (error instanceof StoreUnavailableError) return Number.NaN;
      throw error;
    }
  }

  private keys(date: string) {
    return zenKeys(this.tokenKey, date);
  }

  private async resolve(
    date: string,
    operation: Operation | undefined,
    waited = false,
  ): Promise<DistributionTotalsModel> {
    const { store, now, config } = this.options;
    const keys = this.keys(date);
    const asked = now();
    const cached = await this.readCache(keys.totals);
    if (cached && asked < cached.fetchedAt + this.ttlMs(cached)) return this.answer(cached, false);

    const owner = randomUUID();
    const lockTtlMs = config.timeoutMs + 5_000;
    if (!(await this.waitFor(store.setIfAbsent(keys.lock, owner, lockTtlMs)))) {
      // Another replica is asking Zen for this date right now.
      if (cached) return this.answer(cached, true);
      if (waited) throw await this.rateLimited(keys.budget);
      return this.waitForOther(date, lockTtlMs, asked, operation);
    }
    try {
      // Someone may have answered between our read and our lock.
      const latest = await this.readCache(keys.totals);
      if (latest && (latest.fetchedAt >= asked || this.isFresh(latest))) {
        return this.answer(latest, false);
      }
      const start = now();
      const until = start + ZEN_MIN_INTERVAL_MS;
      let held: number | null;
      try {
        held = await this.waitFor(store.claimUntil(keys.budget, start, until, windowTtlMs(start, until)));
      } catch (error) {
        // The window could not be claimed (the store failed): what is cached is served, as stale.
        if (latest && error instanceof StoreUnavailableError) return this.answer(latest, true);
        throw error;
      }
      if (held !== null) {
        this.options.logger.debug({ vendor: 'ZEN', date, nextCallAt: new Date(held) }, 'Zen budget spent');
        if (latest) return this.answer(latest, true, held);
        throw await this.heldUntil(held);
      }
      return await this.fetch(date, latest, until, operation);
    } finally {
      // Not answered in time: the lock lapses after lockTtlMs.
      await this.tryWaitFor(store.deleteIfEquals(keys.lock, owner), 'release the Zen lock');
    }
  }

  private async fetch(
    date: string,
    cached: CachedTotals | null,
    budgetUntil: number,
    operation: Operation | undefined,
  ): Promise<DistributionTotalsModel> {
    const { api, store, now } = this.options;
    const keys = this.keys(date);
    try {
      const snapshot = await api.totals(date, operation);
      const entry: CachedTotals = { ...snapshot, fetchedAt: now() };
      await this.tryWaitFor(
        store.set(keys.totals, JSON.stringify(entry), this.ttlMs(entry) + STALE_RETENTION_MS),
        'cache Zen’s answer',
      );
      return await this.answer(entry, false, budgetUntil);
    } catch (error) {
      if (error instanceof UpstreamError && error.code !== 'RATE_LIMITED' && isVendorFailure(error)) {
        throw await this.holdFailure(error, budgetUntil);
      }
      if (!(error instanceof UpstreamError) || error.code !== 'RATE_LIMITED') throw error;
      // Zen refused (another tool on the same token?): no call until it says so (a full window
      // when it does not say). We hold the window we claimed, so we may move its end.
      const waitMs = (error.details.retryAfterSeconds ?? ZEN_MIN_INTERVAL_MS / 1000) * 1000;
      const at = now();
      await this.tryWaitFor(
        store.set(keys.budget, String(at + waitMs), windowTtlMs(at, at + waitMs)),
        'move Zen’s window to its Retry-After',
      );
      if (cached) return this.answer(cached, true, at + waitMs);
      throw new UpstreamError('RATE_LIMITED', error.message, {
        ...error.details,
        retryAfterSeconds: Math.ceil(waitMs / 1000),
      });
    }
  }

  /** Waits (in real time) for the replica holding the lock, then serves what it stored. */
  private async waitForOther(
    date: string,
    lockTtlMs: number,
    asked: number,
    operation: Operation | undefined,
  ): Promise<DistributionTotalsModel> {
    const keys = this.keys(date);
    const deadline = performance.now() + lockTtlMs;
    while (performance.now() < deadline && (await this.waitFor(this.options.store.get(keys.lock))) !== null) {
      await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
    }
    const cached = await this.readCache(keys.totals);
    if (cached) return this.answer(cached, cached.fetchedAt < asked && !this.isFresh(cached));
    return this.resolve(date, operation, true);
  }

  private isFresh(entry: CachedTotals): boolean {
    return this.options.now() < entry.fetchedAt + this.ttlMs(entry);
  }

  /** Fresh-for time of an answer: a day still running when fetched is "today", else a past day. */
  private ttlMs(entry: CachedTotals): number {
    const { timeZone, todayTtlSeconds, pastDayTtlSeconds } = this.options.config;
    const complete = isoDateIn(timeZone, entry.fetchedAt) > entry.date;
    return (complete ? pastDayTtlSeconds : todayTtlSeconds) * 1000;
  }

  private async answer(entry: CachedTotals, stale: boolean, budgetUntil?: number): Promise<DistributionTotalsModel> {
    const budget =
      budgetUntil ?? Number((await this.waitFor(this.options.store.get(this.keys(entry.date).budget))) ?? 0);
    return {
      date: entry.date,
      users: entry.users,
      errors: entry.errors,
      fetchedAt: new Date(entry.fetchedAt),
      stale,
      nextRefreshAt: new Date(Math.max(entry.fetchedAt + this.ttlMs(entry), budget)),
    };
  }

  private async readCache(key: string): Promise<CachedTotals | null> {
    const raw = await this.waitFor(this.options.store.get(key));
    if (raw === null) return null;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return null; // written by something else: as good as absent
    }
    const parsed = cachedTotalsSchema.safeParse(value);
    return parsed.success ? parsed.data : null; // likewise
  }

  private async rateLimited(budgetKey: string): Promise<UpstreamError> {
    const held = Number((await this.waitFor(this.options.store.get(budgetKey))) ?? 0);
    return this.heldUntil(held);
  }

  /**
   * Zen's call in this window failed: the failure is kept for the rest of the window (shared
   * through the store), and the caller gets its code with the time until Zen may be asked again.
   */
  private async holdFailure(error: UpstreamError, until: number): Promise<UpstreamError> {
    const { store, now } = this.options;
    const { upstreamStatus, vendorCode, vendorMessage } = error.details;
    const failure: HeldFailure = {
      until,
      code: error.code as HeldFailure['code'],
      message: error.message,
      ...(upstreamStatus === undefined ? {} : { upstreamStatus }),
      ...(vendorCode === undefined ? {} : { vendorCode }),
      ...(vendorMessage === undefined ? {} : { vendorMessage }),
    };
    const at = now();
    await this.tryWaitFor(
      store.set(this.keys('').failure, JSON.stringify(failure), windowTtlMs(at, until)),
      'keep Zen’s failure for its window',
    );
    return new UpstreamError(
      error.code,
      error.message,
      { ...error.details, retryAfterSeconds: Math.max(1, Math.ceil((until - at) / 1000)) },
      { tokenRejected: error.tokenRejected, busy: error.busy },
    );
  }

  /**
   * Why Zen may not be asked until `held`: the failure of the call that spent this window when
   * it failed (its code, so clients see the real cause), RATE_LIMITED otherwise.
   */
  private async heldUntil(held: number): Promise<UpstreamError> {
    const until = Math.max(held, this.options.now() + 1000);
    const failure = await this.readFailure();
    if (!failure || failure.until !== held) return this.rateLimitedUntil(until);
    const retryAfterSeconds = Math.max(1, Math.ceil((until - this.options.now()) / 1000));
    const { code, message, upstreamStatus, vendorCode, vendorMessage } = failure;
    return new UpstreamError(
      code,
      // The vendor's words stay last, so production masking can cut them off (publicMessage).
      `Zen’s call in this 5-minute window failed and Zen may be asked again in ${retryAfterSeconds} s. ${message}`,
      {
        vendor: 'ZEN',
        retryAfterSeconds,
        ...(upstreamStatus === undefined ? {} : { upstreamStatus }),
        ...(vendorCode === undefined ? {} : { vendorCode }),
        ...(vendorMessage === undefined ? {} : { vendorMessage }),
      },
    );
  }

  /** The held failure, or null (none, unreadable, or the store failed: a bare RATE_LIMITED then). */
  private async readFailure(): Promise<HeldFailure | null> {
    let raw: string | null;
    try {
      raw = await this.waitFor(this.options.store.get(this.keys('').failure));
    } catch (error) {
      if (error instanceof StoreUnavailableError) return null;
      throw error;
    }
    if (raw === null) return null;
    try {
      const parsed = heldFailureSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /**
   * `command`, or STORE_UNAVAILABLE naming the store when it does not answer within storeWaitMs
   * (cause SHARED_STORE_TIMEOUT) or cannot be reached (SHARED_STORE_UNREACHABLE).
   */
  private async waitFor<T>(command: Promise<T>): Promise<T> {
    const { store } = this.options;
    const waitMs = this.options.config.storeWaitMs ?? ZEN_DEFAULTS.storeWaitMs;
    const what = 'Zen was not called (its one call per 5 minutes is counted there)';
    let result: Settled<T>;
    try {
      result = await settleWithin(command, waitMs);
    } catch (error) {
      if (!(error instanceof StoreUnreachableError)) throw error;
      throw new StoreUnavailableError({
        what,
        where: error.where,
        cause: error.code,
        retryAfterSeconds: Math.max(1, Math.ceil(error.retryAfterMs / 1000)),
      });
    }
    if (result.settled) return result.value;
    throw new StoreUnavailableError({
      what,
      where: store.where,
      cause: 'SHARED_STORE_TIMEOUT',
      waitedMs: waitMs,
      retryAfterSeconds: 1,
    });
  }

  /** For what may be left undone (it lapses or is redone): a store that does not answer is logged. */
  private async tryWaitFor(command: Promise<unknown>, what: string): Promise<void> {
    try {
      await this.waitFor(command);
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      this.options.logger.warn({ vendor: 'ZEN' }, `could not ${what}: ${error.message}`);
    }
  }

  private rateLimitedUntil(until: number): UpstreamError {
    const retryAfterSeconds = Math.max(1, Math.ceil((until - this.options.now()) / 1000));
    return new UpstreamError(
      'RATE_LIMITED',
      `Zen allows one call per 5 minutes and nothing is cached for this date yet; retry after ${retryAfterSeconds} s`,
      { vendor: 'ZEN', retryAfterSeconds },
    );
  }
}
