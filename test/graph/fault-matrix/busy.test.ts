// The fault matrix's "busy" cells (issue 20): each vendor's busy business code, inside an HTTP
// 200, is a failure like a 503. Through real operations against the simulators: every client
// sees UPSTREAM_ERROR with the vendor's code, reads are retried with backoff within the retry
// budget, the circuit opens so that calls stop reaching the vendor, a write is never retried,
// and everything answers again once the fault clears. Every test gets a server of its own;
// time moves by the clock only (Date is faked, so cockatiel's breakers move with it).
import type { GraphQLFormattedError } from 'graphql';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RESILIENCE } from '../../../src/config.js';
import type { Vendor } from '../../../src/model/models.js';
import type { SimResponse, SimulatorServer } from '../../../src/simulators/server.js';
import { startTestGraph, type TestGraph } from '../../support/graph.js';
import { leanCoreId } from '../../support/lead-ids.js';

const NOW = Date.parse('2026-11-23T15:00:00Z');
const MINUTE = 60_000;
/** Concurrent operations per wave: enough failures to open a circuit (cockatiel's minimum is 5). */
const CLIENTS = 5;
/** Retries a vendor gets in a window however few calls were made (src/datasources/shared/retry-budget.ts). */
const MIN_RETRIES = 3;

type Field = 'leancore' | 'beschannels' | 'crmcom';
const FIELDS: readonly Field[] = ['leancore', 'beschannels', 'crmcom'];
const READ = `query Busy($lc: ID!, $bes: ID!, $crm: ID!) {
  leancore: lead(id: $lc) { id fullName }
  beschannels: lead(id: $bes) { id fullName }
  crmcom: lead(id: $crm) { id fullName }
}`;
const VARIABLES = {
  lc: leanCoreId('fd3705e1-3149-4c41-bfe7-cf0bee79cfad', '573136434030'),
  bes: 'beschannels:5880',
  crm: 'crmcom:4C1B2A9E8F7D4E6A9B0C1D2E3F405162',
};
const CIRCUITS = `{ vendors { vendor circuits { family state } lastError { code message } } }`;

interface VendorUnderTest {
  vendor: Vendor;
  field: Field;
  sim: (t: TestGraph) => SimulatorServer;
  /** The vendor's busy answer, as its simulator gives it. */
  busy: (t: TestGraph) => SimResponse;
  busyCode: string | number;
  /** The path its lead reads go to. */
  readPath: string;
  /** A write of this vendor, and the path it goes to; CRM.COM takes none here. */
  write?: { mutation: string; path: string };
}

const VENDORS: readonly VendorUnderTest[] = [
  {
    vendor: 'LEANCORE',
    field: 'leancore',
    sim: (t) => t.sims.leancore,
    busy: (t) => t.sims.leancore.busyIn200(),
    busyCode: 'E_BUSY',
    readPath: '/lead',
    write: {
      mutation: `mutation { assignLeadToFinancialEntity(leadId: "${VARIABLES.lc}",
        financialEntityId: "8d0f1c52-7a4e-4f7e-9a51-2f4a3c9b1e10") { id } }`,
      path: '/assign-lead-to-financial-entity',
    },
  },
  {
    vendor: 'BESCHANNELS',
    field: 'beschannels',
    sim: (t) => t.sims.beschannels,
    busy: (t) => t.sims.beschannels.busyIn200(),
    busyCode: 50001,
    readPath: '/leads-details',
    write: {
      mutation: `mutation { addLeadRemark(leadId: "${VARIABLES.bes}", content: "Called back") { id } }`,
      path: '/add-remarks',
    },
  },
  {
    vendor: 'CRMCOM',
    field: 'crmcom',
    sim: (t) => t.sims.crmcom,
    busy: (t) => t.sims.crmcom.busyIn200(),
    busyCode: 'GENERAL_ERROR',
    readPath: '/leads/show',
  },
];

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}
interface VendorsAnswer {
  vendors: { vendor: Vendor; circuits: { family: string; state: string }[]; lastError: { code: string } | null }[];
}

let t: TestGraph;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
  // A generous bound on each call: a retry goes only with time to spare, and a loaded machine must not lose it.
  t = await startTestGraph({ timeoutMs: 10_000 });
});

afterEach(async () => {
  await t.stop();
  vi.useRealTimers();
});

const advance = (ms: number) => vi.setSystemTime(Date.now() + ms);
const wave = (): Promise<Answer[]> => Promise.all(Array.from({ length: CLIENTS }, () => t.execute(READ, VARIABLES)));
const callsTo = (v: VendorUnderTest, path: string) => v.sim(t).requestsTo(path).length;

async function circuitsOf(vendor: Vendor) {
  const answer = await t.execute<VendorsAnswer>(CIRCUITS);
  return answer.data?.vendors.find((info) => info.vendor === vendor);
}

/** Every field answered (tokens issued, one success in each circuit). */
async function expectAllAnswer(): Promise<void> {
  const answer: Answer = await t.execute(READ, VARIABLES);
  expect((answer.errors ?? []).map((e) => [e.path, e.extensions?.['code'], e.message])).toEqual([]);
  for (const field of FIELDS) expect(answer.data?.[field]).not.toBeNull();
}

