// The live bus on a Redis of this test's own: a SUBSCRIBE refused while Redis is down is sent again
// once it is back, and ready() says which of the two it is.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RedisBus } from '../../../src/live/bus.js';
import { createLogger } from '../../../src/logger.js';
import { startOwnRedis, type OwnRedis } from '../../support/own-redis.js';

let redis: OwnRedis;

beforeAll(async () => {
  redis = await startOwnRedis();
});

afterAll(async () => {
  await redis?.kill();
});

describe('RedisBus', () => {
  it('subscribes again after a refusal: not ready while Redis is down, then delivers once it is back', async () => {
    const connection = { mode: 'standalone' as const, url: redis.url };
    const publisher = new RedisBus(connection, 'bus-test:', createLogger('silent'));
    expect(await publisher.ready()).toBe(true);
    await redis.kill();
    const subscriber = new RedisBus(connection, 'bus-test:', createLogger('silent'));
    try {
      const received: string[] = [];
      subscriber.subscribe('lead:x', (message) => received.push(message));
      expect(await subscriber.ready()).toBe(false);

      await redis.restartEmpty();
      await vi.waitFor(async () => expect(await subscriber.ready()).toBe(true), { timeout: 10_000, interval: 250 });
      await publisher.publish('lead:x', 'changed');
      await vi.waitFor(() => expect(received).toEqual(['changed']));
    } finally {
      await Promise.all([publisher.close(), subscriber.close()]);
    }
  });
});
