// LeanCore, as the registry sees it: its variables, its client and datasource, what it can do.
import { leanCoreProbe } from './check.js';
import { defineVendor, httpUrl, optional, secret } from '../vendor-module.js';
import { LeanCoreApi, type LeanCoreConfig } from './api.js';
import { LeanCoreDataSource } from './datasource.js';

export const leancore = defineVendor({
  vendor: 'LEANCORE',
  configKey: 'leancore',
  variables: {
    prefix: 'LEANCORE',
    schema: { LEANCORE_BASE_URL: optional(httpUrl), LEANCORE_TOKEN: optional(secret) },
    required: ['LEANCORE_BASE_URL', 'LEANCORE_TOKEN'],
    settings: (env, common): LeanCoreConfig => ({
      ...common(env.LEANCORE_BASE_URL),
      token: env.LEANCORE_TOKEN,
    }),
    toEnv: (settings) => ({ LEANCORE_BASE_URL: settings.baseUrl, LEANCORE_TOKEN: settings.token }),
  },
  capabilities: {
    lookupById: true,
    lookupByPhone: true,
    lookupByEmail: false,
    list: false,
    writes: true,
    distributionTotals: false,
  },
  assignsToFinancialEntity: true,
  holdsLeads: true,
  rateLimit: null,
  probe: (settings) => leanCoreProbe(settings),
  createClient: (settings: LeanCoreConfig, { http, assignmentLog, sealer }) => ({
    api: new LeanCoreApi({ token: settings.token, http: http(settings, () => [settings.token]) }),
    // LeanCore cannot list an entity's leads: the shared store remembers what was assigned.
    assignments: assignmentLog('leancore'),
    // Its ids hold the lead's phone, sealed (decision 0111).
    sealer,
  }),
  createDataSource: ({ api, assignments, sealer }, { operation, defaultPhoneRegion }) => {
    const source = new LeanCoreDataSource({ api, assignments, sealer, operation, defaultPhoneRegion });
    return { leads: source, financialEntities: source };
  },
  simulator: {
    async start({ listen }) {
      const { LeanCoreSimulator } = await import('../../simulators/leancore.js');
      const simulator = new LeanCoreSimulator();
      await simulator.start(listen.port, listen.host, listen.publicHost);
      return simulator;
    },
    settings: (simulator, common) => ({ ...common, baseUrl: simulator.url, token: simulator.token }),
  },
});
