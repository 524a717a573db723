// Wires the vendor datasources: `VendorClients` is built once per process (HTTP clients, token
// and response caches, keyed by credentials); `DataSources` once per GraphQL request (loaders).
import type { CountryCode } from 'libphonenumber-js/max';
import { GraphQLError } from 'graphql';
import { DEFAULT_TIMEOUT_MS, type Config, type VendorCommon } from '../config.js';
import { BadUserInputError, UnsupportedError, VendorNotConfiguredError } from '../errors.js';
import { parseGlobalId } from '../model/ids.js';
import type { Logger } from '../logger.js';
import type { VendorCapabilities } from '../__generated__/resolvers-types.js';
import type { LeadModel, LeadSearchModel, Vendor, VendorInfoModel } from '../model/models.js';
import { ALL_VENDORS, VENDORS } from '../model/vendors.js';
import { Metrics } from '../observability/metrics.js';
import type { Tracer } from '@opentelemetry/api';
import { BesChannelsApi } from './beschannels/api.js';
import { BesChannelsDataSource } from './beschannels/datasource.js';
import { VendorHttpClient, type VendorHttpOptions } from './shared/http.js';
import { CrmComApi } from './crmcom/api.js';
import { CrmComDataSource } from './crmcom/datasource.js';
import { LeanCoreApi } from './leancore/api.js';
import { AssignmentLog } from './leancore/assignments.js';
import { LeanCoreDataSource } from './leancore/datasource.js';
import { TokenCache } from './shared/token-cache.js';
import type { LeadEditor, LeadSource } from './shared/lead-source.js';
import { VendorErrorLog, type VendorErrorRecord } from './shared/vendor-errors.js';
import { createStore, type SharedStore } from './shared/store/index.js';
import type { Operation } from './shared/operation.js';
import { VendorGuard, type CircuitReport } from './shared/vendor-guard.js';
import { zenOrigin } from './zen/mapping.js';
import { ZenApi } from './zen/api.js';
import { ZenTotalsService } from './zen/totals.js';

/** More ids than this in one `leads(ids:)` is refused: each may cost a vendor call. */
export const MAX_IDS_PER_QUERY = 100;

export interface VendorClientsOptions {
  /** The clock of token expiry, budgets, caches and freshness. @default Date.now */
  now?: () => number;
  /** Where vendor calls and token issues are counted. @default a registry of its own */
  metrics?: Metrics;
  /** Traces vendor calls; only when tracing is on. */
  tracer?: Tracer;
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
  readonly leancore: LeanCoreApi | undefined;
  readonly beschannels: BesChannelsApi | undefined;
  readonly crmcom: CrmComApi | undefined;
  /** Budgets, single-flight locks and cached answers: Redis when REDIS_URL is set, else memory. */
  readonly store: SharedStore;
  readonly zen: ZenTotalsService | undefined;
  /** Each enabled vendor's hold, circuits, bulkhead and retry budget. */
  private readonly guards = new Map<Vendor, VendorGuard>();
  private readonly httpClients: VendorHttpClient[] = [];
  readonly metrics: Metrics;
  private readonly tracer: Tracer | undefined;

