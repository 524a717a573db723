// BesChannels, as the registry sees it: its variables, its client and datasource, what it can do.
import { besChannelsProbe } from './check.js';
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
    toEnv: (settings) => ({
      BESCHANNELS_BASE_URL: settings.baseUrl,
      BESCHANNELS_APP_ID: settings.appId,
      BESCHANNELS_APP_SECRET: settings.appSecret,
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
  leadPolling: {
    defaultIntervalSeconds: 30,
    pageSize: 50,
    why: 'BesChannels publishes no rate limit; one page of 50 every 30 s is 2 calls a minute per token, however many subscribers and replicas',
  },
  probe: (settings) => besChannelsProbe(settings),
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
    async start({ now, listen }) {
      const { BesChannelsSimulator } = await import('../../simulators/beschannels.js');
      const simulator = new BesChannelsSimulator({ now });
      await simulator.start(listen.port, listen.host, listen.publicHost);
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
