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
}

export async function startSimulators(options: SimulatorOptions = {}): Promise<EmbeddedVendors> {
  const started = await Promise.all(
    VENDOR_MODULES.map(async (module) => ({ module, simulator: await module.simulator.start(options) })),
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
