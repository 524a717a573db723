// The retry policy of vendor calls (src/datasources/shared/http-retry.ts), on its own: what is
// retried, how often, and what stops it.
import { describe, expect, it } from 'vitest';
import { withRetries, type RetryOptions } from '../../../../src/datasources/shared/http-retry.js';
import { VendorStatusError } from '../../../../src/datasources/shared/http-transport.js';
import { RetryBudget } from '../../../../src/datasources/shared/retry-budget.js';

const status = (code: number, headers: Record<string, string> = {}) =>
  new VendorStatusError({ status: code, headers, text: '' });
const socketError = (code: string) => Object.assign(new Error(code), { code });

function options(overrides: Partial<RetryOptions> = {}): RetryOptions & { retried: number[] } {
  const retried: number[] = [];
  return {
    retries: 2,
    deadline: new AbortController().signal,
    timeoutMs: 10_000,
    started: performance.now(),
    budget: new RetryBudget(),
    onRetry: (_failure, count) => retried.push(count),
    retried,
    ...overrides,
  };
}

/** An attempt that fails with each of `failures` in turn, then answers 'ok'. */
function attempts(...failures: Error[]) {
  let calls = 0;
  const attempt = () => {
    const failure = failures[calls++];
    return failure === undefined ? Promise.resolve('ok') : Promise.reject(failure);
  };
  return { attempt, calls: () => calls };
}

describe('the retry policy of vendor reads', () => {
  it('retries a 5xx and a dropped connection, up to `retries` more attempts', async () => {
    const flaky = attempts(status(503), socketError('ECONNRESET'));
    const opts = options();
    await expect(withRetries(flaky.attempt, opts)).resolves.toBe('ok');
    expect([flaky.calls(), opts.retried]).toEqual([3, [1, 2]]);

    const broken = attempts(status(500), status(502), status(504), status(500));
    await expect(withRetries(broken.attempt, options())).rejects.toMatchObject({ answer: { status: 504 } });
    expect(broken.calls()).toBe(3);
  });

  it('never retries with retries: 0 (writes), a 4xx, a 429, or a 503 that says Retry-After', async () => {
    for (const [failure, retries] of [
      [status(503), 0],
      [status(400), 2],
      [status(429), 2],
      [status(503, { 'retry-after': '30' }), 2],
      [socketError('UNKNOWN_THING'), 2],
    ] as const) {
      const once = attempts(failure);
      await expect(withRetries(once.attempt, options({ retries }))).rejects.toBe(failure);
      expect(once.calls()).toBe(1);
    }
  });

  it('stops at the vendor’s retry budget, shared by its calls', async () => {
    const budget = new RetryBudget({ minRetries: 1, ratio: 0 });
    const first = attempts(status(503), status(503));
    await expect(withRetries(first.attempt, options({ budget }))).rejects.toBeInstanceOf(VendorStatusError);
    expect(first.calls()).toBe(2);
    const second = attempts(status(503));
    await expect(withRetries(second.attempt, options({ budget }))).rejects.toBeInstanceOf(VendorStatusError);
    expect(second.calls()).toBe(1);
  });

  it('does not retry without time to spare, nor after the deadline', async () => {
    const late = attempts(status(503));
    await expect(withRetries(late.attempt, options({ timeoutMs: 50 }))).rejects.toBeInstanceOf(VendorStatusError);
    expect(late.calls()).toBe(1);

    const deadline = new AbortController();
    deadline.abort();
    const cut = attempts(status(503));
    await expect(withRetries(cut.attempt, options({ deadline: deadline.signal }))).rejects.toBeInstanceOf(
      VendorStatusError,
    );
    expect(cut.calls()).toBe(1);
  });
});
