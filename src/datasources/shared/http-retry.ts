// The retry policy of vendor calls, on cockatiel's retry: one attempt, then for reads up to
// `retries` more after a failure worth repeating (a 408 or 5xx, a 2xx whose business code says
// the vendor is busy, a dropped or refused connection), with exponential backoff and half jitter
// so that calls failed together do not come back together; never a 429 or a 503 with
// Retry-After (the hold deals with those). A retry goes only with time to spare, so the client
// sees the vendor's real failure rather than a deadline that cut the last attempt short, and
// only within the vendor's retry budget. Writes are never retried: their callers pass `retries: 0`.
import { ExponentialBackoff, halfJitterGenerator, handleWhen, retry, type IBackoff } from 'cockatiel';
import { UpstreamError } from '../../errors.js';
import type { RetryBudget } from './retry-budget.js';
import { VendorStatusError, errorCode, parseRetryAfter } from './http-transport.js';

/** Transport failures a read is tried again after: the connection, not the vendor, failed. */
const RETRIED_ERRORS = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const RETRIED_STATUSES = new Set([408, 500, 502, 503, 504]);

/** 50–100 ms before the first retry, 100–200 ms before the second…, at most 1 s. */
const BACKOFF = new ExponentialBackoff({ initialDelay: 100, maxDelay: 1_000, generator: halfJitterGenerator });

export interface RetryOptions {
  /** Extra attempts allowed (0: the call is sent once). */
  retries: number;
  /** The call's deadline: no retry once it passed. */
  deadline: AbortSignal;
  /** The call's bound, in ms, and when it started (`performance.now()`). */
  timeoutMs: number;
  started: number;
  /** The vendor's retry budget, shared by its calls. */
  budget: RetryBudget;
  /** Told of each retry before its wait. */
  onRetry(failure: unknown, retryCount: number): void;
}

/** Runs `attempt` under the policy; rejects with the last failure. */
export function withRetries<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  if (options.retries === 0) return attempt();
  // cockatiel draws a delay once it has decided to retry; ours needs the delay to decide (no
  // retry without time to spare), so it is drawn in the decision and handed to the retry.
  let delays: IBackoff<unknown> = BACKOFF.next();
  let retried = 0;
  const drawn: IBackoff<unknown> = {
    get duration() {
      return delays.duration;
    },
    next: () => drawn,
  };
  const policy = retry(
    handleWhen((failure) => {
      if (retried >= options.retries || options.deadline.aborted || !worthRetrying(failure)) return false;
      const next = delays.next(undefined);
      const remaining = options.timeoutMs - (performance.now() - options.started);
      if (Math.max(1, next.duration) >= remaining / 2 || !options.budget.tryRetry()) return false;
      delays = next;
      retried++;
      options.onRetry(failure, retried);
      return true;
    }),
    { maxAttempts: options.retries, backoff: { next: () => drawn } },
  );
  return policy.execute(attempt);
}

function worthRetrying(failure: unknown): boolean {
  // A busy answer is retried like a 503; any other failure read from a 2xx answer is its answer.
  if (failure instanceof UpstreamError) return failure.busy;
  if (failure instanceof VendorStatusError) {
    const { status, headers } = failure.answer;
    // A vendor that says when to come back is not asked again at once (after a 503 every call
    // waits: the hold).
    return RETRIED_STATUSES.has(status) && parseRetryAfter(headers['retry-after']) === undefined;
  }
  return RETRIED_ERRORS.has(errorCode(failure));
}
