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
  /** Against the floor of the same block, for a scenario doing the floor's vendor work (issue 26). */
  vsFloor?: { ratio: number; p50OverMs: number; p99OverMs: number };
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

export interface RelativeTargetCheck extends TargetCheck {
  /** What the target asks, in this run's own figures (`≤ 58 ms`, `≥ 0.15×`). */
  required: string;
}

/**
 * Issue 26's targets, relative to figures of the same run (the floor, the baseline, the floor
 * server's RSS); a target whose scenario was not run is left out.
 */
export function checkRelativeTargets(report: BenchReport): RelativeTargetCheck[] {
  const checks: RelativeTargetCheck[] = [];
  const at = (latencyMs: number) => report.runs.find((r) => r.vendorLatencyMs === latencyMs);
  const scenario = (run: VendorRun | undefined, key: ScenarioKey) => run?.server.scenarios.find((s) => s.key === key);
  const run50 = at(50);
  const lead50 = scenario(run50, 'lead');
  if (run50 && lead50) {
    const { floor } = run50;
    checks.push({
      target: '50 ms vendors, `lead` by id: p50 ≤ floor p50 + 2 ms',
      measured: `${lead50.latencyP50Ms} ms (floor ${floor.latencyP50Ms} ms)`,
      required: `≤ ${floor.latencyP50Ms + 2} ms`,
      holds: lead50.latencyP50Ms <= floor.latencyP50Ms + 2,
    });
    checks.push({
      target: '50 ms vendors, `lead` by id: p99 ≤ floor p99 + 10 ms',
      measured: `${lead50.latencyP99Ms} ms (floor ${floor.latencyP99Ms} ms)`,
      required: `≤ ${floor.latencyP99Ms + 10} ms`,
      holds: lead50.latencyP99Ms <= floor.latencyP99Ms + 10,
    });
  }
  const run0 = at(0);
  const entities0 = scenario(run0, 'entities');
  if (run0 && entities0?.ratioToBaseline !== undefined) {
    checks.push({
      target: '0 ms vendors: `_entities` (100 representations) ≥ 0.15× the baseline’s requests/s',
      measured: `${entities0.ratioToBaseline}× (${entities0.requestsPerSecond} vs ${run0.baseline.requestsPerSecond} req/s)`,
      required: `≥ 0.15× (${Math.ceil(run0.baseline.requestsPerSecond * 0.15)} req/s)`,
      holds: entities0.ratioToBaseline >= 0.15,
    });
    const delay = entities0.eventLoopDelayP99Ms;
    checks.push({
      target: '0 ms vendors: `_entities`, event-loop delay p99 ≤ 50 ms',
      measured: delay === null || delay === undefined ? 'n/a (no /metrics)' : `${delay} ms`,
      required: '≤ 50 ms',
      holds: delay !== null && delay !== undefined && delay <= 50,
    });
  }
  const lead0 = scenario(run0, 'lead');
  if (run0 && lead0?.ratioToBaseline !== undefined) {
    checks.push({
      target: '0 ms vendors: `lead` by id ≥ 0.35× the baseline’s requests/s',
      measured: `${lead0.ratioToBaseline}× (${lead0.requestsPerSecond} vs ${run0.baseline.requestsPerSecond} req/s)`,
      required: `≥ 0.35× (${Math.ceil(run0.baseline.requestsPerSecond * 0.35)} req/s)`,
      holds: lead0.ratioToBaseline >= 0.35,
    });
  }
  for (const run of report.runs) {
    const floorRss = run.floor.rssAfterMb;
    const rss = run.server.rssAfterMb;
    if (floorRss === null || floorRss === undefined || rss === null) continue;
    checks.push({
      target: `${run.vendorLatencyMs} ms vendors: RSS after load ≤ 1.6× the floor server’s`,
      measured: `${rss} MB, ${round2(rss / floorRss)}× (floor server ${floorRss} MB)`,
      required: `≤ ${Math.floor(floorRss * 1.6)} MB`,
      holds: rss <= floorRss * 1.6,
    });
  }
  for (const run of report.runs) {
    const aliases = scenario(run, 'aliases');
    if (aliases?.vendorCallsPerOperation !== undefined) {
      checks.push({
        target: `${run.vendorLatencyMs} ms vendors, kept: ×5 aliases of one lead → 1 vendor call`,
        measured: `${aliases.vendorCallsPerOperation} per operation (${aliases.countedOperations} counted)`,
        required: '1',
        holds: aliases.vendorCallsPerOperation === 1 && aliases.errors === 0,
      });
    }
    const herd = scenario(run, 'totals-herd');
    if (herd) {
      const zenCalls = herd.vendorCalls?.['Zen'] ?? 0;
      checks.push({
        target: `${run.vendorLatencyMs} ms vendors, kept: 1,000 concurrent \`distributionTotals\` → 1 Zen call, 0 errors`,
        measured: `${zenCalls} Zen call(s), ${herd.errors} error(s) in ${herd.requests} answers`,
        required: '1 call, 0 errors in 1000',
        holds: zenCalls === 1 && herd.errors === 0 && herd.requests === 1_000,
      });
    }
  }
  return checks;
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

const signed = (ms: number) => (ms >= 0 ? `+${ms}` : `${ms}`);

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
      '| scenario | req/s | × baseline | p50 ms | p99 ms | vs floor | vendor calls / op | errors | event-loop p99 ms | RSS MB |',
      '| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: |',
    );
    for (const m of [run.baseline, run.floor, ...run.server.scenarios]) {
      const calls = m.vendorCalls
        ? `${cell(m.vendorCallsPerOperation)} (${Object.entries(m.vendorCalls)
            .map(([vendor, n]) => `${vendor} ${n}`)
            .join(', ')})`
        : '—';
      const vsFloor = m.vsFloor
        ? `${m.vsFloor.ratio}×, p50 ${signed(m.vsFloor.p50OverMs)}, p99 ${signed(m.vsFloor.p99OverMs)} ms`
        : '—';
      lines.push(
        `| ${m.name} | ${m.requestsPerSecond} | ${cell(m.ratioToBaseline)} | ${m.latencyP50Ms} | ${m.latencyP99Ms} | ` +
          `${vsFloor} | ${calls} | ${m.errors} / ${m.requests} | ${cell(m.eventLoopDelayP99Ms)} | ${cell(m.rssAfterMb)} |`,
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
  const relative = checkRelativeTargets(report);
  if (relative.length > 0) {
    lines.push(
      '### Targets (issue 26: relative to the floor, the baseline and the floor server in this run)',
      '',
      '| target | measured | required in this run | holds |',
      '| --- | --- | --- | --- |',
      ...relative.map((c) => `| ${c.target} | ${c.measured} | ${c.required} | ${c.holds ? 'yes' : '**no**'} |`),
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
