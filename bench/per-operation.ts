// `npm run bench:per-op`: the server's own work per operation, counted rather than timed, so that
// it can be measured on a machine other work shares (a timed run cannot). The built server
// (`node dist/index.js`, production mode with an API key) on the vendor simulators (a process of
// their own), with ./probe.ts loaded into it; for each scenario, after a warm-up, a window of
// operations on few connections: CPU µs (user + system) and bytes allocated on the V8 heap per
// operation, collections and their pause, RSS at the end. With --cpu-prof the server also writes
// a CPU profile, summarised by where the self time goes (package or src/ folder, and functions).
// Usage: npm run bench:per-op [-- --scenarios lead,entities --operations 2000 --connections 2
//   --latency 0 --cpu-prof --node-flags "…" --server-env "A=1 B=2"]
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import type { ProbeWindow } from './probe.js';
import { SCENARIOS, type Scenario } from './scenarios.js';
import { serverEnv } from './server-env.js';
import { startBenchVendors } from './vendors.js';

const SERVER_ENTRY = 'dist/index.js';
const FLOOR_ENTRY = 'dist-bench/bench/baseline-server.js';
const PROBE = 'dist-bench/bench/probe.js';
const VENDORS_ENTRY = 'dist-bench/bench/vendor-process.js';
const OUT_DIR = 'bench/results/per-operation';

const { values: args } = parseArgs({
  options: {
    scenarios: { type: 'string', default: 'lead,leads,entities' },
    operations: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '1000' },
    connections: { type: 'string', default: '2' },
    latency: { type: 'string', default: '0' },
    'cpu-prof': { type: 'boolean', default: false },
    'heap-prof': { type: 'boolean', default: false },
    timeline: { type: 'boolean', default: false },
    floor: { type: 'boolean', default: false },
    'node-flags': { type: 'string', default: '' },
    'server-env': { type: 'string', default: '' },
  },
});
const operations = Number(args.operations);
const connections = Number(args.connections);
const chosen = args.scenarios.split(',').filter((key) => key !== '');
const scenarios = SCENARIOS.filter((s) => chosen.includes(s.key) && !s.herd);
const unknown = chosen.filter((key) => !SCENARIOS.some((s) => s.key === key && !s.herd));
if (unknown.length > 0) throw new Error(`unknown (or herd) scenarios: ${unknown.join(', ')}`);
const extraEnv = Object.fromEntries(
  args['server-env']
    .split(' ')
    .filter((entry) => entry.includes('='))
    .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
);

