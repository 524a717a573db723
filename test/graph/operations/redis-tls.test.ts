// Redis over TLS with a private CA (REDIS_URL=rediss://…, REDIS_TLS_CA_FILE), through the same
// settings an operator sets: a redis-server of this file's own that speaks TLS only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type RedisConnection } from '../../../src/config.js';
import { startOwnRedisTls, type OwnRedisTls } from '../../support/own-redis.js';
import { expectOneZenCallPerWindow, readyStatus, startFleet, type Fleet } from '../../support/redis-topology.js';

let redis: OwnRedisTls;
const fleets: Fleet[] = [];

beforeAll(async () => {
  redis = await startOwnRedisTls();
}, 30_000);

afterAll(async () => {
  await Promise.all(fleets.map((fleet) => fleet.stop()));
  await redis?.stop();
});

const connectionFor = (env: Record<string, string>): RedisConnection => {
  const { redis: connection } = loadConfig(env);
  if (!connection) throw new Error('no Redis in the config');
  return connection;
};

describe('Redis over TLS with a private CA', () => {
  it('connects with REDIS_TLS_CA_FILE: /ready 200, and Zen’s window shared over it', async () => {
    const fleet = await startFleet(connectionFor({ REDIS_URL: redis.url, REDIS_TLS_CA_FILE: redis.caFile }));
    fleets.push(fleet);
    expect(await readyStatus(fleet.a)).toBe(200);
    await expectOneZenCallPerWindow(fleet);
  });

  it('without the CA the certificate is refused: /ready answers 503', async () => {
    // The fleet starts (the store is not on the start's path) but cannot be ready.
    const fleet = await startFleet(connectionFor({ REDIS_URL: redis.url }));
    fleets.push(fleet);
    expect(await readyStatus(fleet.a)).toBe(503);
  });
});
