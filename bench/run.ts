// `npm run bench` (never part of `npm test`): the built server (`node dist/index.js`, production
// mode with an API key, as the README documents it) on the vendor simulators with 0 ms and 50 ms
// of vendor latency, beside a bare Apollo Server 5 baseline, in one run, loaded by autocannon.
// With taskset and two CPUs or more, the server under test runs on CPU 0, this process
// (autocannon) and the simulators (a process of their own, ./vendor-process.ts) on CPU 1.
// Vendor calls are counted at the simulators; RSS and
// event-loop delay are the server's own (prom-client's /metrics, else /proc for RSS). Writes
// bench/results/latest.json and latest.md and prints the Markdown.
// Usage: npm run bench [-- --duration 8 --connections 20 --latency 0,50 --cpu-prof --node-flags "…"]
// (--cpu-prof: the server writes a V8 CPU profile to bench/results/profiles/ when it stops;
// --node-flags: extra Node/V8 flags for the server under test, e.g. heap sizes; --server-env:
// extra settings for it, e.g. "VENDOR_MAX_CONCURRENCY=64"; both are named in the report;
// --journal-writes: keyed writes of the journal memory row, ./journal-memory.ts, 0 to skip it;
// --latency '': that row alone.)
import autocannon from 'autocannon';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import type { VendorConfigs } from '../src/config.js';
import { startOwnRedis } from '../test/support/own-redis.js';
import { benchFanOut } from './fan-out.js';
import { benchIdentity } from './identity.js';
import { benchJournalMemory, renderJournalMemory, type JournalBenchServer } from './journal-memory.js';
import { renderMarkdown, type BenchReport, type Measurement, type StoreStallRun, type VendorRun } from './report.js';
import { LEAD_BY_ID, LEAD_QUERY, SCENARIOS, STORE_STALL_READS, type Scenario } from './scenarios.js';
import { startBenchVendors, type BenchVendors } from './vendors.js';

const SERVER_ENTRY = 'dist/index.js';
const BASELINE_ENTRY = 'dist-bench/bench/baseline-server.js';
const VENDORS_ENTRY = 'dist-bench/bench/vendor-process.js';
const RESULTS_DIR = 'bench/results';
/** Long enough for V8 to optimise the hot paths of a fresh server before it is timed. */
const WARMUP_SECONDS = 3;
/** Operations over which vendor calls are counted, after each timed run. */
const COUNTED_OPERATIONS = 100;

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '8' },
    connections: { type: 'string', default: '20' },
    latency: { type: 'string', default: '0,50' },
    'cpu-prof': { type: 'boolean', default: false },
    'node-flags': { type: 'string', default: '' },
    'server-env': { type: 'string', default: '' },
    'journal-writes': { type: 'string', default: '100000' },
  },
});
const serverSettings = Object.fromEntries(
  args['server-env']
    .split(' ')
    .filter((entry) => entry.includes('='))
    .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
);
const vendorLatenciesMs = args.latency
  .split(',')
  .filter((ms) => ms !== '')
  .map(Number);