  constructor(
    readonly config: Config,
    readonly logger: Logger,
    options: VendorClientsOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    const now = this.now;
    const metrics = (this.metrics = options.metrics ?? new Metrics());
    this.tracer = options.tracer;
    this.tokens = new TokenCache({ now, onIssued: (vendor) => metrics.tokenIssued(vendor) });
    this.maskVendorMessages = config.nodeEnv === 'production';
    this.errorLog = new VendorErrorLog(now, this.maskVendorMessages);
    this.store = createStore({ redisUrl: config.redisUrl, keyPrefix: config.redisKeyPrefix, logger, now });
    const { leancore, beschannels, crmcom, zen } = config.vendors;
    this.leancore =
      leancore &&
      new LeanCoreApi({ token: leancore.token, http: this.httpClient('LEANCORE', leancore, () => [leancore.token]) });
    this.beschannels =
      beschannels &&
      new BesChannelsApi({
        config: beschannels,
        tokens: this.tokens,
        now,
        http: this.httpClient('BESCHANNELS', beschannels, () => [beschannels.appSecret, ...this.tokens.secrets()]),
      });
    this.crmcom =
      crmcom &&
      new CrmComApi({
        config: crmcom,
        tokens: this.tokens,
        now,
        http: this.httpClient('CRMCOM', crmcom, () => [crmcom.password, ...this.tokens.secrets()]),
      });
    this.zen =
      zen &&
      new ZenTotalsService({
        config: zen,
        store: this.store,
        logger,
        now,
        api: new ZenApi({
          config: zen,
          // No retries: Zen answers one call per 5 minutes, a retry would be refused (or worse, spend it).
          http: this.httpClient('ZEN', { ...zen, baseUrl: zenOrigin(zen.baseUrl) }, () => [zen.token], {
            readRetries: 0,
          }),
        }),
      });
    if (this.zen) metrics.zenBudget(this.zen.secondsUntilNextCall.bind(this.zen));
    metrics.circuitStates(() =>
      [...this.guards].flatMap(([vendor, guard]) => guard.describe().map((circuit) => ({ vendor, ...circuit }))),
    );
  }

  /** Every vendor's HTTP client: the same set-up, its own base URL, bounds and secrets to scrub. */
  private httpClient(
    vendor: Vendor,
    config: VendorCommon,
    secrets: () => readonly string[],
    overrides: Pick<VendorHttpOptions, 'readRetries'> = {},
  ): VendorHttpClient {
    const { baseUrl, timeoutMs, maxConcurrency, maxQueue } = config;
    const guard = new VendorGuard({
      vendor,
      holdScope: baseUrl,
      maxConcurrency,
      maxQueue,
      circuitOpenMs: this.config.resilience.circuitOpenMs,
      store: this.store,
      logger: this.logger,
      now: this.now,
    });
    this.guards.set(vendor, guard);
    const client = new VendorHttpClient({
      vendor,
      baseUrl,
      timeoutMs,
      guard,
      logger: this.logger,
      errorLog: this.errorLog,
      metrics: this.metrics,
      ...(this.tracer ? { tracer: this.tracer } : {}),
      secrets,
      ...overrides,
    });
    this.httpClients.push(client);
    return client;
  }

  /** Releases connections (the vendors', Redis). */
  async close(): Promise<void> {
    await Promise.all([this.store.close(), ...this.httpClients.map((client) => client.close())]);
  }

  isEnabled(vendor: Vendor): boolean {
    return this.config.vendors[VENDORS[vendor].configKey] !== undefined;
  }

