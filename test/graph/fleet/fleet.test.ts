// The fleet (issue 24 point 7): 3 replicas as real processes (the server's entry point), a
// redis-server of the test's own and the vendor simulators in their own process, with load spread
// across the replicas for 30 s (about 20 requests per second) while faults are injected:
//   t≈4 s   LeanCore answers one 429 with Retry-After: 4 (a hold every replica must respect);
//   t≈10 s  one replica is SIGKILLed, and a new one started in its place;
//   t≈16 s  every BesChannels and CRM.COM token expires;
//   t≈22 s  Redis is killed and restarted empty.
// Then: Zen got at most one call per window across all replicas; each replica issued at most one
// token per expiry; no vendor call went out during the hold; an idempotent write sent to every
// replica was done once; no request ran past its deadline; every write acknowledged is at the vendor.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDateIn } from '../../../src/datasources/zen/dates.js';
import type { LoggedCall } from '../../support/fleet-simulators.js';
import { startOwnRedis, type OwnRedis } from '../../support/own-redis.js';
import { readyUrl, useProcesses, type RunningProcess } from '../../support/process.js';

const LOAD_MS = 30_000;
const REQUESTS_PER_SECOND = 20;
const REQUEST_TIMEOUT_MS = 4_000;
/** What a request may take past its deadline: the answer's own way back on a busy 2-core machine. */
const DEADLINE_SLACK_MS = 3_000;
const HOLD_SECONDS = 4;
/** Another replica sees a hold within about a second (its background read of the holds). */
const HOLD_SEEN_WITHIN_MS = 1_500;
const ZEN_WINDOW_MS = 5 * 60_000;
const VALENTINA = 'leancore:fd3705e1-3149-4c41-bfe7-cf0bee79cfad:573136434030';

const ADD_REMARK = `mutation($leadId: ID!, $content: String!, $key: String) {
  addLeadRemark(leadId: $leadId, content: $content, idempotencyKey: $key) { id content }
}`;
const CREATE_LEAD = `mutation($input: CreateLeadInput!) { createLead(input: $input) { id } }`;

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

interface Replica {
  name: string;
  process: RunningProcess;
  url: string;
  alive: boolean;
}

interface Outcome {
  replica: string;
  kind: string;
  ms: number;
  /** HTTP answered (any status); false: the connection failed (a killed replica). */
  answered: boolean;
  codes: unknown[];
}

const run = useProcesses();
let redis: OwnRedis;
let sims: RunningProcess;
let simEnv: Record<string, string>;
let control: string;
const prefix = `lead-graph-fleet:${randomUUID()}:`;

const post = async (url: string, body: Record<string, unknown>): Promise<{ status: number; json: Body }> => {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, json: (await response.json()) as Body };
};

const controlCall = async <T>(path: string, body?: Record<string, unknown>): Promise<T> => {
  const response = await fetch(`${control}${path}`, {
    method: body ? 'POST' : 'GET',
    ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
  });
  return (await response.json()) as T;
};

async function startReplica(name: string): Promise<Replica> {
  const process = run(globalThis.process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    ...simEnv,
    NODE_ENV: 'production',
    LEAD_ID_KEY: 'a-fleet-test-lead-id-key-000000000001',
    AUTH_DISABLED: 'true',
    METRICS_PUBLIC: 'true',
    PORT: '0',
    LOG_LEVEL: 'info',
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: prefix,
    REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    SHUTDOWN_DELAY_MS: '0',
  });
  const url = await readyUrl(process);
  return { name, process, url, alive: true };
}

