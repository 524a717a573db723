// The embedded default: every vendor of the registry simulated on loopback, with its credentials.
// Loaded only by the start-up path that runs the simulators (src/index.ts), by tests and the bench.
import type { Config } from '../config.js';
import { DEFAULT_MAX_CONCURRENCY, DEFAULT_MAX_QUEUE, DEFAULT_TIMEOUT_MS } from '../config.js';
import { VENDOR_MODULES, type VendorConfigs, type VendorSimulators } from '../datasources/registry.js';
import type { VendorSimulator } from '../datasources/vendor-module.js';

export type EmbeddedVendors = VendorSimulators & {
  /** Vendor settings pointing at the simulators. */
  vendorConfigs(overrides?: { timeoutMs?: number; maxConcurrency?: number; maxQueue?: number }): VendorConfigs;
  /** Every simulator answers `ms` later from now on (see SimulatorServer.latencyMs). */
  setLatency(ms: number): void;
  close(): Promise<void>;
};

export interface SimulatorOptions {
  /** The clock of simulators whose answers depend on time (token lifetimes). @default Date.now */
  now?: () => number;
  /** Where they listen. @default '127.0.0.1' */
  host?: string;
  /** The host in their URLs. @default host */
  publicHost?: string;
  /** The first simulator's port, the next ones following it (in registry order); 0: free ports. @default 0 */
  firstPort?: number;
}

export async function startSimulators(options: SimulatorOptions = {}): Promise<EmbeddedVendors> {
  const { now, host, publicHost, firstPort = 0 } = options;
  const started = await Promise.all(
    VENDOR_MODULES.map(async (module, i) => {
      const listen = { port: firstPort === 0 ? 0 : firstPort + i, host, publicHost };
      return { module, simulator: await module.simulator.start({ now, listen }) };
    }),
  );
  const simulators: VendorSimulator[] = started.map((s) => s.simulator);
  // Each module's simulator under its config key, as VendorSimulators describes them.
  const byKey = Object.fromEntries(started.map((s) => [s.module.configKey, s.simulator])) as VendorSimulators;
  return {
    ...byKey,
    vendorConfigs: ({
      timeoutMs = DEFAULT_TIMEOUT_MS,
      maxConcurrency = DEFAULT_MAX_CONCURRENCY,
      maxQueue = DEFAULT_MAX_QUEUE,
    } = {}) => {
      const common = { timeoutMs, maxConcurrency, maxQueue, mode: 'SIMULATED' as const };
      return Object.fromEntries(
        started.map(({ module, simulator }) => [module.configKey, module.simulator.settings(simulator, common)]),
      );
    },
    setLatency: (ms) => {
      for (const simulator of simulators) simulator.latencyMs = ms;
    },
    close: async () => {
      await Promise.all(simulators.map((s) => s.close()));
    },
  };
}

export function withSimulatedVendors(config: Config, vendors: EmbeddedVendors): Config {
  return { ...config, vendors: vendors.vendorConfigs() };
}
