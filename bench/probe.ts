// Loaded into the server under test by ./per-operation.ts (`node --import …/probe.js
// dist/index.js`), never by the server itself: counts the work of a window of operations rather
// than timing it. The first SIGUSR2 opens the window, the second closes it and appends one JSON
// line to $PROBE_OUT: CPU µs (user + system), bytes allocated on the V8 heap (the growth of the
// used heap between collections, from v8.GCProfiler), collections and their pause. With
// $PROBE_HEAP_PROFILE set, the window's allocations are also sampled (V8's sampling heap
// profiler, collected objects included) and the profile written to `<that>.<window>.heapprofile`.
// With $PROBE_TIMELINE set, each request's steps are timed too (node:http's and undici's
// diagnostics channels; one connection, so that each vendor call belongs to the request in flight):
// arrival → vendor request made (parse, validate, context, resolvers, loader dispatch) → its
// headers written → the vendor's headers → its body → the answer written; medians in the window.
import { subscribe } from 'node:diagnostics_channel';
import { appendFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { GCProfiler, getHeapStatistics } from 'node:v8';

export interface ProbeWindow {
  cpuMicros: number;
  allocatedBytes: number;
  collections: number;
  gcPauseMs: number;
  /** RSS when the window closed. */
  rssBytes: number;
  /** Median ms of each step of a request, with $PROBE_TIMELINE. */
  timeline?: Record<string, number>;
}

const STEPS = [
  'arrival → vendor request made',
  'made → headers written',
  'written → vendor headers',
  'vendor headers → body',
  'body → answer written',
  'arrival → answer written',
] as const;

interface Marks {
  arrival: number;
  made?: number;
  written?: number;
  headers?: number;
  body?: number;
}

let current: Marks | undefined;
let timings: number[][] | undefined;

if (process.env['PROBE_TIMELINE']) {
  subscribe('http.server.request.start', (message) => {
    const marks: Marks = { arrival: performance.now() };
    current = marks;
    const { response } = message as { response: NodeJS.EventEmitter };
    response.once('finish', () => {
      const done = performance.now();
      const { arrival, made, written, headers, body } = marks;
      if (timings && made !== undefined && written !== undefined && headers !== undefined && body !== undefined) {
        const steps = [made - arrival, written - made, headers - written, body - headers, done - body, done - arrival];
        steps.forEach((ms, i) => timings?.[i]?.push(ms));
      }
    });
  });
  // The first vendor call of the request (a token call, if any, comes first).
  subscribe('undici:request:create', () => {
    if (current && current.made === undefined) current.made = performance.now();
  });
  subscribe('undici:client:sendHeaders', () => {
    if (current && current.written === undefined) current.written = performance.now();
  });
  subscribe('undici:request:headers', () => {
    if (current && current.headers === undefined) current.headers = performance.now();
  });
  subscribe('undici:request:trailers', () => {
    if (current && current.body === undefined) current.body = performance.now();
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.floor(sorted.length / 2)] ?? NaN) * 100) / 100;
}

interface Open {
  profiler: GCProfiler;
  cpu: NodeJS.CpuUsage;
  usedHeap: number;
}

let open: Open | undefined;
const heapProfile = process.env['PROBE_HEAP_PROFILE'];
let session: Session | undefined;
let windows = 0;

function post(method: string, params: object = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    session?.post(method, params, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function startSampling(): Promise<void> {
  session = new Session();
  session.connect();
  await post('HeapProfiler.enable');
  await post('HeapProfiler.startSampling', {
    samplingInterval: 1024,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
}

async function stopSampling(file: string): Promise<void> {
  const result = (await post('HeapProfiler.stopSampling')) as { profile: unknown };
  writeFileSync(file, JSON.stringify(result.profile));
  session?.disconnect();
  session = undefined;
}

process.on('SIGUSR2', () => {
  if (!open) {
    const profiler = new GCProfiler();
    profiler.start();
    open = { profiler, cpu: process.cpuUsage(), usedHeap: getHeapStatistics().used_heap_size };
    if (heapProfile) void startSampling();
    timings = STEPS.map(() => []);
    return;
  }
  const { profiler, cpu, usedHeap } = open;
  open = undefined;
  const cpuUsed = process.cpuUsage(cpu);
  const usedAtEnd = getHeapStatistics().used_heap_size;
  const statistics = profiler.stop()?.statistics ?? [];
  let allocated = 0;
  let after = usedHeap;
  let pauseMicros = 0;
  for (const gc of statistics) {
    allocated += gc.beforeGC.heapStatistics.usedHeapSize - after;
    after = gc.afterGC.heapStatistics.usedHeapSize;
    pauseMicros += gc.cost;
  }
  allocated += usedAtEnd - after;
  const window: ProbeWindow = {
    cpuMicros: cpuUsed.user + cpuUsed.system,
    allocatedBytes: allocated,
    collections: statistics.length,
    gcPauseMs: pauseMicros / 1000,
    rssBytes: process.memoryUsage.rss(),
    ...(timings && timings[0]?.length
      ? { timeline: Object.fromEntries(STEPS.map((step, i) => [step, median(timings?.[i] ?? [])])) }
      : {}),
  };
  timings = undefined;
  const out = process.env['PROBE_OUT'];
  const written = heapProfile ? stopSampling(`${heapProfile}.${windows}.heapprofile`) : Promise.resolve();
  windows += 1;
  void written.then(() => {
    if (out) appendFileSync(out, `${JSON.stringify(window)}\n`);
  });
});
