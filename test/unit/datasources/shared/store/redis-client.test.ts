// Where the shared Redis is, as log lines and errors name it: hosts and ports, never a password.
import { describe, expect, it } from 'vitest';
import { describeRedis } from '../../../../../src/datasources/shared/store/index.js';

describe('describeRedis', () => {
  it('names each topology by the setting that configures it, without credentials', () => {
    const secret = { username: 'lead-graph', password: 'hunter2-secret', sentinelPassword: 'other-secret' };
    const described = [
      describeRedis({ mode: 'standalone', url: 'rediss://user:hunter2-secret@redis.internal:6380' }),
      describeRedis({ mode: 'sentinel', sentinels: [{ host: 's0', port: 26379 }], name: 'leads', ...secret }),
      describeRedis({
        mode: 'cluster',
        nodes: [
          { host: 'n0', port: 6379 },
          { host: 'n1', port: 6379 },
        ],
        ...secret,
      }),
    ];
    expect(described).toEqual([
      "REDIS_URL's host redis.internal:6380",
      'the primary "leads" of REDIS_SENTINELS s0:26379',
      'the cluster at REDIS_CLUSTER_NODES n0:6379, n1:6379',
    ]);
    expect(described.join()).not.toMatch(/hunter2|other-secret|lead-graph/);
  });
});