/** Token issues this replica's process counted, per vendor (its metrics). */
async function tokenIssues(replica: Replica): Promise<Record<string, number>> {
  const text = await (await fetch(`${replica.url}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const match of text.matchAll(/^leadgraph_vendor_token_refreshes_total\{vendor="(\w+)"\} (\d+)/gm)) {
    counts[match[1]!] = Number(match[2]);
  }
  return counts;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  redis = await startOwnRedis();
  sims = run(process.execPath, ['--import', 'tsx', 'test/support/fleet-simulators.ts'], {});
  await sims.waitFor(/# Ready\./);
  simEnv = Object.fromEntries(
    sims
      .output()
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  control = simEnv['CONTROL_URL']!;
  delete simEnv['CONTROL_URL'];
}, 30_000);

afterAll(async () => {
  await redis?.kill();
});

describe('a fleet of 3 replicas under load, with faults', () => {
  it('shares Zen’s window, holds and idempotency, keeps deadlines and loses no write', async () => {
    const started = performance.now();
    const replicas = await Promise.all(['a', 'b', 'c'].map(startReplica));
    const live = () => replicas.filter((r) => r.alive);

    // A BesChannels lead to write remarks on, and the key every replica will be sent.
    const created = await post(replicas[0]!.url, {
      query: CREATE_LEAD,
      variables: { input: { fullName: 'Flota de Prueba', phone: `+57310${String(Date.now()).slice(-7)}` } },
    });
    expect(created.json.errors).toBeUndefined();
    const besLead = (created.json.data!['createLead'] as { id: string }).id;
    const onceContent = `Una sola vez ${randomUUID()}`;
    const onceKey = randomUUID();
    const sendOnce = () =>
      Promise.all(
        live().map((r) =>
          post(r.url, { query: ADD_REMARK, variables: { leadId: besLead, content: onceContent, key: onceKey } }),
        ),
      );

    const today = isoDateIn('America/Sao_Paulo', Date.now());
    const kinds: { kind: string; body: () => Record<string, unknown> }[] = [
      { kind: 'leancore', body: () => ({ query: `{ lead(id: "${VALENTINA}") { id } }` }) },
      { kind: 'beschannels', body: () => ({ query: `{ lead(id: "${besLead}") { id fullName } }` }) },
      { kind: 'search', body: () => ({ query: `{ searchLeads(phone: "3136434030") { leads { id } } }` }) },
      { kind: 'zen', body: () => ({ query: `{ distributionTotals(date: "${today}") { date stale } }` }) },
      {
        kind: 'write',
        body: () => ({
          query: ADD_REMARK,
          variables: { leadId: besLead, content: `Nota ${randomUUID()}`, key: randomUUID() },
        }),
      },
    ];

    const outcomes: Outcome[] = [];
    /** Remarks each acknowledged write says it added. */
    const acknowledged: string[] = [];
    const inFlight = new Set<Promise<void>>();
    let turn = 0;
    const fire = () => {
      const targets = live();
      const replica = targets[turn % targets.length]!;
      const { kind, body } = kinds[turn % kinds.length]!;
      turn++;
      const payload = body();
      const begun = performance.now();
      const request = post(replica.url, payload).then(
        ({ json }) => {
          outcomes.push({
            replica: replica.name,
            kind,
            ms: performance.now() - begun,
            answered: true,
            codes: (json.errors ?? []).map((e) => e.extensions?.['code']),
          });
          const remark = json.data?.['addLeadRemark'] as { content: string } | undefined;
          if (kind === 'write' && remark) acknowledged.push(remark.content);
        },
        () => {
          outcomes.push({ replica: replica.name, kind, ms: performance.now() - begun, answered: false, codes: [] });
        },
      );
      const tracked = request.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
    };

    const loadStart = Date.now();
    const ticker = setInterval(fire, 1000 / REQUESTS_PER_SECOND);
    // A timer may fire a millisecond before Date.now() says it is due: wait until it says so.
    const at = async (ms: number) => {
      while (Date.now() < loadStart + ms) await sleep(loadStart + ms - Date.now());
    };

    // The same keyed write to every replica at once.
    const firstOnce = await sendOnce();

    await at(4_000);
    const holdInjected = (
      await controlCall<{ at: number }>('/inject', {
        vendor: 'leancore',
        fault: {
          times: 1,
          response: { status: 429, headers: { 'retry-after': String(HOLD_SECONDS) }, json: { message: 'slow down' } },
        },
      })
    ).at;

    await at(10_000);
    const victim = replicas[2]!;
    victim.alive = false;
    victim.process.child.kill('SIGKILL');
    await victim.process.exited;
    const replacement = await startReplica('c2');
    replicas.push(replacement);
    const secondOnce = await sendOnce();

    await at(16_000);
    const expiredAt = Date.now();
    await controlCall('/expire-tokens', { vendor: 'beschannels' });
    await controlCall('/expire-tokens', { vendor: 'crmcom' });

    await at(22_000);
    await redis.restartEmpty();

    await at(LOAD_MS);
    clearInterval(ticker);
    await Promise.all(inFlight);
    const loadSeconds = (Date.now() - loadStart) / 1000;

    // After the storm, every live replica answers again (Redis is back).
    for (const replica of live()) {
      await expect
        .poll(async () => (await fetch(`${replica.url}/ready`)).status, { timeout: 10_000, interval: 200 })
        .toBe(200);
      const { json } = await post(replica.url, { query: `{ lead(id: "${VALENTINA}") { id } }` });
      expect(json.errors).toBeUndefined();
    }
    const thirdOnce = await sendOnce();

    const log = await controlCall<LoggedCall[]>('/log');
    const remarks = await controlCall<{ content: string }[]>('/remarks');
    const issues = await Promise.all(live().map(tokenIssues));

    // Load: spread across the replicas, for at least 30 s.
    expect(loadSeconds).toBeGreaterThanOrEqual(LOAD_MS / 1000);
    expect(outcomes.length).toBeGreaterThan((LOAD_MS / 1000) * REQUESTS_PER_SECOND * 0.9);
    for (const name of ['a', 'b', 'c', 'c2']) {
      expect(outcomes.filter((o) => o.replica === name && o.answered).length).toBeGreaterThan(20);
    }

    // Zen: at most one call per 5-minute window, across every replica (the whole test is one window).
    const zenCalls = log.filter((c) => c.vendor === 'zen').map((c) => c.at);
    for (let i = 1; i < zenCalls.length; i++) {
      expect(zenCalls[i]! - zenCalls[i - 1]!).toBeGreaterThanOrEqual(ZEN_WINDOW_MS);
    }
    expect(zenCalls.length).toBeLessThanOrEqual(1);

    // Tokens: each replica issued at most one per vendor at start and one per expiry.
    for (const counts of issues) {
      for (const vendor of ['beschannels', 'crmcom']) expect(counts[vendor] ?? 0).toBeLessThanOrEqual(2);
    }
    const tokenCalls = log.filter((c) => /access-token|\/users\/authenticate|token/i.test(c.path));
    expect(tokenCalls.length).toBeGreaterThan(0);
    expect(tokenCalls.filter((c) => c.at > expiredAt).length).toBeLessThanOrEqual(2 * live().length);

    // The hold: the 429 went to the first LeanCore call after the injection; from when every
    // replica has seen it until Retry-After ends, no replica called LeanCore.
    const leancore = log.filter((c) => c.vendor === 'leancore' && c.at >= holdInjected);
    const refusedAt = leancore[0]!.at;
    const duringHold = leancore.filter(
      (c) => c.at > refusedAt + HOLD_SEEN_WITHIN_MS && c.at < refusedAt + HOLD_SECONDS * 1000 - 200,
    );
    expect(duringHold).toEqual([]);
    expect(outcomes.some((o) => o.kind === 'leancore' && o.codes.includes('RATE_LIMITED'))).toBe(true);

    // The idempotent write, sent to every replica three times (before and after the kill, after
    // Redis restarted empty): done once at the vendor, and the same answer wherever it was acknowledged.
    expect(remarks.filter((r) => r.content === onceContent)).toHaveLength(1);
    const onceAnswers = [...firstOnce, ...secondOnce, ...thirdOnce]
      .map((r) => r.json.data?.['addLeadRemark'])
      .filter(Boolean);
    expect(onceAnswers.length).toBeGreaterThan(0);
    expect(new Set(onceAnswers.map((a) => JSON.stringify(a))).size).toBe(1);

    // Deadlines: every answer came within the operation's deadline (plus its way back).
    const answered = outcomes.filter((o) => o.answered);
    const slowest = Math.max(...answered.map((o) => o.ms));
    expect(slowest).toBeLessThanOrEqual(REQUEST_TIMEOUT_MS + DEADLINE_SLACK_MS);

    // Nothing written is lost: every acknowledged write is at the vendor, once.
    expect(acknowledged.length).toBeGreaterThan(10);
    const held = new Map<string, number>();
    for (const r of remarks) held.set(r.content, (held.get(r.content) ?? 0) + 1);
    expect(acknowledged.filter((content) => held.get(content) !== 1)).toEqual([]);

    const codes = new Map<string, number>();
    for (const o of outcomes) for (const c of o.codes) codes.set(String(c), (codes.get(String(c)) ?? 0) + 1);
    console.info(
      `fleet: ${outcomes.length} requests in ${loadSeconds.toFixed(1)} s, ${answered.length} answered, ` +
        `slowest ${Math.round(slowest)} ms, Zen calls ${zenCalls.length}, token calls ${tokenCalls.length}, ` +
        `writes acknowledged ${acknowledged.length}, codes ${JSON.stringify(Object.fromEntries(codes))}, ` +
        `whole test ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 90_000);
});
