// The bench's results: their shape (bench/results/latest.json), the issue's targets checked
// against them, and the Markdown table (bench/results/latest.md, copied into docs/performance.md).
import { renderFanOut, type FanOutFigures } from './fan-out.js';
import type { IdentityBench } from './identity.js';
import type { ScenarioKey } from './scenarios.js';

export interface Measurement {
  key: ScenarioKey | 'baseline' | 'floor' | 'store-stall';
  name: string;
  requestsPerSecond: number;
  /** Requests/s over the bare Apollo Server's in the same vendor-latency block. */
  ratioToBaseline?: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Answers received. */
  requests: number;
  /** Transport errors, timeouts, non-2xx answers and 200s carrying GraphQL `errors`. */
  errors: number;
  /** Requests each simulator received over `countedOperations` operations (tokens included). */
  vendorCalls?: Record<string, number>;
  vendorCallsPerOperation?: number;
  /** Operations run to completion while vendor calls were counted. */
  countedOperations?: number;
  /** p99 of the server's event-loop delay during the run (prom-client); null without /metrics. */
  eventLoopDelayP99Ms?: number | null;
  rssStartMb?: number | null;
  rssAfterMb?: number | null;
}

export interface VendorRun {
  vendorLatencyMs: number;
  baseline: Measurement;
  /** The bare Apollo Server making the same LeanCore call as `lead` by id, and nothing else. */
  floor: Measurement;
  server: { rssStartMb: number | null; rssAfterMb: number | null; scenarios: Measurement[] };
  /** Fragment fan-out refused, beside a plain operation (the first block only). */
  fanOut?: FanOutFigures;
}

/** Issue 20: the same non-Zen reads with the shared store healthy, then frozen (SIGSTOP). */
export interface StoreStallRun {
  vendorLatencyMs: number;
  healthy: Measurement;
  paused: Measurement;
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  machine: {
    cpu: string;
    cpus: number;
    memoryGb: number;
    os: string;
    node: string;
    loadAverageAtStart: number[];
    pinning: string;
  };
  settings: { connections: number; durationSeconds: number; warmupSeconds: number; mode: string };
  runs: VendorRun[];
  storeStall?: StoreStallRun;
  /** The same-person score's cost per pair (issue 22). */
  identity?: IdentityBench;
}

export interface TargetCheck {
  target: string;
  measured: string;
  holds: boolean;
}

/** The targets of issue 16, each with what this run measured. */
export function checkTargets(report: BenchReport): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const scenario = (run: VendorRun, key: ScenarioKey) => run.server.scenarios.find((s) => s.key === key);
  const at = (latencyMs: number) => report.runs.find((r) => r.vendorLatencyMs === latencyMs);

  const lead0 = at(0) && scenario(at(0)!, 'lead');
  if (lead0?.ratioToBaseline !== undefined) {
    checks.push({
      target: '0 ms vendors: `lead` by id ≥ 0.30× the bare Apollo Server’s requests/s',
      measured: `${lead0.ratioToBaseline}× (${lead0.requestsPerSecond} vs ${at(0)!.baseline.requestsPerSecond} req/s)`,
      holds: lead0.ratioToBaseline >= 0.3,
    });
  }
  const lead50 = at(50) && scenario(at(50)!, 'lead');
  if (lead50) {
    const connections = report.settings.connections;
    const floor = at(50)!.floor;
    checks.push({
      target: `50 ms vendors, ${connections} connections: p50 ≤ 55 ms`,
      measured: `p50 ${lead50.latencyP50Ms} ms (floor ${floor.latencyP50Ms} ms)`,
      holds: lead50.latencyP50Ms <= 55,
    });
    checks.push({
      target: `50 ms vendors, ${connections} connections: p99 ≤ 75 ms`,
      measured: `p99 ${lead50.latencyP99Ms} ms (floor ${floor.latencyP99Ms} ms)`,
      holds: lead50.latencyP99Ms <= 75,
    });
  }
  for (const run of report.runs) {
    const herd = scenario(run, 'totals-herd');
    if (herd) {
      const zenCalls = herd.vendorCalls?.['Zen'] ?? 0;
      checks.push({
        target: `${run.vendorLatencyMs} ms vendors: 1,000 concurrent \`distributionTotals\` → 1 Zen call, 0 errors`,
        measured: `${zenCalls} Zen call(s), ${herd.errors} error(s) in ${herd.requests} answers`,
        holds: zenCalls === 1 && herd.errors === 0 && herd.requests === 1_000,
      });
    }
    const aliases = scenario(run, 'aliases');
    if (aliases?.vendorCallsPerOperation !== undefined) {
      checks.push({
        target: `${run.vendorLatencyMs} ms vendors: ×5 aliases of one lead → 1 vendor call`,
        measured: `${aliases.vendorCallsPerOperation} vendor calls per operation (${aliases.countedOperations} counted)`,
        holds: aliases.vendorCallsPerOperation === 1 && aliases.errors === 0,
      });
    }
  }
  const rss = report.runs.map((r) => r.server.rssAfterMb).filter((mb): mb is number => mb !== null);
  if (rss.length > 0) {
    checks.push({
      target: 'RSS after load ≤ 200 MB',
      measured: `${Math.max(...rss)} MB at most`,
      holds: Math.max(...rss) <= 200,
    });
  }
  const stall = report.storeStall;
  if (stall) {
    const { healthy, paused } = stall;
    checks.push({
      target: `${stall.vendorLatencyMs} ms vendors, store frozen: non-Zen reads' p99 within 50 ms of a healthy store's (issue 20)`,
      measured: `p99 ${paused.latencyP99Ms} vs ${healthy.latencyP99Ms} ms (${round2(paused.latencyP99Ms / healthy.latencyP99Ms)}×), ${paused.errors} error(s)`,
      holds: paused.latencyP99Ms - healthy.latencyP99Ms <= 50 && paused.errors === 0,
    });
  }
  if (report.identity) {
    const { scoreMicrosPerPair, profileAndScoreMicrosPerPair } = report.identity;
    checks.push({
      target: 'same-person score ≤ 50 µs per pair (issue 22)',
      measured: `${scoreMicrosPerPair} µs (${profileAndScoreMicrosPerPair} µs reading both leads too)`,
      holds: profileAndScoreMicrosPerPair <= 50,
    });
  }
  return checks;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

