// The fault matrix of issue 12: each fault × each vendor, through real operations against the
// simulators. For each cell: the codes clients see, the failure confined to that vendor's field,
// the vendor calls counted at the simulator (no amplification past the retry budget), one token
// issue per token expiry, recovery once the fault clears. Every cell gets a server of its own
// (no circuit, hold or token carried over); time moves by the clock only (Date is faked, so
// cockatiel's breakers, holds, Zen's budget and the simulators' token lifetimes move with it).
import type { GraphQLFormattedError } from 'graphql';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Vendor } from '../../../src/model/models.js';
import type { SimulatorServer } from '../../../src/simulators/server.js';
import { startTestGraph, type TestGraph } from '../../support/graph.js';
import { leanCoreId } from '../../support/lead-ids.js';

const NOON_SAO_PAULO = Date.parse('2026-11-23T15:00:00Z');
const TODAY = '2026-11-23';
const MINUTE = 60_000;
/** Concurrent operations per wave. */
const CLIENTS = 5;
/** Retries a vendor gets in a window however few calls were made (src/datasources/shared/retry-budget.ts). */
const MIN_RETRIES = 3;

const MATRIX = `query Matrix($lc: ID!, $bes: ID!, $crm: ID!, $date: Date!) {
  leancore: lead(id: $lc) { id fullName }
  beschannels: lead(id: $bes) { id fullName }
  crmcom: lead(id: $crm) { id fullName }
  zen: distributionTotals(date: $date) { date }
}`;
const VARIABLES = {
  lc: leanCoreId('fd3705e1-3149-4c41-bfe7-cf0bee79cfad', '573136434030'),
  bes: 'beschannels:5880',
  crm: 'crmcom:4C1B2A9E8F7D4E6A9B0C1D2E3F405162',
  date: TODAY,
};
type Field = 'leancore' | 'beschannels' | 'crmcom' | 'zen';
const FIELDS: readonly Field[] = ['leancore', 'beschannels', 'crmcom', 'zen'];

interface VendorUnderTest {
  vendor: Vendor;
  field: Field;
  sim: (t: TestGraph) => SimulatorServer;
  /** Where access tokens are issued (vendors whose tokens expire), and how the simulator expires them. */
  tokens?: { path: string; expire: (t: TestGraph) => void };
  /** Reads are retried (within the budget); Zen's never are. */
  retried: boolean;
}

const VENDORS: readonly VendorUnderTest[] = [
  { vendor: 'LEANCORE', field: 'leancore', sim: (t) => t.sims.leancore, retried: true },
  {
    vendor: 'BESCHANNELS',
    field: 'beschannels',
    sim: (t) => t.sims.beschannels,
    tokens: { path: '/get-access-token', expire: (t) => t.sims.beschannels.expireTokens() },
    retried: true,
  },
  {
    vendor: 'CRMCOM',
    field: 'crmcom',
    sim: (t) => t.sims.crmcom,
    tokens: { path: '/authentication/token', expire: (t) => t.sims.crmcom.expireTokens() },
    retried: true,
  },
  { vendor: 'ZEN', field: 'zen', sim: (t) => t.sims.zen, retried: false },
];

interface Fault {
  name: string;
  apply: (t: TestGraph, v: VendorUnderTest) => void;
  /** The code every client sees on the vendor's field; undefined: the fault is absorbed (no error). */
  code: (v: VendorUnderTest) => string | undefined;
  /** Whether a failed read may be retried (then within the retry budget). */
  retriable: boolean;
}

const inject = (t: TestGraph, v: VendorUnderTest, response: Parameters<SimulatorServer['inject']>[0]) =>
  v.sim(t).inject({ ...response, ...(v.tokens ? { path: dataPathOf(v) } : {}) });

/** Faults go to the data calls only, so that a token issue cannot take them. */
function dataPathOf(v: VendorUnderTest): string {
  return v.vendor === 'BESCHANNELS' ? '/leads-details' : '/leads/show';
}

const FAULTS: readonly Fault[] = [
  {
    name: 'slow (slower than its timeout)',
    apply: (t, v) => inject(t, v, { delayMs: 5_000 }),
    code: () => 'UPSTREAM_TIMEOUT',
    retriable: false,
  },
  { name: 'hung', apply: (t, v) => inject(t, v, { hang: true }), code: () => 'UPSTREAM_TIMEOUT', retriable: false },
  {
    name: '5xx',
    apply: (t, v) => inject(t, v, { response: { status: 503, json: { error: 'maintenance' } } }),
    code: () => 'UPSTREAM_ERROR',
    retriable: true,
  },
  {
    name: 'garbage',
    apply: (t, v) => inject(t, v, { response: { status: 200, text: '<html><body>Bad gateway</body></html>' } }),
    code: () => 'UPSTREAM_ERROR',
    retriable: false,
  },
  {
    name: '429 with Retry-After in seconds',
    apply: (t, v) =>
      inject(t, v, { response: { status: 429, json: { error: 'slow down' }, headers: { 'retry-after': '60' } } }),
    code: rateLimitedUnlessCached,
    retriable: false,
  },
  {
    name: '429 with Retry-After as an HTTP date',
    apply: (t, v) =>
      inject(t, v, {
        response: {
          status: 429,
          json: { error: 'slow down' },
          headers: { 'retry-after': new Date(Date.now() + 60_000).toUTCString() },
        },
      }),
    code: rateLimitedUnlessCached,
    retriable: false,
  },
  {
    name: 'token expiry',
    // Vendors with issued tokens: they all expire at once. The others have one static token: it is refused.
    apply: (t, v) =>
      v.tokens ? v.tokens.expire(t) : inject(t, v, { response: { status: 401, json: { error: 'token expired' } } }),
    code: (v) => (v.tokens ? undefined : 'UPSTREAM_UNAUTHORIZED'),
    retriable: false,
  },
  {
    name: 'error body in an HTTP 200',
    apply: (t, v) => inject(t, v, { response: v.sim(t).errorIn200('Sistema temporalmente indisponible') }),
    code: () => 'UPSTREAM_ERROR',
    retriable: false,
  },
];

