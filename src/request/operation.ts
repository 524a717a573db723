// One GraphQL operation as its vendor calls see it: what it may spend (one deadline for the whole
// operation, each vendor call getting what is left of it, and a number of vendor calls) and what
// it reports (its request id on every log line, the vendors it called, its trace span).
// It is handed down explicitly (context → per-request datasources → the shared HTTP client), not
// kept in AsyncLocalStorage: on Node 20 that turns on async hooks for every promise in the
// process, a cost measured in issue 16's benchmark.
import type { Span } from '@opentelemetry/api';
import { OperationTimeoutError, UpstreamError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Vendor } from '../model/models.js';
import { vendorName } from '../model/vendors.js';

export interface Operation {
  readonly requestId: string;
  /** The server's logger with `requestId` bound: every line of this request carries it. */
  readonly logger: Logger;
  readonly budget: OperationBudget;
  /** Vendors called while answering (for the request log line). */
  readonly vendorsCalled: Set<Vendor>;
  /** The operation's span when tracing is on; vendor-call spans become its children. */
  span?: Span;
  /** MaxAges resolvers gave their fields in this answer, by coordinate (src/request/cache-policy.ts). */
  readonly fieldMaxAges: Map<string, number>;
}

export function newOperation(logger: Logger, requestId: string, budget: OperationBudgetOptions): Operation {
  let child: Logger | undefined;
  return {
    requestId,
    // Made when a line is first written: most operations write none but their own summary.
    get logger() {
      return (child ??= logger.child({ requestId }));
    },
    budget: new OperationBudget(budget),
    vendorsCalled: new Set(),
    fieldMaxAges: new Map(),
  };
}

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
