// Wires the vendor datasources: `VendorClients` is built once per process (HTTP clients, token
// and response caches, keyed by credentials); `DataSources` once per GraphQL request (loaders).
import type { VendorCapabilities } from '../__generated__/resolvers-types.js';
import type { Config, VendorConfigs } from '../config.js';
import { UnsupportedError, VendorNotConfiguredError } from '../errors.js';
import { parseGlobalId } from '../ids.js';
import type { Logger } from '../logger.js';
import { ALL_VENDORS, type LeadModel, type Vendor, type VendorInfoModel } from '../models.js';
import { BesChannelsApi } from './beschannels/api.js';
import { BESCHANNELS_CAPABILITIES, BesChannelsDataSource } from './beschannels/datasource.js';
import { VendorHttpClient } from './http.js';
import { AssignmentLog } from './leancore/assignments.js';
import { LEANCORE_CAPABILITIES, LeanCoreDataSource } from './leancore/datasource.js';
import { TokenCache } from './token-cache.js';
import { NO_CAPABILITIES, type LeadEditor, type LeadSource } from './lead-source.js';

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
  CRMCOM: NO_CAPABILITIES,
  ZEN: NO_CAPABILITIES,
};

export interface VendorClientsOptions {
  /** The clock of token lifetimes. @default Date.now */
  now?: () => number;
}

/** Process-wide vendor plumbing. */
export class VendorClients {
  readonly assignments = new AssignmentLog();
  /** Vendor access tokens, keyed by credentials (BesChannels, CRM.COM). */
  readonly tokens: TokenCache;
  readonly leancore: { http: VendorHttpClient; token: string } | undefined;
  readonly beschannels: BesChannelsApi | undefined;

  constructor(
    readonly config: Config,
    readonly logger: Logger,
    options: VendorClientsOptions = {},
  ) {
    const now = options.now ?? Date.now;
    this.tokens = new TokenCache({ now });
    const leancore = config.vendors.leancore;
    this.leancore = leancore && {
      token: leancore.token,
      http: new VendorHttpClient({ vendor: 'LEANCORE', ...leancore, logger, secrets: () => [leancore.token] }),
    };
    const beschannels = config.vendors.beschannels;
    this.beschannels = beschannels && new BesChannelsApi(beschannels, logger, this.tokens, now);
  }

  isEnabled(vendor: Vendor): boolean {
    return this.config.vendors[CONFIG_KEY[vendor]] !== undefined;
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
  private readonly leadSources: Partial<Record<Vendor, LeadSource>>;
  private readonly leadEditors: Partial<Record<Vendor, LeadEditor>>;

  constructor(readonly clients: VendorClients) {
    const { defaultPhoneRegion } = clients.config;
    this.leancore =
      clients.leancore &&
      new LeanCoreDataSource({ ...clients.leancore, defaultPhoneRegion, assignments: clients.assignments });
    this.beschannels = clients.beschannels && new BesChannelsDataSource(clients.beschannels);
    this.leadSources = { LEANCORE: this.leancore, BESCHANNELS: this.beschannels };
    this.leadEditors = { BESCHANNELS: this.beschannels };
  }

  /** The vendor's lead writes (and remarks), or a clear error when it is not configured or takes none. */
  leadEditor(vendor: Vendor): LeadEditor {
    if (!this.clients.isEnabled(vendor)) throw new VendorNotConfiguredError(vendor);
    const editor = this.leadEditors[vendor];
    if (!editor) throw new UnsupportedError(vendor, 'lead writes or remarks');
    return editor;
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
  prepareLeadLookup(id: string, field = 'id'): () => Promise<LeadModel> {
    const { vendor, key } = parseGlobalId(id, field);
    return this.leadSource(vendor).prepareLeadLookup(key, field);
  }

  requireLeanCore(): LeanCoreDataSource {
    if (!this.leancore) throw new VendorNotConfiguredError('LEANCORE');
    return this.leancore;
  }
}
