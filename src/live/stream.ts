// Values pushed by a feed, read by graphql-ws as an async iterator. Hand-written (30 lines)
// rather than events.on(): this one is typed, and ends its source when the client leaves.

/**
 * An async iterator over what `start` pushes. `start` runs at once and returns its stop, which
 * runs exactly once: when the consumer returns (the client unsubscribed or went away) or throws.
 */
export function stream<T>(start: (push: (value: T) => void) => () => void): AsyncIterableIterator<T> {
  const queue: T[] = [];
  let waiting: ((result: IteratorResult<T>) => void) | undefined;
  let done = false;
  const stop = start((value) => {
    if (done) return;
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve({ value, done: false });
    } else queue.push(value);
  });
  const finish = (): Promise<IteratorResult<T>> => {
    if (!done) {
      done = true;
      queue.length = 0;
      stop();
      waiting?.({ value: undefined, done: true });
      waiting = undefined;
    }
    return Promise.resolve({ value: undefined, done: true });
  };
  return {
    next: () => {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift() as T, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => (waiting = resolve));
    },
    return: finish,
    throw: finish,
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
