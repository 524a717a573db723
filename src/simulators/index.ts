// The embedded default: every vendor simulated on loopback, with its credentials.
import type { Config, VendorConfigs } from '../config.js';
import { DEFAULT_MAX_CONCURRENCY, DEFAULT_TIMEOUT_MS, ZEN_DEFAULTS } from '../config.js';
import { CrmComSimulator } from './crmcom.js';
import { LeanCoreSimulator } from './leancore.js';
import { ZenSimulator } from './zen.js';

export interface EmbeddedVendors {
  leancore: LeanCoreSimulator;
  crmcom: CrmComSimulator;
  zen: ZenSimulator;
  /** Vendor settings pointing at the simulators. */
  vendorConfigs(overrides?: { timeoutMs?: number; maxConcurrency?: number }): VendorConfigs;
  close(): Promise<void>;
}

export async function startSimulators(): Promise<EmbeddedVendors> {
  const leancore = new LeanCoreSimulator();
  const crmcom = new CrmComSimulator();
  const zen = new ZenSimulator();
  const simulators = [leancore, crmcom, zen];
  await Promise.all(simulators.map((s) => s.start()));
  return {
    leancore,
    crmcom,
    zen,
    vendorConfigs: ({ timeoutMs = DEFAULT_TIMEOUT_MS, maxConcurrency = DEFAULT_MAX_CONCURRENCY } = {}) => {
      const common = { timeoutMs, maxConcurrency, mode: 'SIMULATED' as const };
      return {
        leancore: { ...common, baseUrl: leancore.url, token: leancore.token },
        crmcom: { ...common, baseUrl: crmcom.apiUrl, ...crmcom.credentials },
        zen: { ...common, ...ZEN_DEFAULTS, baseUrl: zen.integrationUrl, token: zen.token },
      };
    },
    close: async () => {
      await Promise.all(simulators.map((s) => s.close()));
    },
  };
}

export function withSimulatedVendors(config: Config, vendors: EmbeddedVendors): Config {
  return { ...config, vendors: vendors.vendorConfigs() };
}
