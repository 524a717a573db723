// BesChannels, as the registry sees it: its variables, its client and datasource, what it can do.
import { defineVendor, httpUrl, optional, secret } from '../vendor-module.js';
import { BesChannelsApi, type BesChannelsConfig } from './api.js';
import { BesChannelsDataSource } from './datasource.js';

export const beschannels = defineVendor({
  vendor: 'BESCHANNELS',
  configKey: 'beschannels',
  variables: {
    prefix: 'BESCHANNELS',
    schema: {
      BESCHANNELS_BASE_URL: optional(httpUrl),
      BESCHANNELS_APP_ID: optional(secret),
      BESCHANNELS_APP_SECRET: optional(secret),
    },
    required: ['BESCHANNELS_BASE_URL', 'BESCHANNELS_APP_ID', 'BESCHANNELS_APP_SECRET'],
    settings: (env, common): BesChannelsConfig => ({
      ...common(env.BESCHANNELS_BASE_URL),
      appId: env.BESCHANNELS_APP_ID,
      appSecret: env.BESCHANNELS_APP_SECRET,
    }),
  },
  capabilities: {
    lookupById: true,
    lookupByPhone: true,
    lookupByEmail: true,
    list: true,
    writes: true,
    distributionTotals: false,
  },
  assignsToFinancialEntity: false,
  holdsLeads: true,
  rateLimit: null,
  createClient: (settings: BesChannelsConfig, { http, tokens, now }) =>
    new BesChannelsApi({
      config: settings,
      tokens,
      now,
      http: http(settings, () => [settings.appSecret, ...tokens.secrets()]),
    }),
  createDataSource: (api, { operation }) => {
    const source = new BesChannelsDataSource(api, operation);
    return { leads: source, editor: source };
  },
  simulator: {
    async start({ now }) {
      const { BesChannelsSimulator } = await import('../../simulators/beschannels.js');
      const simulator = new BesChannelsSimulator({ now });
      await simulator.start();
      return simulator;
    },
    settings: (simulator, common) => ({
      ...common,
      baseUrl: simulator.url,
      appId: simulator.appId,
      appSecret: simulator.appSecret,
    }),
  },
});
