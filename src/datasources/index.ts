// Wires the vendor datasources: `VendorClients` is built once per process (HTTP clients, token
// and response caches, keyed by credentials); `DataSources` once per GraphQL request (loaders).
import type { VendorCapabilities, VendorRateLimit } from '../__generated__/resolvers-types.js';
import { DEFAULT_TIMEOUT_MS, type Config, type VendorCommon, type VendorConfigs } from '../config.js';
import { UnsupportedError, VendorNotConfiguredError } from '../errors.js';
import { parseGlobalId } from '../ids.js';
import type { Logger } from '../logger.js';
import { ALL_VENDORS, type LeadModel, type Vendor, type VendorInfoModel } from '../models.js';
import { BesChannelsApi } from './beschannels/api.js';
import { BESCHANNELS_CAPABILITIES, BesChannelsDataSource } from './beschannels/datasource.js';
import { VendorHttpClient, type VendorHttpOptions } from './http.js';
import { CRMCOM_CAPABILITIES, CrmComDataSource, type CrmComCredentials } from './crmcom/datasource.js';
import { AssignmentLog } from './leancore/assignments.js';
import { LEANCORE_CAPABILITIES, LeanCoreDataSource } from './leancore/datasource.js';
import { TokenCache } from './token-cache.js';
import { NO_CAPABILITIES, type LeadEditor, type LeadSource } from './lead-source.js';
import { VendorErrorLog } from './vendor-errors.js';
import { createStore, type SharedStore } from './store/index.js';
import { zenOrigin } from './zen/mapping.js';
import { ZenTotalsService } from './zen/totals.js';

const CONFIG_KEY: Record<Vendor, keyof VendorConfigs> = {
  LEANCORE: 'leancore',
  BESCHANNELS: 'beschannels',
  CRMCOM: 'crmcom',
  ZEN: 'zen',
};

/** What this graph can do with each vendor (vendors without a datasource yet can do nothing). */
export const CAPABILITIES: Record<Vendor, VendorCapabilities> = {
  LEANCORE: LEANCORE_CAPABILITIES,
  BESCHANNELS: BESCHANNELS_CAPABILITIES,
  CRMCOM: CRMCOM_CAPABILITIES,
  ZEN: { ...NO_CAPABILITIES, distributionTotals: true },
};

/** Each vendor's documented rate limit (null: it documents none). */
export const RATE_LIMITS: Record<Vendor, VendorRateLimit | null> = {
  LEANCORE: null,
  BESCHANNELS: null,
  CRMCOM: null,
  // Zen's page: "Uma requisição a cada 5 minutos", answered with HTTP 429 otherwise.
  ZEN: { requests: 1, perSeconds: 300, description: 'One lead-distribution request every 5 minutes' },
};

export interface VendorClientsOptions {
  /** The clock of token expiry, budgets, caches and freshness. @default Date.now */
  now?: () => number;
}

/** Process-wide vendor plumbing. */
export class VendorClients {
  readonly assignments = new AssignmentLog();
  /** Vendor access tokens, keyed by credentials (BesChannels, CRM.COM). */
  readonly tokens: TokenCache;
  readonly now: () => number;
  /** Production: clients get our messages, never a vendor's own words (those are only logged). */
  readonly maskVendorMessages: boolean;
  /** Each vendor's last failed call; every VendorHttpClient feeds it. */
  readonly errorLog: VendorErrorLog;
  readonly leancore: { http: VendorHttpClient; token: string } | undefined;
  readonly beschannels: BesChannelsApi | undefined;
  readonly crmcom: { http: VendorHttpClient; credentials: CrmComCredentials } | undefined;
  /** Budgets, single-flight locks and cached answers: Redis when REDIS_URL is set, else memory. */
  readonly store: SharedStore;
  readonly zen: ZenTotalsService | undefined;

  constructor(
    readonly config: Config,
    readonly logger: Logger,
    options: VendorClientsOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    const now = this.now;
    this.tokens = new TokenCache({ now });
    this.maskVendorMessages = config.nodeEnv === 'production';
    this.errorLog = new VendorErrorLog(now, this.maskVendorMessages);
    this.store = createStore({ redisUrl: config.redisUrl, keyPrefix: config.redisKeyPrefix, logger, now });
    const { leancore, beschannels, crmcom, zen } = config.vendors;
    this.leancore = leancore && {
      token: leancore.token,
      http: this.httpClient('LEANCORE', leancore, () => [leancore.token]),
    };
    this.beschannels =
      beschannels &&
      new BesChannelsApi({
        config: beschannels,
        tokens: this.tokens,
        now,
        http: this.httpClient('BESCHANNELS', beschannels, () => [beschannels.appSecret, ...this.tokens.secrets()]),
      });
    this.crmcom = crmcom && {
      credentials: {
        username: crmcom.username,
        password: crmcom.password,
        organisation: crmcom.organisation,
        ...(crmcom.unit ? { unit: crmcom.unit } : {}),
      },
      http: this.httpClient('CRMCOM', crmcom, () => [crmcom.password, ...this.tokens.secrets()]),
    };
    this.zen =
      zen &&
      new ZenTotalsService({
        config: zen,
        store: this.store,
        logger,
        now,
        // No retries: Zen answers one call per 5 minutes, a retry would be refused (or worse, spend it).
        http: this.httpClient('ZEN', { ...zen, baseUrl: zenOrigin(zen.baseUrl) }, () => [zen.token], {
          readRetries: 0,
        }),
      });
  }

