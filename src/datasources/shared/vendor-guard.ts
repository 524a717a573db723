// What stands between the graph and each vendor (one VendorGuard per vendor, process-wide):
// - a hold: after a 429 or 503 with Retry-After, no call goes to the vendor until then; the
//   hold is kept in the shared store, so every replica holds back (Redis when configured). The
//   store is never on a call's path: each replica keeps the hold it last read and reads it again
//   in the background (one read in flight), waiting for that read HOLD_WAIT_MS at most, so a
//   hung store costs a call a few ms, once. Polling on demand rather than Redis pub/sub: it
//   needs no second connection, and a replica that missed a message (reconnecting) still sees
//   the hold at its next read. See docs/decisions/0040-store-off-the-call-path.md;
// - a circuit breaker per endpoint family (cockatiel): after repeated failures the family is
//   not called for a while (UPSTREAM_UNAVAILABLE at once), then one probe call tests it; each
//   failed probe doubles the wait. Token issues have their family ('token'), so a failing
//   login is asked a few times a minute at most, not on every request;
// - a bulkhead (cockatiel): at most maxConcurrency calls in flight and maxQueue waiting; a
//   call that finds the queue full, or whose time runs out while it waits, is OVERLOADED (the
//   vendor never saw it);
// - a retry budget (./retry-budget.ts).
import { createHash } from 'node:crypto';
import type { BulkheadPolicy, CircuitBreakerPolicy } from 'cockatiel';
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  CountBreaker,
  bulkhead,
  circuitBreaker,
  handleWhen,
  type IBackoff,
  type IHalfOpenAfterBackoffContext,
} from 'cockatiel';
import { UpstreamError, isVendorFailure } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Vendor } from '../../model/models.js';
import { vendorName } from '../../model/vendors.js';
import type { CircuitStateName } from '../../observability/metrics.js';
import { RetryBudget } from './retry-budget.js';
import { settleWithin } from './settle-within.js';
import type { SharedStore } from './store/index.js';

/** A Retry-After longer than this is held for this long only (a hostile or broken header). */
const MAX_HOLD_MS = 60 * 60_000;
/** How often a replica reads the shared hold again (between reads it trusts what it saw). */
const HOLD_REFRESH_MS = 1_000;
/**
 * The longest a call waits for the store to read or write a hold: a healthy store answers well
 * within it (so a replica sees another's hold at once), a hung one costs a call no more.
 */
export const HOLD_WAIT_MS = 10;
/** Failed probes double the open time up to this. */
const MAX_OPEN_MS = 5 * 60_000;

export interface VendorGuardOptions {
  vendor: Vendor;
  /** Names what the hold applies to in the store (the vendor's base URL), hashed. */
  holdScope: string;
  maxConcurrency: number;
  maxQueue: number;
  /** First time a circuit stays open. */
  circuitOpenMs: number;
  store: SharedStore;
  logger: Logger;
  /** The clock of holds and the retry budget. (cockatiel's breakers read Date.now.) */
  now: () => number;
}

/** A family's circuit as `Query.vendors` shows it. */
export interface CircuitReport {
  family: string;
  state: CircuitStateName;
  /** While open: seconds until a probe call may go. */
  retryAfterSeconds: number | null;
}

interface Circuit {
  policy: CircuitBreakerPolicy;
  /** Date.now() when it last opened, and for how long (cockatiel's own clock). */
  opened: { at: number; forMs: number };
}

export class VendorGuard {
  readonly vendor: Vendor;
  retryBudget: RetryBudget;
  private readonly bulkhead: BulkheadPolicy;
  private readonly circuits = new Map<string, Circuit>();
  private readonly holdKey: string;
  private holdEnd = 0;
  private holdReadAt = Number.NEGATIVE_INFINITY;
  /** The read of the shared hold in flight, and until when (performance.now()) calls wait for it. */
  private refresh: { done: Promise<void>; waitUntil: number } | undefined;
  /** Bumped by reset(), so a read sent before it cannot bring back the hold it lifted. */
  private generation = 0;

  constructor(private readonly options: VendorGuardOptions) {
    this.vendor = options.vendor;
    this.bulkhead = bulkhead(options.maxConcurrency, options.maxQueue);
    this.retryBudget = new RetryBudget({ now: options.now });
    this.holdKey = `hold:${options.vendor}:${createHash('sha256').update(options.holdScope).digest('hex').slice(0, 16)}`;
  }