  /** The bound on one search of this vendor, in ms (its configured call timeout). */
  timeoutMsOf(vendor: Vendor): number {
    return this.config.vendors[VENDORS[vendor].configKey]?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /**
   * Closes every circuit and lifts every hold, as if no vendor had failed yet: for an operator
   * who knows a vendor is back, and for tests that share one server.
   */
  async resetVendorGuards(): Promise<void> {
    await Promise.all([...this.guards.values()].map((guard) => guard.reset()));
  }

  /** The vendor's circuit breakers in this process (none before its first call). */
  circuitsOf(vendor: Vendor): CircuitReport[] {
    return this.guards.get(vendor)?.describe() ?? [];
  }

  /** Until when every replica holds calls to the vendor (it asked with Retry-After), if it does. */
  async heldUntil(vendor: Vendor): Promise<Date | null> {
    const until = await this.guards.get(vendor)?.heldUntil();
    return until ? new Date(until) : null;
  }

  describe(): VendorInfoModel[] {
    return ALL_VENDORS.map((vendor) => {
      const config = this.config.vendors[VENDORS[vendor].configKey];
      return {
        vendor,
        enabled: config !== undefined,
        mode: config?.mode ?? null,
        capabilities: this.capabilitiesOf(vendor),
      };
    });
  }

  /** What this graph can do with the vendor as configured: CRM.COM searches by contact only when told to. */
  private capabilitiesOf(vendor: Vendor): VendorCapabilities {
    const { capabilities } = VENDORS[vendor];
    if (vendor !== 'CRMCOM' || this.config.vendors.crmcom?.contactSearch === true) return capabilities;
    return { ...capabilities, lookupByPhone: false, lookupByEmail: false };
  }
}

/** The datasources of one GraphQL request. */
export class DataSources {
  readonly leancore: LeanCoreDataSource | undefined;
  readonly beschannels: BesChannelsDataSource | undefined;
  readonly crmcom: CrmComDataSource | undefined;
  private readonly leadSources: Partial<Record<Vendor, LeadSource>>;
  private readonly leadEditors: Partial<Record<Vendor, LeadEditor>>;
  /** The cross-vendor searches of this request by key (src/leads/people-search.ts shares them). */
  readonly searchesByKey = new Map<string, Promise<LeadSearchModel>>();

  constructor(
    readonly clients: VendorClients,
    /** The operation this request's vendor calls are made for. */
    readonly operation: Operation,
  ) {
    const { defaultPhoneRegion } = clients.config;
    this.leancore =
      clients.leancore &&
      new LeanCoreDataSource({
        api: clients.leancore,
        defaultPhoneRegion,
        assignments: clients.assignments,
        operation,
      });
    this.beschannels = clients.beschannels && new BesChannelsDataSource(clients.beschannels, operation);
    this.crmcom =
      clients.crmcom &&
      new CrmComDataSource({
        api: clients.crmcom,
        defaultPhoneRegion,
        operation,
        contactSearch: clients.config.vendors.crmcom?.contactSearch === true,
      });
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

  /** Region for phones written without a country code. */
  get defaultPhoneRegion(): CountryCode {
    return this.clients.config.defaultPhoneRegion;
  }

  /** Every vendor: configured or not, how, and what this graph can do with it. */
  describeVendors(): VendorInfoModel[] {
    return this.clients.describe();
  }

  /** The vendor's last failed call in this process, if any. */
  lastErrorOf(vendor: Vendor): VendorErrorRecord | null {
    return this.clients.errorLog.lastError(vendor);
  }

  /**
   * The lead a global id names, batched with the other loads of this tick. `selection` is the
   * Lead fields the client asked for (src/resolvers/selection.ts); absent means every field.
   */
  async loadLead(id: string, selection?: ReadonlySet<string>): Promise<LeadModel> {
    return this.prepareLeadLookup(id, 'id', selection)();
  }

  /**
   * The leads of `leads(ids:)`, one promise per id, in order. Every id is checked before any
   * vendor is called (a malformed one fails the whole field); then all loads start in the same
   * tick, so each vendor's DataLoader batches them into one round. An id of a vendor this
   * server cannot ask fails its own entry only.
   */
  loadLeads(ids: readonly string[], selection?: ReadonlySet<string>): Promise<LeadModel>[] {
    if (ids.length > MAX_IDS_PER_QUERY) {
      throw new BadUserInputError(`At most ${MAX_IDS_PER_QUERY} ids at once (got ${ids.length})`, 'ids');
    }
    const lookups = ids.map((id, index) => {
      try {
        return this.prepareLeadLookup(id, `ids[${index}]`, selection);
      } catch (error) {
        if (error instanceof BadUserInputError || !(error instanceof GraphQLError)) throw error;
        return () => Promise.reject(error);
      }
    });
    return lookups.map((load) => load());
  }

  /** Checks a global lead id (no vendor call) and returns its batched load; see LeadSource. */
  private prepareLeadLookup(id: string, field: string, selection?: ReadonlySet<string>): () => Promise<LeadModel> {
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
