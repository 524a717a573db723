// Zen, as the registry sees it: its variables, its client and datasource, what it can do.
import { z } from 'zod';
import { zenProbe } from './check.js';
import { defineVendor, httpUrl, optional, secret, timeZone, ttlSeconds } from '../vendor-module.js';
import { ZEN_DEFAULTS, ZenApi, type ZenConfig } from './api.js';
import { zenOrigin } from './mapping.js';
import { ZenTotalsService } from './totals.js';

export const zen = defineVendor({
  vendor: 'ZEN',
  configKey: 'zen',
  variables: {
    prefix: 'ZEN',
    schema: {
      ZEN_URL: optional(httpUrl),
      ZEN_TOKEN: optional(secret),
      ZEN_TIME_ZONE: optional(timeZone),
      ZEN_CACHE_TODAY_TTL_SECONDS: optional(ttlSeconds),
      ZEN_CACHE_PAST_TTL_SECONDS: optional(ttlSeconds),
      ZEN_STORE_WAIT_MS: optional(z.coerce.number().int().min(10).max(10_000)),
    },
    required: ['ZEN_URL', 'ZEN_TOKEN'],
    settings: (env, common): ZenConfig => ({
      ...common(env.ZEN_URL),
      token: env.ZEN_TOKEN,
      timeZone: env.ZEN_TIME_ZONE ?? ZEN_DEFAULTS.timeZone,
      todayTtlSeconds: env.ZEN_CACHE_TODAY_TTL_SECONDS ?? ZEN_DEFAULTS.todayTtlSeconds,
      pastDayTtlSeconds: env.ZEN_CACHE_PAST_TTL_SECONDS ?? ZEN_DEFAULTS.pastDayTtlSeconds,
      storeWaitMs: env.ZEN_STORE_WAIT_MS ?? ZEN_DEFAULTS.storeWaitMs,
    }),
    toEnv: (settings) => ({ ZEN_URL: settings.baseUrl, ZEN_TOKEN: settings.token, ZEN_TIME_ZONE: settings.timeZone }),
  },
  capabilities: {
    lookupById: false,
    lookupByPhone: false,
    lookupByEmail: false,
    list: false,
    writes: false,
    distributionTotals: true,
  },
  assignsToFinancialEntity: false,
  holdsLeads: false,
  // Zen's page: "Uma requisição a cada 5 minutos", answered with HTTP 429 otherwise.
  rateLimit: { requests: 1, perSeconds: 300, description: 'One lead-distribution request every 5 minutes' },
  probe: (settings, { spendRateLimitedCall, now }) => zenProbe(settings, { spendWindow: spendRateLimitedCall, now }),
  createClient: (settings: ZenConfig, { http, store, logger, now, metrics }) => {
    const service = new ZenTotalsService({
      config: settings,
      store,
      logger,
      now,
      api: new ZenApi({
        config: settings,
        // No retries: Zen answers one call per 5 minutes, a retry would be refused (or worse, spend it).
        http: http({ ...settings, baseUrl: zenOrigin(settings.baseUrl) }, () => [settings.token], { readRetries: 0 }),
      }),
    });
    metrics.callBudget({
      name: 'leadgraph_zen_budget_seconds',
      help: 'Seconds until Zen may be called again (0: a call is allowed now)',
      secondsUntilNextCall: () => service.secondsUntilNextCall(),
    });
    return service;
  },
  createDataSource: (service, { operation }) => ({
    distributionTotals: {
      vendor: 'ZEN',
      totals: (date) => service.totals(date, operation),
      maxAgeSeconds: (totals) => service.maxAgeSeconds(totals),
    },
  }),
  simulator: {
    async start({ listen }) {
      const { ZenSimulator } = await import('../../simulators/zen.js');
      const simulator = new ZenSimulator();
      await simulator.start(listen.port, listen.host, listen.publicHost);
      return simulator;
    },
    settings: (simulator, common) => ({
      ...common,
      ...ZEN_DEFAULTS,
      baseUrl: simulator.integrationUrl,
      token: simulator.token,
    }),
  },
});
