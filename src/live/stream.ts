// Values pushed by a feed, read by graphql-ws as an async iterator. Hand-written (40 lines)
// rather than events.on(): this one is typed, bounded, and ends its source when the client leaves.
import { GraphQLError } from 'graphql';

/**
 * Events one subscription may have waiting for its client. graphql-ws sends the next one only when
 * the socket took the last, so a client that stops reading makes them wait here.
 */
export const MAX_QUEUED_EVENTS = 1_000;

/**
 * An async iterator over what `start` pushes. `start` runs at once and returns its stop, which
 * runs exactly once: when the consumer returns (the client unsubscribed or went away) or throws,
 * or when more than `maxQueued` events wait: the subscription then ends with OVERLOADED (the
 * client is told, and may subscribe again) rather than hold ever more of them.
 */
export function stream<T>(
  start: (push: (value: T) => void) => () => void,
  maxQueued: number = MAX_QUEUED_EVENTS,
): AsyncIterableIterator<T> {
  const queue: T[] = [];
  let waiting: ((result: IteratorResult<T>) => void) | undefined;
  let done = false;
  let overflow: GraphQLError | undefined;
  const stop = start((value) => {
    if (done) return;
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve({ value, done: false });
    } else if (queue.length < maxQueued) queue.push(value);
    else {
      overflow = new GraphQLError(
        `More than ${maxQueued} events waited for this client to read them: the subscription ended; subscribe again`,
        { extensions: { code: 'OVERLOADED', limit: 'queued events' } },
      );
      void finish();
    }
  });
  function finish(): Promise<IteratorResult<T>> {
    if (!done) {
      done = true;
      queue.length = 0;
      stop();
      waiting?.({ value: undefined, done: true });
      waiting = undefined;
    }
    return Promise.resolve({ value: undefined, done: true });
  }
  return {
    next: () => {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift() as T, done: false });
      if (overflow) {
        const error = overflow;
        overflow = undefined;
        return Promise.reject(error);
      }
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