  /** Calls let through to the vendor at once. */
  get maxConcurrency(): number {
    return this.options.maxConcurrency;
  }

  /**
   * Refuses at once when the vendor asked us to wait (RATE_LIMITED, with retryAfterSeconds).
   * Reads the shared hold again when the copy here is HOLD_REFRESH_MS old (see the top).
   */
  async checkHold(): Promise<void> {
    const at = this.options.now();
    if (at - this.holdReadAt >= HOLD_REFRESH_MS) await this.refreshHold(at);
    if (this.holdEnd > at) {
      const retryAfterSeconds = Math.max(1, Math.ceil((this.holdEnd - at) / 1000));
      throw new UpstreamError(
        'RATE_LIMITED',
        `${vendorName(this.vendor)} asked us to wait; not called again for ${retryAfterSeconds} s`,
        { vendor: this.vendor, retryAfterSeconds },
      );
    }
  }

  /** Epoch ms until which calls are held (as the store has it now, if it answers at once), or null. */
  async heldUntil(): Promise<number | null> {
    const at = this.options.now();
    await this.refreshHold(at);
    return this.holdEnd > at ? this.holdEnd : null;
  }

  /**
   * The vendor said Retry-After: hold every call (in every replica) until then. Held here at
   * once; the store's write is waited for HOLD_WAIT_MS at most (a failed one is logged).
   */
  async hold(retryAfterSeconds: number): Promise<void> {
    const { now, store, logger } = this.options;
    const at = now();
    const until = at + Math.min(retryAfterSeconds * 1000, MAX_HOLD_MS);
    if (until <= this.holdEnd) return;
    this.holdEnd = until;
    logger.warn({ vendor: this.vendor, retryAfterSeconds }, 'vendor asked us to wait: holding every call');
    const written = store.set(this.holdKey, String(until), until - at + 60_000).catch((error: unknown) => {
      logger.warn(
        { vendor: this.vendor, err: errorMessage(error) },
        'could not share the hold: other replicas may call',
      );
    });
    await settleWithin(written, HOLD_WAIT_MS);
  }

  /**
   * Runs `send` inside the family's circuit and the vendor's bulkhead. `signal` bounds the wait
   * for a slot: when it aborts first, the call fails OVERLOADED without being sent. Without
   * `circuit`, the caller already runs inside the family's circuit (token issues).
   */
  run<T>(family: string, signal: AbortSignal, send: () => Promise<T>, { circuit = true } = {}): Promise<T> {
    return circuit ? this.inCircuit(family, () => this.inBulkhead(signal, send)) : this.inBulkhead(signal, send);
  }

  /** Runs `fn` inside the family's circuit only (token issues: their envelope failures count too). */
  inCircuit<T>(family: string, fn: () => Promise<T>): Promise<T> {
    const circuit = this.circuit(family);
    // While the probe is out, the others are refused rather than queued behind it.
    if (circuit.policy.state === CircuitState.HalfOpen) return Promise.reject(this.unavailable(family, circuit));
    return circuit.policy.execute(fn).catch((error: unknown) => {
      throw error instanceof BrokenCircuitError ? this.unavailable(family, circuit) : error;
    });
  }

  /** Forgets every circuit, the hold (here and in the store) and the retry budget. */
  async reset(): Promise<void> {
    this.circuits.clear();
    this.holdEnd = 0;
    this.holdReadAt = Number.NEGATIVE_INFINITY;
    this.refresh = undefined;
    this.generation++;
    this.retryBudget = new RetryBudget({ now: this.options.now });
    await this.options.store.set(this.holdKey, '0', 1);
  }

  describe(): CircuitReport[] {
    return [...this.circuits].map(([family, circuit]) => {
      const state = circuit.policy.state;
      if (state === CircuitState.Closed) return { family, state: 'CLOSED', retryAfterSeconds: null };
      if (state === CircuitState.HalfOpen) return { family, state: 'HALF_OPEN', retryAfterSeconds: null };
      return { family, state: 'OPEN', retryAfterSeconds: this.secondsUntilProbe(circuit) };
    });
  }

  /**
   * Starts a read of the shared hold unless one is in flight, and waits for it until
   * HOLD_WAIT_MS after it started: past that, calls go on with the hold they have. In memory,
   * the hold here is the only one.
   */
  private async refreshHold(at: number): Promise<void> {
    if (this.options.store.kind === 'memory') return;
    this.holdReadAt = at;
    if (!this.refresh) {
      const refresh = { done: this.readHold(), waitUntil: performance.now() + HOLD_WAIT_MS };
      this.refresh = refresh;
      void refresh.done.finally(() => {
        if (this.refresh === refresh) this.refresh = undefined;
      });
    }
    const waitMs = this.refresh.waitUntil - performance.now();
    if (waitMs > 0) await settleWithin(this.refresh.done, waitMs);
  }

