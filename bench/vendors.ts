// The bench's handle on the vendor simulators, which run in their own process
// (./vendor-process.ts); forked, it inherits the bench's CPU (the load generator's) when pinned.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { VendorConfigs } from '../src/config.js';

export type VendorCommand =
  { type: 'latency'; ms: number } | { type: 'counts' } | { type: 'reset' } | { type: 'close' };
export type VendorReply =
  { type: 'ready'; vendors: VendorConfigs } | { type: 'done' } | { type: 'counts'; counts: Record<string, number> };

export interface BenchVendors {
  /** Vendor settings pointing at the simulators. */
  configs: VendorConfigs;
  setLatency(ms: number): Promise<void>;
  /** Calls each simulator received since the last reset, by vendor name. */
  counts(): Promise<Record<string, number>>;
  resetCounts(): Promise<void>;
  close(): Promise<void>;
}

export async function startBenchVendors(entry: string): Promise<BenchVendors> {
  const child: ChildProcess = fork(entry, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  // Rejects if the simulators' process ends: every wait for an answer races it.
  const died = new Promise<never>((_, reject) => {
    child.once('exit', (code) => reject(new Error(`the vendor simulators exited (${code})`)));
  });
  died.catch(() => undefined);
  const reply = async () => ((await Promise.race([once(child, 'message'), died])) as [VendorReply])[0];
  // Commands are answered one at a time, in order.
  let queue = Promise.resolve<unknown>(undefined);
  const ask = <T extends VendorReply['type']>(message: VendorCommand, expected: T) => {
    const answer = queue.then(async () => {
      const replied = reply();
      child.send(message);
      const received = await replied;
      if (received.type !== expected) throw new Error(`vendor simulators answered ${received.type}, not ${expected}`);
      return received as Extract<VendorReply, { type: T }>;
    });
    queue = answer.catch(() => undefined);
    return answer;
  };
  const ready = await reply();
  if (ready.type !== 'ready') throw new Error('the vendor simulators did not start');
  return {
    configs: ready.vendors,
    setLatency: async (ms) => void (await ask({ type: 'latency', ms }, 'done')),
    counts: async () => (await ask({ type: 'counts' }, 'counts')).counts,
    resetCounts: async () => void (await ask({ type: 'reset' }, 'done')),
    close: async () => {
      const exited = once(child, 'exit');
      child.send({ type: 'close' } satisfies VendorCommand);
      await exited;
    },
  };
}
