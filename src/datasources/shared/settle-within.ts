// A bounded wait for a store command: the caller goes on when the bound passes, the command stays
// in flight. Hand-written (a dozen lines) because p-timeout and AbortSignal.timeout would give up
// in the timers phase even when the answer already sits in the socket: here the bound yields to
// one poll phase first (setImmediate), so a store that did answer in time is heard, however busy
// the event loop was.

export type Settled<T> = { settled: true; value: T } | { settled: false };

/** `command`'s value if it resolves within `ms`; `{ settled: false }` otherwise. Rejections pass through. */
export function settleWithin<T>(command: Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => setImmediate(() => resolve({ settled: false })), Math.max(0, ms));
  });
  const answered = command.then((value): Settled<T> => ({ settled: true, value }));
  return Promise.race([answered, bound]).finally(() => clearTimeout(timer));
}