const serverNodeFlags = [
  ...args['node-flags'].split(' ').filter((flag) => flag !== ''),
  ...(args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${RESULTS_DIR}/profiles`] : []),
];
const durationSeconds = Number(args.duration);
const connections = Number(args.connections);

const apiKey = randomBytes(24).toString('base64url');
const pinning = pinToCores();

interface Target {
  url: string;
  headers: Record<string, string>;
}

/** One autocannon run of `scenario`; GraphQL errors in a 200 count as errors too. */
async function load(
  target: Target,
  scenario: Pick<Scenario, 'query' | 'variables'>,
  shape: { connections: number; duration?: number; amount?: number },
): Promise<autocannon.Result> {
  return autocannon({
    url: target.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...target.headers },
    body: JSON.stringify({ query: scenario.query, variables: scenario.variables }),
    connections: shape.connections,
    ...(shape.amount ? { amount: shape.amount } : { duration: shape.duration ?? durationSeconds }),
    timeout: 20,
    verifyBody: (body) => typeof body === 'string' && !body.includes('"errors"'),
  });
}

/** The figures of one load run (ratios and vendor counts are filled in by the caller). */
function measurement(key: Measurement['key'], name: string, result: autocannon.Result): Measurement {
  return {
    key,
    name,
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx + result.mismatches,
  };
}

async function benchVendorLatency(latencyMs: number): Promise<VendorRun> {
  const baseline = await runBaseline();
  const sims = await startBenchVendors(VENDORS_ENTRY);
  try {
    await sims.setLatency(latencyMs);
    return await benchServer(latencyMs, baseline, sims);
  } finally {
    await sims.close();
  }
}

async function benchServer(latencyMs: number, baseline: Measurement, sims: BenchVendors): Promise<VendorRun> {
  const { leancore } = sims.configs;
  if (!leancore) throw new Error('the LeanCore simulator is missing');
  const floor = await runBaseline(leancore);
  floor.ratioToBaseline = round(floor.requestsPerSecond / baseline.requestsPerSecond, 2);
  const server = await startProcess(SERVER_ENTRY, (port) => serverEnv(port, sims.configs), {
    nodeFlags: serverNodeFlags,
  });
  const target = { url: `${server.url}/graphql`, headers: { 'x-api-key': apiKey } };
  try {
    await waitUntilAnswering(target, server.process);
    const rssStartMb = await rssMb(server);
    const scenarios: Measurement[] = [];
    for (const scenario of SCENARIOS) {
      if (!scenario.herd) await load(target, scenario, { connections, duration: WARMUP_SECONDS });
      await sims.resetCounts();
      await eventLoopDelayP99Ms(server); // prom-client restarts its histogram at each scrape
      const result = scenario.herd
        ? await load(target, scenario, { connections: scenario.herd, amount: scenario.herd })
        : await load(target, scenario, { connections });
      const figures = measurement(scenario.key, scenario.name, result);
      const eventLoopDelay = await eventLoopDelayP99Ms(server);
      // A timed run stops with operations in flight whose vendor calls were made: vendor calls
      // per operation are counted over a fixed number of operations, every one answered.
      let counted = result;
      if (!scenario.herd) {
        await settled(sims);
        await sims.resetCounts();
        counted = await load(target, scenario, { connections, amount: COUNTED_OPERATIONS });
      }
      const vendorCalls = await sims.counts();
      const totalCalls = Object.values(vendorCalls).reduce((sum, n) => sum + n, 0);
      scenarios.push({
        ...figures,
        ratioToBaseline: round(figures.requestsPerSecond / baseline.requestsPerSecond, 2),
        vendorCalls: Object.fromEntries(Object.entries(vendorCalls).filter(([, n]) => n > 0)),
        vendorCallsPerOperation: round(totalCalls / counted.requests.total, 2),
        countedOperations: counted.requests.total,
        eventLoopDelayP99Ms: eventLoopDelay,
        rssAfterMb: await rssMb(server),
      });
      console.error(`  ${latencyMs} ms vendors, ${scenario.name}: ${figures.requestsPerSecond} req/s`);
    }
    // No vendor is called by it: once, in the first block.
    const fanOut =
      latencyMs === vendorLatenciesMs[0]
        ? await benchFanOut(target, () => cpuSeconds(server), console.error)
        : undefined;
    return {
      vendorLatencyMs: latencyMs,
      baseline: { ...baseline, ratioToBaseline: 1 },
      floor,
      server: { rssStartMb, rssAfterMb: await rssMb(server), scenarios },
      ...(fanOut ? { fanOut } : {}),
    };
  } finally {
    await server.stop();
  }
}

/**
 * The bare Apollo Server answering `lead` by id: with a constant (the baseline), or given
 * LeanCore's settings with one LeanCore call and nothing else (the floor of any gateway).
 */
async function runBaseline(leanCore?: { baseUrl: string; token: string }): Promise<Measurement> {
  const argv = (port: number) => [String(port), ...(leanCore ? [leanCore.baseUrl, leanCore.token] : [])];
  const baseline = await startProcess(BASELINE_ENTRY, () => ({}), { argv });
  const target = { url: baseline.url, headers: {} };
  const scenario = { query: LEAD_QUERY, variables: { id: LEAD_BY_ID } };
  try {
    await waitUntilAnswering(target, baseline.process);
    const rssStartMb = await rssMb(baseline);
    await load(target, scenario, { connections, duration: WARMUP_SECONDS });
    const figures = leanCore
      ? measurement(
          'floor',
          'floor: bare Apollo Server + the LeanCore call',
          await load(target, scenario, { connections }),
        )
      : measurement('baseline', 'bare Apollo Server: lead by id', await load(target, scenario, { connections }));
    console.error(`  ${figures.key}: ${figures.requestsPerSecond} req/s`);
    return { ...figures, rssStartMb, rssAfterMb: await rssMb(baseline) };
  } finally {
    await baseline.stop();
  }
}

/** The server under test for the journal memory row, with extra Node flags (its heap limit). */
async function startJournalServer(sims: BenchVendors, nodeFlags: string[]): Promise<JournalBenchServer> {
  const server = await startProcess(SERVER_ENTRY, (port) => serverEnv(port, sims.configs), {
    nodeFlags: [...serverNodeFlags, ...nodeFlags],
  });
  const target = { url: `${server.url}/graphql`, headers: { 'x-api-key': apiKey } };
  await waitUntilAnswering(target, server.process);
  return {
    url: server.url,
    headers: target.headers,
    rssMb: () => rssMb(server),
    alive: () => server.process.exitCode === null && server.process.signalCode === null,
    stop: () => server.stop(),
  };
}

/** Waits until operations left over from a timed run have made their last vendor call. */
async function settled(sims: BenchVendors): Promise<void> {
  const received = async () => Object.values(await sims.counts()).reduce((sum, n) => sum + n, 0);
  let before;
  do {
    before = await received();
    await sleep(300);
  } while ((await received()) !== before);
}

/**
 * Issue 20: the server on a redis-server of its own, a lead of each non-Zen vendor timed with the
 * store healthy, then frozen (SIGSTOP) for as long, in one run.
 */
async function benchStoreStall(latencyMs: number): Promise<StoreStallRun> {
  const scenario = STORE_STALL_READS;
  const redis = await startOwnRedis();
  const sims = await startBenchVendors(VENDORS_ENTRY);
  const server = await startProcess(
    SERVER_ENTRY,
    (port) => ({ ...serverEnv(port, sims.configs), REDIS_URL: redis.url }),
    { nodeFlags: serverNodeFlags },
  );
  const target = { url: `${server.url}/graphql`, headers: { 'x-api-key': apiKey } };
  try {
    await sims.setLatency(latencyMs);
    await waitUntilAnswering(target, server.process);
    await load(target, scenario, { connections, duration: WARMUP_SECONDS });
    const healthy = measurement(
      'store-stall',
      `${scenario.name}, Redis healthy`,
      await load(target, scenario, { connections }),
    );
    redis.pause();
    let paused: Measurement;
    try {
      paused = measurement(
        'store-stall',
        `${scenario.name}, Redis frozen`,
        await load(target, scenario, { connections }),
      );
    } finally {
      redis.resume();
    }
    console.error(`  store stall: p99 ${healthy.latencyP99Ms} → ${paused.latencyP99Ms} ms`);
    return { vendorLatencyMs: latencyMs, healthy, paused };
  } finally {
    await server.stop();
    await sims.close();
    await redis.kill();
  }
}

/** The server's environment: production, an API key, every vendor pointed at a simulator. */
function serverEnv(port: number, vendors: VendorConfigs): Record<string, string> {
  const { leancore, beschannels, crmcom, zen } = vendors;
  if (!leancore || !beschannels || !crmcom || !zen) throw new Error('a simulator is missing');
  return {
    NODE_ENV: 'production',
    PORT: String(port),
    // Seals the phone in LeanCore's ids (required in production).
    LEAD_ID_KEY: 'a-production-lead-id-key-0000000001',
    API_KEYS: apiKey,
    // The bench scrapes /metrics on loopback.
    METRICS_PUBLIC: 'true',
    LEANCORE_BASE_URL: leancore.baseUrl,
    LEANCORE_TOKEN: leancore.token,
    BESCHANNELS_BASE_URL: beschannels.baseUrl,
    BESCHANNELS_APP_ID: beschannels.appId,
    BESCHANNELS_APP_SECRET: beschannels.appSecret,
    CRMCOM_BASE_URL: crmcom.baseUrl,
    CRMCOM_USERNAME: crmcom.username,
    CRMCOM_PASSWORD: crmcom.password,
    CRMCOM_ORGANISATION: crmcom.organisation,
    // The simulator has the contact filter: the search scenario keeps asking all three CRMs.
    CRMCOM_CONTACT_SEARCH: 'true',
    ZEN_URL: zen.baseUrl,
    ZEN_TOKEN: zen.token,
    ...serverSettings,
  };
}

interface ServerProcess {
  process: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/** Starts `node <entry>` on a free port (on CPU 0 when pinned), its output in bench/results/*.log. */
async function startProcess(
  entry: string,
  env: (port: number) => Record<string, string>,
  options: { argv?: (port: number) => string[]; nodeFlags?: string[] } = {},
): Promise<ServerProcess> {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: npm run bench builds it first`);
  const port = await freePort();
  const log = openSync(`${RESULTS_DIR}/${entry.split('/').pop()?.replace(/\.js$/, '')}.log`, 'w');
  const { argv = () => [], nodeFlags = [] } = options;
  const [file = process.execPath, ...rest] = [...pinning.server, process.execPath, ...nodeFlags, entry, ...argv(port)];
  const child = spawn(file, rest, {
    env: { PATH: process.env['PATH'] ?? '', ...env(port) },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  return {
    process: child,
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

async function waitUntilAnswering(target: Target, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the process under test exited (${child.exitCode}): see ${RESULTS_DIR}/*.log`);
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...target.headers },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`no answer from ${target.url} within 30 s`);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** prom-client's p99 of the event-loop delay since its last scrape; null without /metrics. */
async function eventLoopDelayP99Ms(server: ServerProcess): Promise<number | null> {
  const metrics = await scrapeMetrics(server);
  const match = metrics?.match(/^nodejs_eventloop_lag_p99_seconds (\S+)$/m);
  return match ? round(Number(match[1]) * 1_000, 1) : null;
}

/** The server's CPU time so far (user + system), from prom-client; null without /metrics. */
async function cpuSeconds(server: ServerProcess): Promise<number | null> {
  const seconds = (await scrapeMetrics(server))?.match(/^process_cpu_seconds_total (\S+)$/m)?.[1];
  return seconds ? Number(seconds) : null;
}

async function rssMb(server: ServerProcess): Promise<number | null> {
  const pid = server.process.pid;
  if (pid !== undefined && existsSync(`/proc/${pid}/status`)) {
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    if (kb) return Math.round(Number(kb) / 1024);
  }
  const bytes = (await scrapeMetrics(server))?.match(/^process_resident_memory_bytes (\S+)$/m)?.[1];
  return bytes ? Math.round(Number(bytes) / 2 ** 20) : null;
}

async function scrapeMetrics(server: ServerProcess): Promise<string | null> {
  try {
    const response = await fetch(`${server.url}/metrics`);
    return response.ok ? await response.text() : null;
  } catch {
    return null;
  }
}

/** CPU 0 for the process under test, CPU 1 for this one, when taskset and two CPUs exist. */
function pinToCores(): { server: string[]; description: string } {
  if (cpus().length < 2) return { server: [], description: 'not pinned (one CPU)' };
  try {
    execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
    return {
      server: ['taskset', '-c', '0'],
      description: 'server on CPU 0; autocannon and the simulators (a process of their own) on CPU 1',
    };
  } catch {
    return { server: [], description: 'not pinned (no taskset)' };
  }
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

mkdirSync(RESULTS_DIR, { recursive: true });
const startedAt = new Date().toISOString();
const loadAverageAtStart = loadavg().map((n) => round(n, 2));
console.error('same-person score');
const identity = benchIdentity();
const runs: VendorRun[] = [];
for (const latencyMs of vendorLatenciesMs) {
  console.error(`vendor latency ${latencyMs} ms`);
  runs.push(await benchVendorLatency(latencyMs));
}
const report: BenchReport = {
  startedAt,
  finishedAt: new Date().toISOString(),
  machine: {
    cpu: cpus()[0]?.model ?? 'unknown',
    cpus: cpus().length,
    memoryGb: round(totalmem() / 2 ** 30, 1),
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    loadAverageAtStart,
    pinning: pinning.description,
  },
  settings: {
    connections,
    durationSeconds,
    warmupSeconds: WARMUP_SECONDS,
    mode:
      'NODE_ENV=production, API key (x-api-key), ' +
      (args['server-env'] ? `${args['server-env']}, ` : '') +
      'default settings otherwise' +
      (serverNodeFlags.length > 0 ? `; node ${serverNodeFlags.join(' ')}` : ''),
  },
  runs,
  storeStall: await benchStoreStall(vendorLatenciesMs.at(-1) ?? 0),
  identity,
};
const journalWrites = Number(args['journal-writes']);
let journalMemory;
if (journalWrites > 0) {
  console.error('write journal memory');
  const sims = await startBenchVendors(VENDORS_ENTRY);
  try {
    journalMemory = await benchJournalMemory((flags) => startJournalServer(sims, flags), journalWrites, connections);
  } finally {
    await sims.close();
  }
}
writeFileSync(`${RESULTS_DIR}/latest.json`, `${JSON.stringify({ ...report, journalMemory }, null, 2)}\n`);
const markdown = renderMarkdown(report) + (journalMemory ? `\n${renderJournalMemory(journalMemory)}` : '');
writeFileSync(`${RESULTS_DIR}/latest.md`, markdown);
console.log(markdown);