  /** Every vendor's HTTP client: the same set-up, its own base URL, bounds and secrets to scrub. */
  private httpClient(
    vendor: Vendor,
    config: VendorCommon,
    secrets: () => readonly string[],
    overrides: Pick<VendorHttpOptions, 'readRetries'> = {},
  ): VendorHttpClient {
    const { baseUrl, timeoutMs, maxConcurrency } = config;
    return new VendorHttpClient({
      vendor,
      baseUrl,
      timeoutMs,
      maxConcurrency,
      logger: this.logger,
      errorLog: this.errorLog,
      secrets,
      ...overrides,
    });
  }

  /** Releases connections (Redis). */
  async close(): Promise<void> {
    await this.store.close();
  }

  isEnabled(vendor: Vendor): boolean {
    return this.config.vendors[CONFIG_KEY[vendor]] !== undefined;
  }

  /** The bound on one search of this vendor, in ms (its configured call timeout). */
  timeoutMsOf(vendor: Vendor): number {
    return this.config.vendors[CONFIG_KEY[vendor]]?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  describe(): VendorInfoModel[] {
    return ALL_VENDORS.map((vendor) => {
      const config = this.config.vendors[CONFIG_KEY[vendor]];
      return { vendor, enabled: config !== undefined, mode: config?.mode ?? null, capabilities: CAPABILITIES[vendor] };
    });
  }
}

/** The datasources of one GraphQL request. */
export class DataSources {
  readonly leancore: LeanCoreDataSource | undefined;
  readonly beschannels: BesChannelsDataSource | undefined;
  readonly crmcom: CrmComDataSource | undefined;
  private readonly leadSources: Partial<Record<Vendor, LeadSource>>;
  private readonly leadEditors: Partial<Record<Vendor, LeadEditor>>;

  constructor(readonly clients: VendorClients) {
    const { defaultPhoneRegion } = clients.config;
    this.leancore =
      clients.leancore &&
      new LeanCoreDataSource({ ...clients.leancore, defaultPhoneRegion, assignments: clients.assignments });
    this.beschannels = clients.beschannels && new BesChannelsDataSource(clients.beschannels);
    this.crmcom =
      clients.crmcom &&
      new CrmComDataSource({ ...clients.crmcom, tokens: clients.tokens, now: clients.now, defaultPhoneRegion });
    this.leadSources = { LEANCORE: this.leancore, BESCHANNELS: this.beschannels, CRMCOM: this.crmcom };
    this.leadEditors = { BESCHANNELS: this.beschannels };
  }

  /** The vendor's lead writes (and remarks), or a clear error when it is not configured or takes none. */
  leadEditor(vendor: Vendor): LeadEditor {
    if (!this.clients.isEnabled(vendor)) throw new VendorNotConfiguredError(vendor);
    const editor = this.leadEditors[vendor];
    if (!editor) throw new UnsupportedError(vendor, 'lead writes or remarks');
    return editor;
  }

  /** The editor of the vendor a global lead id names, with that vendor's key for the lead. */
  leadEditorOf(id: string, field = 'id'): { editor: LeadEditor; vendor: Vendor; key: string } {
    const { vendor, key } = parseGlobalId(id, field);
    return { editor: this.leadEditor(vendor), vendor, key };
  }

  /** The vendor's lead datasource, or a clear error when it is not configured or holds no leads here. */
  leadSource(vendor: Vendor): LeadSource {
    if (!this.clients.isEnabled(vendor)) throw new VendorNotConfiguredError(vendor);
    const source = this.leadSources[vendor];
    if (!source) throw new UnsupportedError(vendor, 'looking up leads');
    return source;
  }

  /**
   * Checks a global lead id (no vendor call) and returns its batched load; see
   * LeadSource.prepareLeadLookup.
   */
  prepareLeadLookup(id: string, field = 'id', selection?: ReadonlySet<string>): () => Promise<LeadModel> {
    const { vendor, key } = parseGlobalId(id, field);
    return this.leadSource(vendor).prepareLeadLookup(key, { field, selection });
  }

  requireZen(): ZenTotalsService {
    if (!this.clients.zen) throw new VendorNotConfiguredError('ZEN');
    return this.clients.zen;
  }

  requireLeanCore(): LeanCoreDataSource {
    if (!this.leancore) throw new VendorNotConfiguredError('LEANCORE');
    return this.leancore;
  }
}
