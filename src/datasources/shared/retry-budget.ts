// A retry budget per vendor, as Apollo Router and Envoy keep one: retries may add at most a
// share of the calls made recently, so a failing vendor gets a little more load, never
// double or triple. Hand-rolled because neither undici nor cockatiel keeps a budget shared by
// many calls (their retry policies count attempts of one call only); it is a counter over a
// sliding window and nothing more.

export interface RetryBudgetOptions {
  /** Retries allowed per first attempt made in the window. @default 0.2 (Router's default) */
  ratio?: number;
  /** Retries allowed in any window, however few calls were made. @default 3 */
  minRetries?: number;
  /** How far back calls and retries count. @default 10 s (Router's default TTL) */
  windowMs?: number;
  /** @default Date.now */
  now?: () => number;
}

export class RetryBudget {
  private readonly ratio: number;
  private readonly minRetries: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  /** Times of first attempts and of retries in the window, oldest first. */
  private readonly calls: number[] = [];
  private readonly retries: number[] = [];

  constructor(options: RetryBudgetOptions = {}) {
    this.ratio = options.ratio ?? 0.2;
    this.minRetries = options.minRetries ?? 3;
    this.windowMs = options.windowMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** A first attempt was sent. */
  recordCall(): void {
    this.calls.push(this.now());
  }

  /** Whether one more retry fits the budget; when it does, it is spent. */
  tryRetry(): boolean {
    const now = this.now();
    forget(this.calls, now - this.windowMs);
    forget(this.retries, now - this.windowMs);
    const allowed = Math.max(this.minRetries, Math.floor(this.calls.length * this.ratio));
    if (this.retries.length >= allowed) return false;
    this.retries.push(now);
    return true;
  }
}

function forget(times: number[], before: number): void {
  let stale = 0;
  while (stale < times.length && (times[stale] as number) <= before) stale++;
  times.splice(0, stale);
}