  /** Never rejects: a store that fails leaves the hold as it was here. */
  private async readHold(): Promise<void> {
    const generation = this.generation;
    try {
      const shared = Number((await this.options.store.get(this.holdKey)) ?? 0);
      if (generation === this.generation && shared > this.holdEnd) this.holdEnd = shared;
    } catch (error) {
      this.options.logger.warn({ vendor: this.vendor, err: errorMessage(error) }, 'could not read the shared hold');
    }
  }

  private inBulkhead<T>(signal: AbortSignal, send: () => Promise<T>): Promise<T> {
    const name = vendorName(this.vendor);
    const overloaded = (why: string) =>
      new UpstreamError('OVERLOADED', `${name} was not called: ${why}`, { vendor: this.vendor });
    return new Promise<T>((resolve, reject) => {
      let started = false;
      const gaveUp = () => {
        if (!started) reject(overloaded('its time ran out while it waited for a free connection slot'));
      };
      signal.addEventListener('abort', gaveUp, { once: true });
      this.bulkhead
        .execute(() => {
          started = true;
          signal.removeEventListener('abort', gaveUp);
          return send();
        }, signal)
        .then(resolve, (error: unknown) => {
          signal.removeEventListener('abort', gaveUp);
          if (error instanceof BulkheadRejectedError) {
            reject(overloaded(`this server already has ${this.options.maxQueue} calls to it waiting`));
          } else if (!started) {
            gaveUp(); // cancelled while queued: already answered
          } else {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
    });
  }

  private circuit(family: string): Circuit {
    let circuit = this.circuits.get(family);
    if (circuit) return circuit;
    const opened = { at: 0, forMs: 0 };
    const halfOpenAfter = {
      next: () =>
        doublingOpenTime(this.options.circuitOpenMs, (ms) => {
          opened.forMs = ms;
          opened.at = Date.now();
        }),
    };
    const policy = circuitBreaker(
      // Only the vendor's own failures open it: not a missing record, a refusal of what we sent,
      // a rate limit (the hold deals with that), or calls our guard never sent.
      handleWhen(
        (error) =>
          !(error instanceof UpstreamError) ||
          (isVendorFailure(error) && error.code !== 'RATE_LIMITED' && error.code !== 'UPSTREAM_REJECTED'),
      ),
      {
        halfOpenAfter,
        // Token issues are few and each one matters: three failures in a row open it.
        breaker:
          family === 'token'
            ? new CountBreaker({ threshold: 0.9, size: 3 })
            : new CountBreaker({ threshold: 0.5, size: 20, minimumNumberOfCalls: 5 }),
      },
    );
    policy.onStateChange((state) => {
      this.options.logger.warn({ vendor: this.vendor, family, state: CircuitState[state] }, 'vendor circuit changed');
    });
    circuit = { policy, opened };
    this.circuits.set(family, circuit);
    return circuit;
  }

  private secondsUntilProbe(circuit: Circuit): number {
    return Math.max(1, Math.ceil((circuit.opened.at + circuit.opened.forMs - Date.now()) / 1000));
  }

  private unavailable(family: string, circuit: Circuit): UpstreamError {
    const retryAfterSeconds = circuit.policy.state === CircuitState.Open ? this.secondsUntilProbe(circuit) : 1;
    return new UpstreamError(
      'UPSTREAM_UNAVAILABLE',
      `${vendorName(this.vendor)} is failing (${family}); not called for ${retryAfterSeconds} s`,
      { vendor: this.vendor, retryAfterSeconds },
    );
  }
}

/**
 * How long a circuit stays open: `initialMs`, doubled after each failed probe up to MAX_OPEN_MS;
 * `onOpen` hears each time picked (for retryAfterSeconds). Written out because cockatiel's
 * ExponentialBackoff starts at 0 ms, which would let a probe through at once.
 */
function doublingOpenTime(initialMs: number, onOpen: (ms: number) => void): IBackoff<IHalfOpenAfterBackoffContext> {
  onOpen(initialMs);
  return { duration: initialMs, next: () => doublingOpenTime(Math.min(initialMs * 2, MAX_OPEN_MS), onOpen) };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