describe.each(VENDORS)('$vendor busy in an HTTP 200', (v) => {
  it('is retried within the budget, opens the circuit, stops the calls, and recovers', async () => {
    await expectAllAnswer();
    // A new retry-budget window: only this wave's calls count.
    advance(MINUTE);
    for (const other of VENDORS) other.sim(t).resetRequests();

    v.sim(t).inject({ path: v.readPath, response: v.busy(t) });
    const answers = await wave();
    for (const answer of answers) {
      for (const field of FIELDS.filter((f) => f !== v.field)) expect(answer.data?.[field]).not.toBeNull();
      expect(answer.data?.[v.field]).toBeNull();
      expect(answer.errors?.map((e) => [e.path, e.extensions?.['code'], e.extensions?.['vendor']])).toEqual([
        [[v.field], 'UPSTREAM_ERROR', v.vendor],
      ]);
      expect(answer.errors?.[0]?.extensions?.['vendorCode']).toBe(v.busyCode);
    }
    // Counted at the simulator: one call per client, and retries (with backoff) within the budget.
    const calls = callsTo(v, v.readPath);
    expect(calls).toBeGreaterThan(CLIENTS);
    expect(calls).toBeLessThanOrEqual(CLIENTS + MIN_RETRIES);

    // The busy answers opened the reads circuit: the next clients are refused without a call.
    const status = await circuitsOf(v.vendor);
    expect(status?.circuits).toContainEqual({ family: 'reads', state: 'OPEN' });
    expect(status?.lastError?.code).toBe('UPSTREAM_ERROR');
    v.sim(t).resetRequests();
    for (const answer of await wave()) {
      expect(answer.errors?.map((e) => [e.path, e.extensions?.['code']])).toEqual([
        [[v.field], 'UPSTREAM_UNAVAILABLE'],
      ]);
    }
    expect(callsTo(v, v.readPath)).toBe(0);

    // Recovery: the fault clears and the circuit's wait passes; one probe closes it.
    v.sim(t).clearFaults();
    advance(DEFAULT_RESILIENCE.circuitOpenMs + 1_000);
    await expectAllAnswer();
    expect((await circuitsOf(v.vendor))?.circuits).toContainEqual({ family: 'reads', state: 'CLOSED' });
  });

  it('stays a failure while the vendor stays busy: the probe fails and the circuit opens again', async () => {
    await expectAllAnswer();
    v.sim(t).inject({ path: v.readPath, response: v.busy(t) });
    await wave();
    expect((await circuitsOf(v.vendor))?.circuits).toContainEqual({ family: 'reads', state: 'OPEN' });

    advance(DEFAULT_RESILIENCE.circuitOpenMs + 1_000);
    v.sim(t).resetRequests();
    const probe: Answer = await t.execute(READ, VARIABLES);
    expect(probe.errors?.map((e) => e.extensions?.['code'])).toEqual(['UPSTREAM_ERROR']);
    // The probe is one call, retried at most within the budget; then the circuit is open again.
    expect(callsTo(v, v.readPath)).toBeGreaterThanOrEqual(1);
    expect(callsTo(v, v.readPath)).toBeLessThanOrEqual(1 + MIN_RETRIES);
    expect((await circuitsOf(v.vendor))?.circuits).toContainEqual({ family: 'reads', state: 'OPEN' });
  });
});

describe.each(VENDORS.flatMap((v) => (v.write ? [{ ...v, write: v.write }] : [])))(
  '$vendor write answered busy',
  (v) => {
    const write = v.write;
    it('fails once, never retried and never "outcome unknown"', async () => {
      await expectAllAnswer();
      v.sim(t).resetRequests();
      v.sim(t).inject({ path: write.path, response: v.busy(t) });
      const answer: Answer = await t.execute(write.mutation);
      expect(answer.errors?.map((e) => [e.extensions?.['code'], e.extensions?.['vendorCode']])).toEqual([
        ['UPSTREAM_ERROR', v.busyCode],
      ]);
      expect(callsTo(v, write.path)).toBe(1);
    });
  },
);

describe('a busy token issue', () => {
  it.each([
    { vendor: 'BESCHANNELS' as const, path: '/get-access-token' },
    { vendor: 'CRMCOM' as const, path: '/authentication/token' },
  ])('$vendor: counted by the token circuit, not retried at once', async ({ vendor, path }) => {
    const v = VENDORS.find((candidate) => candidate.vendor === vendor)!;
    v.sim(t).inject({ path, response: v.busy(t) });
    for (let attempt = 0; attempt < 3; attempt++) {
      const answer: Answer = await t.execute(READ, VARIABLES);
      expect(answer.errors?.map((e) => [e.path, e.extensions?.['code']])).toEqual([[[v.field], 'UPSTREAM_ERROR']]);
    }
    expect(callsTo(v, path)).toBe(3);
    // Three failed issues in a row open the token circuit: the next read does not ask again.
    const refused: Answer = await t.execute(READ, VARIABLES);
    expect(refused.errors?.map((e) => e.extensions?.['code'])).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(callsTo(v, path)).toBe(3);
    expect(callsTo(v, v.readPath)).toBe(0);
  });
});
