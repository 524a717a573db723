// Loaded into the server under test by ./per-operation.ts (`node --import …/probe.js
// dist/index.js`), never by the server itself: counts the work of a window of operations rather
// than timing it. The first SIGUSR2 opens the window, the second closes it and appends one JSON
// line to $PROBE_OUT: CPU µs (user + system), bytes allocated on the V8 heap (the growth of the
// used heap between collections, from v8.GCProfiler), collections and their pause. With
// $PROBE_HEAP_PROFILE set, the window's allocations are also sampled (V8's sampling heap
// profiler, collected objects included) and the profile written to `<that>.<window>.heapprofile`.
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
  };
  const out = process.env['PROBE_OUT'];
  const written = heapProfile ? stopSampling(`${heapProfile}.${windows}.heapprofile`) : Promise.resolve();
  windows += 1;
  void written.then(() => {
    if (out) appendFileSync(out, `${JSON.stringify(window)}\n`);
  });
});