/** Zen serves its last answer (stale) while it may not be asked; the others say RATE_LIMITED. */
function rateLimitedUnlessCached(v: VendorUnderTest): string | undefined {
  return v.vendor === 'ZEN' ? undefined : 'RATE_LIMITED';
}

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}

let t: TestGraph;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOON_SAO_PAULO });
  // Vendor calls are bounded at 1.5 s: short for the hung and slow cells, long enough for a loaded CI machine.
  t = await startTestGraph({ timeoutMs: 1_500 });
});

afterEach(async () => {
  await t.stop();
  vi.useRealTimers();
});

const advance = (ms: number) => vi.setSystemTime(Date.now() + ms);
const wave = (): Promise<Answer[]> =>
  Promise.all(Array.from({ length: CLIENTS }, () => t.execute<Record<string, unknown>>(MATRIX, VARIABLES)));
/** Calls the vendor's simulator received, token issues apart. */
const dataCalls = (v: VendorUnderTest) =>
  v.sim(t).requests.filter((r) => !v.tokens || !r.path.endsWith(v.tokens.path)).length;

/** Every field answered; the tokens are issued and Zen's budget is spent on today. */
async function expectAllAnswer(): Promise<void> {
  const answer: Answer = await t.execute(MATRIX, VARIABLES);
  expect((answer.errors ?? []).map((e) => [e.path, e.extensions?.['code'], e.message])).toEqual([]);
  for (const field of FIELDS) expect(answer.data?.[field]).not.toBeNull();
}

describe.each(VENDORS)('$vendor', (v) => {
  it.each(FAULTS)('$name', async (fault) => {
    await expectAllAnswer();
    // A new Zen window, so that Zen is asked again (the others keep serving its cached answer).
    advance(6 * MINUTE);
    for (const other of VENDORS) other.sim(t).resetRequests();

    fault.apply(t, v);
    const answers = await wave();

    const code = fault.code(v);
    for (const answer of answers) {
      // Confined: every other vendor's field answers.
      for (const field of FIELDS.filter((f) => f !== v.field)) expect(answer.data?.[field]).not.toBeNull();
      if (code === undefined) {
        expect((answer.errors ?? []).map((e) => [e.path, e.extensions?.['code'], e.message])).toEqual([]);
        expect(answer.data?.[v.field]).not.toBeNull();
      } else {
        expect(answer.data?.[v.field]).toBeNull();
        expect(answer.errors?.map((e) => [e.path, e.extensions?.['code'], e.extensions?.['vendor']])).toEqual([
          [[v.field], code, v.vendor],
        ]);
      }
    }
    // Counted at the simulator: one call per client (one in all for Zen's single flight), plus
    // retries of reads within the budget, plus one replay per call its expired token refused.
    const calls = dataCalls(v);
    const firstAttempts = v.vendor === 'ZEN' ? 1 : CLIENTS;
    const tokenExpired = fault.name === 'token expiry' && v.tokens !== undefined;
    expect(calls).toBeGreaterThanOrEqual(firstAttempts);
    expect(calls).toBeLessThanOrEqual(
      firstAttempts + (fault.retriable && v.retried ? MIN_RETRIES : 0) + (tokenExpired ? CLIENTS : 0),
    );
    if (v.tokens) {
      // Token expiry: one new token for all the clients; no other fault asks for one.
      expect(v.sim(t).requestsTo(v.tokens.path)).toHaveLength(tokenExpired ? 1 : 0);
    }

    if (fault.code === rateLimitedUnlessCached) {
      // The vendor asked for 60 s: until then no call goes out, every client is told at once.
      v.sim(t).resetRequests();
      advance(30_000);
      for (const answer of await wave()) {
        if (code === undefined) {
          expect(answer.data?.[v.field]).toMatchObject({ date: TODAY });
          continue;
        }
        expect(answer.errors?.map((e) => e.extensions?.['code'])).toEqual(['RATE_LIMITED']);
        const retryAfter = answer.errors?.[0]?.extensions?.['retryAfterSeconds'] as number;
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(30);
      }
      expect(dataCalls(v)).toBe(0);
    }

    // Recovery: the fault clears, its waits pass (Retry-After, an open circuit, Zen's window).
    v.sim(t).clearFaults();
    advance(6 * MINUTE);
    await expectAllAnswer();
  });
});
