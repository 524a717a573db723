// `npm run bench`: figures for typical operations against the in-process vendor simulators
// (loopback HTTP, so vendor latency here is near zero: the numbers show this server's own cost).
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { startTestGraph, type TestGraph } from '../test/support/graph.js';

const IDS = [
  'leancore:fd3705e1-3149-4c41-bfe7-cf0bee79cfad:573136434030',
  'leancore:2b7c9e41-0d3a-4f65-8c21-9e7d5a3b1c40:573001234567',
  'leancore:7f3d2a10-5b6c-4d8e-9f01-a2b3c4d5e6f7:525512345678',
];

let t: TestGraph;
beforeAll(async () => {
  t = await startTestGraph({ timeoutMs: 5_000 });
});
afterAll(async () => {
  await t.stop();
});

async function run(query: string, variables?: Record<string, unknown>): Promise<void> {
  const result = await t.execute(query, variables);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
}

describe('operations', () => {
  bench('lead(id:) — one vendor call', () =>
    run(`query($id: ID!) { lead(id: $id) { id fullName phone } }`, { id: IDS[0] }),
  );

  bench('leads(ids:) — 30 ids, 3 distinct phones, batched', () =>
    run(`query($ids: [ID!]!) { leads(ids: $ids) { id fullName } }`, {
      ids: Array.from({ length: 30 }, (_, i) => IDS[i % 3]),
    }),
  );

  bench('_entities — 100 representations', () =>
    run(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Lead { id email } } }`, {
      r: Array.from({ length: 100 }, (_, i) => ({ __typename: 'Lead', id: IDS[i % 3] })),
    }),
  );

  bench('searchLeads(phone:) — every vendor', () =>
    run(`{ searchLeads(phone: "313 643 4030") { leads { id vendor } outcomes { vendor status durationMs } } }`),
  );
});
