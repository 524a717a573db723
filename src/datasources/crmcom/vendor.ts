// CRM.COM, as the registry sees it: its variables, its client and datasource, what it can do.
import { z } from 'zod';
import { crmComProbe } from './check.js';
import { defineVendor, httpUrl, optional, secret } from '../vendor-module.js';
import { CrmComApi, type CrmComConfig } from './api.js';
import { CrmComDataSource } from './datasource.js';

export const crmcom = defineVendor({
  vendor: 'CRMCOM',
  configKey: 'crmcom',
  variables: {
    prefix: 'CRMCOM',
    schema: {
      CRMCOM_BASE_URL: optional(httpUrl.refine((u) => u.endsWith('/crmapi/rest/v2'), 'must end with /crmapi/rest/v2')),
      CRMCOM_USERNAME: optional(secret),
      CRMCOM_PASSWORD: optional(secret),
      CRMCOM_ORGANISATION: optional(secret),
      CRMCOM_UNIT: optional(secret),
      CRMCOM_CONTACT_SEARCH: optional(z.enum(['true', 'false'])),
    },
    required: ['CRMCOM_BASE_URL', 'CRMCOM_USERNAME', 'CRMCOM_PASSWORD', 'CRMCOM_ORGANISATION'],
    settings: (env, common): CrmComConfig => ({
      ...common(env.CRMCOM_BASE_URL),
      username: env.CRMCOM_USERNAME,
      password: env.CRMCOM_PASSWORD,
      organisation: env.CRMCOM_ORGANISATION,
      ...(env.CRMCOM_UNIT ? { unit: env.CRMCOM_UNIT } : {}),
      ...(env.CRMCOM_CONTACT_SEARCH === 'true' ? { contactSearch: true } : {}),
    }),
    toEnv: (settings) => ({
      CRMCOM_BASE_URL: settings.baseUrl,
      CRMCOM_USERNAME: settings.username,
      CRMCOM_PASSWORD: settings.password,
      CRMCOM_ORGANISATION: settings.organisation,
      ...(settings.unit && { CRMCOM_UNIT: settings.unit }),
    }),
  },
  capabilities: {
    lookupById: true,
    lookupByPhone: true,
    lookupByEmail: true,
    list: true,
    writes: false,
    distributionTotals: false,
  },
  // Searches by phone and email only when told to (CRMCOM_CONTACT_SEARCH).
  capabilitiesWith: (settings) => {
    const capabilities = { lookupById: true, list: true, writes: false, distributionTotals: false };
    const contactSearch = settings?.contactSearch === true;
    return { ...capabilities, lookupByPhone: contactSearch, lookupByEmail: contactSearch };
  },
  assignsToFinancialEntity: false,
  holdsLeads: true,
  rateLimit: null,
  leadPolling: {
    defaultIntervalSeconds: 30,
    pageSize: 50,
    why: 'CRM.COM publishes no rate limit; `leads/list` of 50 every 30 s is 2 calls a minute per token, however many subscribers and replicas',
  },
  probe: (settings) => crmComProbe(settings),
  createClient: (settings: CrmComConfig, { http, tokens, now }) => ({
    api: new CrmComApi({
      config: settings,
      tokens,
      now,
      http: http(settings, () => [settings.password, ...tokens.secrets()]),
    }),
    contactSearch: settings.contactSearch === true,
  }),
  createDataSource: ({ api, contactSearch }, { operation, defaultPhoneRegion }) => ({
    leads: new CrmComDataSource({ api, defaultPhoneRegion, operation, contactSearch }),
  }),
  simulator: {
    async start({ listen }) {
      const { CrmComSimulator } = await import('../../simulators/crmcom.js');
      const simulator = new CrmComSimulator();
      await simulator.start(listen.port, listen.host, listen.publicHost);
      return simulator;
    },
    settings: (simulator, common) => ({ ...common, baseUrl: simulator.apiUrl, ...simulator.credentials }),
  },
});
