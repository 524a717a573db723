// The environment of the server under test, shared by ./run.ts and ./per-operation.ts.
import type { VendorConfigs } from '../src/config.js';

/** Production, an API key, every vendor pointed at a simulator, plus `extra` settings. */
export function serverEnv(
  port: number,
  vendors: VendorConfigs,
  apiKey: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  const { leancore, beschannels, crmcom, zen } = vendors;
  if (!leancore || !beschannels || !crmcom || !zen) throw new Error('a simulator is missing');
  return {
    NODE_ENV: 'production',
    PORT: String(port),
    // Seals the phone in LeanCore's ids (required in production).
    LEAD_ID_KEY: 'a-production-lead-id-key-0000000001',
    API_KEYS: apiKey,
    // The bench scrapes /metrics on loopback.
    METRICS_PUBLIC: 'true',
    LEANCORE_BASE_URL: leancore.baseUrl,
    LEANCORE_TOKEN: leancore.token,
    BESCHANNELS_BASE_URL: beschannels.baseUrl,
    BESCHANNELS_APP_ID: beschannels.appId,
    BESCHANNELS_APP_SECRET: beschannels.appSecret,
    CRMCOM_BASE_URL: crmcom.baseUrl,
    CRMCOM_USERNAME: crmcom.username,
    CRMCOM_PASSWORD: crmcom.password,
    CRMCOM_ORGANISATION: crmcom.organisation,
    // The simulator has the contact filter: the search scenario keeps asking all three CRMs.
    CRMCOM_CONTACT_SEARCH: 'true',
    ZEN_URL: zen.baseUrl,
    ZEN_TOKEN: zen.token,
    ...extra,
  };
}
