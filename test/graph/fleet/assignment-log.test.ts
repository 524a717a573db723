// The assignment log (FinancialEntity.assignedLeads) in the shared store (issue 24 point 6): two
// server instances on one Redis agree on it, a restarted instance still has it, and with Redis
// gone the field fails naming Redis instead of answering a partial list. Over HTTP, against the
// simulators, on a redis-server of this file's own.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../../src/config.js';
import { startSimulators, type EmbeddedVendors } from '../../../src/simulators/index.js';
import { startTestGraph, type TestGraph } from '../../support/graph.js';
import { serveHttp, type GraphQLBody, type HttpTestServer } from '../../support/http.js';
import { canonicalLeanCoreId } from '../../support/lead-ids.js';
import { startOwnRedis, type OwnRedis } from '../../support/own-redis.js';

const VALENTINA = 'leancore:fd3705e1-3149-4c41-bfe7-cf0bee79cfad:573136434030';
/** A financial entity the LeanCore simulator knows (ecosystem "andino"). */
const CREDITO_AGIL = '8d0f1c52-7a4e-4f7e-9a51-2f4a3c9b1e10';

const ASSIGN = `mutation($leadId: ID!, $fe: ID!) {
  assignLeadToFinancialEntity(leadId: $leadId, financialEntityId: $fe) { id financialEntity { id } }
}`;
const ASSIGNED = `query($reps: [_Any!]!) {
  _entities(representations: $reps) { ... on FinancialEntity { id ecosystem assignedLeads { id } } }
}`;

interface Replica {
  t: TestGraph;
  http: HttpTestServer;
}

let sims: EmbeddedVendors;
let redis: OwnRedis;
const prefix = `lead-graph-test:${randomUUID()}:`;
const running: Replica[] = [];

beforeAll(async () => {
  sims = await startSimulators();
  redis = await startOwnRedis();
});

afterAll(async () => {
  for (const replica of running.splice(0)) await stop(replica);
  await sims.close();
  await redis.kill();
});

async function start(): Promise<Replica> {
  const onRedis = (config: Config): Config => ({ ...config, redisUrl: redis.url, redisKeyPrefix: prefix });
  const t = await startTestGraph({ sims, configure: onRedis });
  const replica = { t, http: await serveHttp(t) };
  running.push(replica);
  return replica;
}

async function stop(replica: Replica): Promise<void> {
  running.splice(running.indexOf(replica), 1);
  await replica.http.close();
  await replica.t.stop();
}

const assignedTo = async (replica: Replica, entity: string): Promise<GraphQLBody> =>
  (await replica.http.post({ query: ASSIGNED, variables: { reps: [{ __typename: 'FinancialEntity', id: entity }] } }))
    .json;

describe('the assignment log in Redis', () => {
  it('is the same on two instances, survives a restart, and names Redis when it is gone', async () => {
    const entity = CREDITO_AGIL; // this file's Redis prefix is its own: the list starts empty
    const a = await start();
    const b = await start();

    const assigned = await a.http.post({ query: ASSIGN, variables: { leadId: VALENTINA, fe: entity } });
    expect(assigned.json.errors, JSON.stringify(assigned.json.errors)).toBeUndefined();

    // B never saw the assignment, yet lists it (and the ecosystem LeanCore gave it).
    const expected = {
      _entities: [{ id: entity, ecosystem: 'andino', assignedLeads: [{ id: canonicalLeanCoreId(VALENTINA) }] }],
    };
    expect((await assignedTo(b, entity)).data).toEqual(expected);
    expect((await assignedTo(a, entity)).data).toEqual(expected);

    // A restarted: a new process-wide state, the same list.
    await stop(a);
    const restarted = await start();
    expect((await assignedTo(restarted, entity)).data).toEqual(expected);

    // Another entity's list is its own.
    expect((await assignedTo(b, `fe-${randomUUID()}`)).data).toEqual({
      _entities: [{ id: expect.any(String) as unknown, ecosystem: null, assignedLeads: [] }],
    });

    // Redis gone: no partial list from memory, but the store named as the cause.
    await redis.kill();
    const refused = await assignedTo(b, entity);
    const error = refused.errors?.find((e) => e.extensions?.['code'] === 'STORE_UNAVAILABLE');
    expect(error?.extensions).toMatchObject({ cause: 'SHARED_STORE_UNREACHABLE' });
    expect(error?.message).toContain(`Redis at ${new URL(redis.url).host}`);
  });
});
