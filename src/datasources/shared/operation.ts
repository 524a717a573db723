// What one GraphQL operation may spend on the vendors: one deadline for the whole operation
// (each vendor call gets what is left of it) and a number of vendor calls. The shared HTTP
// client is process-wide and vendor calls start deep inside per-request loaders, so the
// operation's budget travels with its resolvers in AsyncLocalStorage (src/resolvers/budget.ts
// runs every resolver inside it) rather than as an argument through every datasource.
import { AsyncLocalStorage } from 'node:async_hooks';
import { OperationTimeoutError, UpstreamError } from '../../errors.js';
import type { Vendor } from '../../model/models.js';
import { vendorName } from '../../model/vendors.js';

/** Time kept back from a vendor call to report its failure within the deadline. */
const REPORT_MARGIN_MS = 50;

export interface OperationBudgetOptions {
  /** The operation's deadline, from now. */
  timeoutMs: number;
  maxVendorCalls: number;
}

export class OperationBudget {
  /** Rejects when the time is up (never resolves): resolvers race it. */
  readonly expired: Promise<never>;
  private readonly deadline: number;
  private callsMade = 0;
  /**
   * Fires `expired`. Cleared by `finish()`: a pending timer would keep the budget, and through
   * the races on `expired` every answer of its operation, in memory until the deadline.
   */
  private readonly timer: NodeJS.Timeout;

  constructor(readonly options: OperationBudgetOptions) {
    this.deadline = performance.now() + options.timeoutMs;
    let expire: (error: Error) => void = () => undefined;
    this.expired = new Promise<never>((_, reject) => {
      expire = reject;
    });
    this.expired.catch(() => undefined); // nobody may be racing it when it fires
    this.timer = setTimeout(() => expire(this.timeoutError()), options.timeoutMs);
    this.timer.unref();
  }

  /** The operation was answered: its deadline no longer matters. */
  finish(): void {
    clearTimeout(this.timer);
  }

  /**
   * What a vendor call may take: the time left, less REPORT_MARGIN_MS so that a call cut short
   * fails with its own error (UPSTREAM_TIMEOUT, or OVERLOADED in the queue) before the field does.
   */
  timeLeftForVendorCall(): number {
    return this.deadline - performance.now() - REPORT_MARGIN_MS;
  }

  /** Vendor calls made so far. */
  get vendorCalls(): number {
    return this.callsMade;
  }

  /**
   * Counts one vendor call about to be sent, or refuses it: past the call budget
   * (TOO_MANY_VENDOR_CALLS) or past the deadline (OPERATION_TIMEOUT); a refused call is not sent.
   */
  spendVendorCall(vendor: Vendor): void {
    if (this.timeLeftForVendorCall() < 1) throw this.timeoutError(vendor);
    if (this.callsMade >= this.options.maxVendorCalls) {
      throw new UpstreamError(
        'TOO_MANY_VENDOR_CALLS',
        `This operation already made ${this.options.maxVendorCalls} vendor calls, the most one operation may ` +
          `make; ${vendorName(vendor)} was not called. Ask for fewer fields or items at once`,
        { vendor },
      );
    }
    this.callsMade++;
  }

  /** The error of a field (or of a call to `vendor`) cut off by the deadline. */
  timeoutError(vendor?: Vendor): UpstreamError | OperationTimeoutError {
    const { timeoutMs } = this.options;
    return vendor
      ? new UpstreamError(
          'OPERATION_TIMEOUT',
          `This operation ran out of its ${timeoutMs} ms before ${vendorName(vendor)} could be called`,
          { vendor },
        )
      : new OperationTimeoutError(timeoutMs);
  }
}

const storage = new AsyncLocalStorage<OperationBudget>();

/**
 * Runs `fn` (and everything it starts) on `budget`. A nested field already runs on its
 * operation's budget: entering it again would only cost time.
 */
export function runWithBudget<T>(budget: OperationBudget, fn: () => T): T {
  return storage.getStore() === budget ? fn() : storage.run(budget, fn);
}

/** The budget of the operation being served; none for work outside an operation. */
export function currentBudget(): OperationBudget | undefined {
  return storage.getStore();
}