const apiKey = randomBytes(24).toString('base64url');
mkdirSync(OUT_DIR, { recursive: true });
const probeOut = `${OUT_DIR}/windows.jsonl`;
rmSync(probeOut, { force: true });
for (const entry of [SERVER_ENTRY, PROBE, VENDORS_ENTRY]) {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: npm run bench:per-op builds it first`);
}

const sims = await startBenchVendors(VENDORS_ENTRY);
await sims.setLatency(Number(args.latency));
const port = await freePort();
const log = openSync(`${OUT_DIR}/server.log`, 'w');
const profileDir = `${OUT_DIR}/profile`;
rmSync(profileDir, { recursive: true, force: true });
const nodeFlags = [
  ...args['node-flags'].split(' ').filter((flag) => flag !== ''),
  ...(args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
];
// --floor: the bare Apollo Server making the LeanCore call of `lead` by id (run.ts's floor) instead.
const { leancore } = sims.configs;
if (args.floor && (!leancore || scenarios.some((s) => s.key !== 'lead'))) {
  throw new Error('--floor answers `lead` by id only (--scenarios lead)');
}
const entry = args.floor ? [FLOOR_ENTRY, String(port), leancore?.baseUrl ?? '', leancore?.token ?? ''] : [SERVER_ENTRY];
const server = spawn(process.execPath, [...nodeFlags, '--import', `./${PROBE}`, ...entry], {
  env: {
    PATH: process.env['PATH'] ?? '',
    PROBE_OUT: probeOut,
    ...(args.timeline ? { PROBE_TIMELINE: '1' } : {}),
    ...(args['heap-prof'] ? { PROBE_HEAP_PROFILE: `${OUT_DIR}/allocations` } : {}),
    ...serverEnv(port, sims.configs, apiKey, extraEnv),
  },
  stdio: ['ignore', log, log],
});
closeSync(log);
const url = `http://127.0.0.1:${port}${args.floor ? '/' : '/graphql'}`;
const headers = { 'content-type': 'application/json', 'x-api-key': apiKey };

interface Row {
  scenario: Scenario;
  window: ProbeWindow;
  answered: number;
  errors: number;
}

const rows: Row[] = [];
try {
  await waitUntilAnswering();
  for (const scenario of scenarios) {
    await run(scenario, Number(args.warmup));
    const windows = readWindows().length;
    server.kill('SIGUSR2');
    await sleep(50);
    const result = await run(scenario, operations);
    server.kill('SIGUSR2');
    const window = await nextWindow(windows);
    rows.push({
      scenario,
      window,
      answered: result.requests.total,
      errors: result.errors + result.timeouts + result.non2xx + result.mismatches,
    });
    console.error(`  ${scenario.name}: ${Math.round(window.cpuMicros / result.requests.total)} µs CPU / op`);
  }
} finally {
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
  await sims.close();
}

console.log(
  `Per operation, ${operations} operations on ${connections} connection(s) after ${args.warmup} of warm-up, ` +
    `vendor latency ${args.latency} ms${nodeFlags.length ? `, node ${nodeFlags.join(' ')}` : ''}` +
    `${args['server-env'] ? `, ${args['server-env']}` : ''}:\n`,
);
console.log(
  '| scenario | CPU µs / op | KB allocated / op | collections / 1000 ops | GC pause ms / 1000 ops | RSS MB | errors |',
);
console.log('| --- | --: | --: | --: | --: | --: | --: |');
for (const { scenario, window, answered, errors } of rows) {
  const per = (n: number) => n / answered;
  console.log(
    `| ${scenario.name} | ${Math.round(per(window.cpuMicros))} | ${(per(window.allocatedBytes) / 1024).toFixed(1)} | ` +
      `${(per(window.collections) * 1000).toFixed(1)} | ${(per(window.gcPauseMs) * 1000).toFixed(1)} | ` +
      `${Math.round(window.rssBytes / 2 ** 20)} | ${errors} / ${answered} |`,
  );
}
const timed = rows.filter((row) => row.window.timeline);
if (timed.length > 0) {
  const steps = Object.keys(timed[0]?.window.timeline ?? {});
  console.log(`\nOne request's steps, median ms (${args.floor ? 'the floor server' : 'the server'}):\n`);
  console.log(`| scenario | ${steps.join(' | ')} |`);
  console.log(`| --- | ${steps.map(() => '--:').join(' | ')} |`);
  for (const { scenario, window } of timed) {
    console.log(`| ${scenario.name} | ${steps.map((step) => window.timeline?.[step] ?? 'n/a').join(' | ')} |`);
  }
}
if (args['cpu-prof']) summariseProfile();
if (args['heap-prof']) rows.forEach((row, i) => summariseAllocations(row, `${OUT_DIR}/allocations.${i}.heapprofile`));

async function run(scenario: Scenario, amount: number): Promise<autocannon.Result> {
  return autocannon({
    url,
    method: 'POST',
    headers,
    body: JSON.stringify({ query: scenario.query, variables: scenario.variables }),
    connections,
    amount,
    timeout: 20,
    verifyBody: (body) => typeof body === 'string' && !body.includes('"errors"'),
  });
}

function readWindows(): ProbeWindow[] {
  if (!existsSync(probeOut)) return [];
  return readFileSync(probeOut, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as ProbeWindow);
}

async function nextWindow(before: number): Promise<ProbeWindow> {
  for (let i = 0; i < 100; i++) {
    const window = readWindows()[before];
    if (window) return window;
    await sleep(50);
  }
  throw new Error('the probe wrote no window: see bench/results/per-operation/server.log');
}

async function waitUntilAnswering(): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}): see ${OUT_DIR}/server.log`);
    try {
      const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query: '{ __typename }' }) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error('no answer within 30 s');
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time of the whole server run (warm-ups included) by package or src/ folder, and the top functions. */
function summariseProfile(): void {
  const file = existsSync(profileDir) ? readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile')) : undefined;
  if (!file) return console.log('\nNo CPU profile was written.');
  const profile = JSON.parse(readFileSync(`${profileDir}/${file}`, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, micros] of selfMicros) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    if (frame.functionName === '(idle)') {
      idle += micros;
      continue;
    }
    total += micros;
    const area = areaOf(frame.url, frame.functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + micros);
    const name = `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  }
  const share = (micros: number) => `${((100 * micros) / total).toFixed(1)} %`;
  const top = (map: Map<string, number>, n: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log(
    `\nCPU profile (${profileDir}/${file}): ${(total / 1e6).toFixed(2)} s busy, ${(idle / 1e6).toFixed(2)} s idle.`,
  );
  console.log('\n| where (self time) | share |\n| --- | --: |');
  for (const [area, micros] of top(byArea, 15)) console.log(`| ${area} | ${share(micros)} |`);
  console.log('\n| function (self time) | share |\n| --- | --: |');
  for (const [name, micros] of top(byFunction, 20)) console.log(`| \`${name}\` | ${share(micros)} |`);
}

interface HeapNode {
  callFrame: ProfileNode['callFrame'];
  selfSize: number;
  children: HeapNode[];
}

/** Bytes allocated in one scenario's window (sampled), by package or src/ folder and by function. */
function summariseAllocations(row: Row, file: string): void {
  if (!existsSync(file)) return console.log(`\nNo allocation profile for ${row.scenario.name}.`);
  const { head } = JSON.parse(readFileSync(file, 'utf8')) as { head: HeapNode };
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  const visit = (node: HeapNode) => {
    const { functionName, url, lineNumber } = node.callFrame;
    if (node.selfSize > 0) {
      total += node.selfSize;
      const area = areaOf(url, functionName);
      byArea.set(area, (byArea.get(area) ?? 0) + node.selfSize);
      const name = `${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`;
      byFunction.set(name, (byFunction.get(name) ?? 0) + node.selfSize);
    }
    node.children.forEach(visit);
  };
  visit(head);
  const perOp = (bytes: number) => ((bytes / row.answered / 1024) * (row.window.allocatedBytes / total)).toFixed(1);
  const top = (map: Map<string, number>, n: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log(`\nAllocations of ${row.scenario.name} (sampled, scaled to the measured total), KB per operation:`);
  console.log('\n| where | KB / op |\n| --- | --: |');
  for (const [area, bytes] of top(byArea, 12)) console.log(`| ${area} | ${perOp(bytes)} |`);
  console.log('\n| function | KB / op |\n| --- | --: |');
  for (const [name, bytes] of top(byFunction, 25)) console.log(`| \`${name}\` | ${perOp(bytes)} |`);
}

function areaOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node: (runtime)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  const ours = /\/dist\/(.+)\/[^/]+$/.exec(url)?.[1];
  return ours ? `src/${ours}` : shortUrl(url);
}

function shortUrl(url: string): string {
  const inPackage = url.lastIndexOf('node_modules/');
  if (inPackage >= 0) return url.slice(inPackage + 'node_modules/'.length);
  return url.replace(/^.*\/dist\//, 'src/');
}