const cell = (value: number | string | null | undefined) => (value === null || value === undefined ? 'n/a' : value);

export function renderMarkdown(report: BenchReport): string {
  const { machine, settings } = report;
  const lines = [
    `## npm run bench — ${report.startedAt}`,
    '',
    `Machine: ${machine.cpu}, ${machine.cpus} CPUs, ${machine.memoryGb} GB, ${machine.os}, Node ${machine.node}; ` +
      `${machine.pinning}; load average at start ${machine.loadAverageAtStart.join(' / ')}.`,
    `Load: autocannon, ${settings.connections} connections, ${settings.durationSeconds} s per scenario after ` +
      `${settings.warmupSeconds} s of warm-up. Server: \`node dist/index.js\`, ${settings.mode}. Vendor calls ` +
      'are counted at the simulators over operations run to completion after each timed run. The floor is the ' +
      'bare Apollo Server making the same LeanCore call as `lead` by id and nothing else.',
    '',
  ];
  for (const run of report.runs) {
    lines.push(
      `### Vendor latency ${run.vendorLatencyMs} ms`,
      '',
      `RSS of the server: ${cell(run.server.rssStartMb)} MB at start → ${cell(run.server.rssAfterMb)} MB after load ` +
        `(bare Apollo Server: ${cell(run.baseline.rssStartMb)} → ${cell(run.baseline.rssAfterMb)} MB).`,
      '',
      '| scenario | req/s | × baseline | p50 ms | p99 ms | vendor calls / op | errors | event-loop p99 ms | RSS MB |',
      '| --- | --: | --: | --: | --: | --: | --: | --: | --: |',
    );
    for (const m of [run.baseline, run.floor, ...run.server.scenarios]) {
      const calls = m.vendorCalls
        ? `${cell(m.vendorCallsPerOperation)} (${Object.entries(m.vendorCalls)
            .map(([vendor, n]) => `${vendor} ${n}`)
            .join(', ')})`
        : '—';
      lines.push(
        `| ${m.name} | ${m.requestsPerSecond} | ${cell(m.ratioToBaseline)} | ${m.latencyP50Ms} | ${m.latencyP99Ms} | ` +
          `${calls} | ${m.errors} / ${m.requests} | ${cell(m.eventLoopDelayP99Ms)} | ${cell(m.rssAfterMb)} |`,
      );
    }
    lines.push('');
    if (run.fanOut) lines.push(...renderFanOut(run.fanOut));
  }
  if (report.storeStall) {
    const { vendorLatencyMs, healthy, paused } = report.storeStall;
    lines.push(
      `### Shared store frozen (issue 20), vendor latency ${vendorLatencyMs} ms`,
      '',
      'The server on a Redis of its own; the same reads timed with Redis healthy, then stopped with SIGSTOP.',
      '',
      '| scenario | req/s | p50 ms | p99 ms | errors |',
      '| --- | --: | --: | --: | --: |',
      ...[healthy, paused].map(
        (m) =>
          `| ${m.name} | ${m.requestsPerSecond} | ${m.latencyP50Ms} | ${m.latencyP99Ms} | ${m.errors} / ${m.requests} |`,
      ),
      '',
    );
  }
  if (report.identity) {
    const id = report.identity;
    lines.push(
      '### Same-person score (issue 22)',
      '',
      `Over the ${id.pairs} labelled pairs of test/identity/pairs.json, in the bench process: ${id.scoreMicrosPerPair} µs ` +
        `per pair scored (${id.profileAndScoreMicrosPerPair} µs reading both leads too), against a floor of ` +
        `${id.floorMicrosPerPair} µs for comparing phone and email strings ` +
        `(×${Math.round(id.scoreMicrosPerPair / id.floorMicrosPerPair)}).`,
      '',
    );
  }
  lines.push('### Targets (issues 16 and 22)', '', '| target | measured | holds |', '| --- | --- | --- |');
  for (const check of checkTargets(report)) {
    lines.push(`| ${check.target} | ${check.measured} | ${check.holds ? 'yes' : '**no**'} |`);
  }
  lines.push('');
  return lines.join('\n');
}
