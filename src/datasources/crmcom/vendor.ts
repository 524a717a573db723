// CRM.COM, as the registry sees it: its variables, its client and datasource, what it can do.
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
    },
    required: ['CRMCOM_BASE_URL', 'CRMCOM_USERNAME', 'CRMCOM_PASSWORD', 'CRMCOM_ORGANISATION'],
    settings: (env, common): CrmComConfig => ({
      ...common(env.CRMCOM_BASE_URL),
      username: env.CRMCOM_USERNAME,
      password: env.CRMCOM_PASSWORD,
      organisation: env.CRMCOM_ORGANISATION,
      ...(env.CRMCOM_UNIT ? { unit: env.CRMCOM_UNIT } : {}),
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
  assignsToFinancialEntity: false,
  holdsLeads: true,
  rateLimit: null,
  createClient: (settings: CrmComConfig, { http, tokens, now }) =>
    new CrmComApi({
      config: settings,
      tokens,
      now,
      http: http(settings, () => [settings.password, ...tokens.secrets()]),
    }),
  createDataSource: (api, { operation, defaultPhoneRegion }) => ({
    leads: new CrmComDataSource({ api, defaultPhoneRegion, operation }),
  }),
  simulator: {
    async start() {
      const { CrmComSimulator } = await import('../../simulators/crmcom.js');
      const simulator = new CrmComSimulator();
      await simulator.start();
      return simulator;
    },
    settings: (simulator, common) => ({ ...common, baseUrl: simulator.apiUrl, ...simulator.credentials }),
  },
});
