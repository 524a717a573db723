import { describe, expect, it } from 'vitest';
import { stream } from '../../../src/live/stream.js';

/** A stream over a source the test pushes into, counting how often it is stopped. */
function fed(maxQueued?: number) {
  // `stream` runs its start at once, so `pushed` is set before anyone calls push.
  let pushed: (value: number) => void = () => {};
  let stops = 0;
  const events = stream<number>((push) => {
    pushed = push;
    return () => stops++;
  }, maxQueued);
  return { events, push: (value: number) => pushed(value), stops: () => stops };
}

describe('stream', () => {
  it('hands over what was pushed, in order, and stops its source once when the consumer leaves', async () => {
    const { events, push, stops } = fed();
    push(1);
    push(2);
    expect(await events.next()).toEqual({ value: 1, done: false });
    expect(await events.next()).toEqual({ value: 2, done: false });
    const third = events.next();
    push(3);
    expect(await third).toEqual({ value: 3, done: false });
    await events.return!();
    await events.return!();
    expect(stops()).toBe(1);
    expect(await events.next()).toEqual({ value: undefined, done: true });
  });

  it('a consumer that stops reading: past the bound the source stops and the stream ends with OVERLOADED', async () => {
    const { events, push, stops } = fed(3);
    for (let i = 0; i < 10; i++) push(i);
    expect(stops()).toBe(1);
    await expect(events.next()).rejects.toMatchObject({ extensions: { code: 'OVERLOADED' } });
    expect(await events.next()).toEqual({ value: undefined, done: true });
  });
});
