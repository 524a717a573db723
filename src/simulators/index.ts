// The embedded default: every vendor simulated on loopback, with its credentials.
import type { Config, VendorConfigs } from '../config.js';
import { DEFAULT_MAX_CONCURRENCY, DEFAULT_MAX_QUEUE, DEFAULT_TIMEOUT_MS, ZEN_DEFAULTS } from '../config.js';
import { BesChannelsSimulator } from './beschannels.js';
import { CrmComSimulator } from './crmcom.js';
import { LeanCoreSimulator } from './leancore.js';
import { ZenSimulator } from './zen.js';

export interface EmbeddedVendors {
  leancore: LeanCoreSimulator;
  beschannels: BesChannelsSimulator;
  crmcom: CrmComSimulator;
  zen: ZenSimulator;
  /** Vendor settings pointing at the simulators. */
  vendorConfigs(overrides?: { timeoutMs?: number; maxConcurrency?: number; maxQueue?: number }): VendorConfigs;
  /** Every simulator answers `ms` later from now on (see SimulatorServer.latencyMs). */
  setLatency(ms: number): void;
  close(): Promise<void>;
}

export interface SimulatorOptions {
  /** The clock of simulators whose answers depend on time (token lifetimes). @default Date.now */
  now?: () => number;
  /** Where they listen. @default '127.0.0.1' */
  host?: string;
  /** The host in their URLs. @default host */
  publicHost?: string;
  /** The first simulator's port, the next ones following it; 0: free ports. @default 0 */
  firstPort?: number;
}

export async function startSimulators(options: SimulatorOptions = {}): Promise<EmbeddedVendors> {
  const leancore = new LeanCoreSimulator();
  const beschannels = new BesChannelsSimulator({ now: options.now });
  const crmcom = new CrmComSimulator();
  const zen = new ZenSimulator();
  const simulators = [leancore, beschannels, crmcom, zen];
  const { host, publicHost, firstPort = 0 } = options;
  await Promise.all(simulators.map((s, i) => s.start(firstPort === 0 ? 0 : firstPort + i, host, publicHost)));
  return {
    leancore,
    beschannels,
    crmcom,
    zen,
    vendorConfigs: ({
      timeoutMs = DEFAULT_TIMEOUT_MS,
      maxConcurrency = DEFAULT_MAX_CONCURRENCY,
      maxQueue = DEFAULT_MAX_QUEUE,
    } = {}) => {
      const common = { timeoutMs, maxConcurrency, maxQueue, mode: 'SIMULATED' as const };
      return {
        leancore: { ...common, baseUrl: leancore.url, token: leancore.token },
        beschannels: {
          ...common,
          baseUrl: beschannels.url,
          appId: beschannels.appId,
          appSecret: beschannels.appSecret,
        },
        crmcom: { ...common, baseUrl: crmcom.apiUrl, ...crmcom.credentials },
        zen: { ...common, ...ZEN_DEFAULTS, baseUrl: zen.integrationUrl, token: zen.token },
      };
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
