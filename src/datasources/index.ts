// Wires the vendor datasources: `VendorClients` is built once per process (HTTP clients, token
// and response caches, keyed by credentials); `DataSources` once per GraphQL request (loaders).
import type { CountryCode } from 'libphonenumber-js/max';
import { GraphQLError } from 'graphql';
import type { Tracer } from '@opentelemetry/api';
import {
  DEFAULT_ASSIGNMENT_LOG_MAX_PER_ENTITY,
  DEFAULT_ASSIGNMENT_LOG_TTL_SECONDS,
  DEFAULT_TIMEOUT_MS,
  redisConnectionOf,
  type Config,
} from '../config.js';
import { BadUserInputError, UnsupportedError, VendorNotConfiguredError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { DistributionTotalsSource, FinancialEntityAssigner, LeadEditor, LeadSource } from '../model/contract.js';
import { parseGlobalId, toGlobalId } from '../model/ids.js';
import type { LeadModel, LeadSearchModel, Vendor, VendorInfoModel, VendorRateLimit } from '../model/models.js';
import { vendorName } from '../model/vendors.js';
import { Metrics } from '../observability/metrics.js';
import type { Operation } from '../request/operation.js';
import { VENDOR_MODULES, settingsOf, vendorModule } from './registry.js';
import { AssignmentLog } from './shared/assignment-log.js';
import { VendorHttpClient, type VendorHttpOptions } from './shared/http.js';
import { DEVELOPMENT_LEAD_ID_KEYS, KeySealer } from './shared/sealed-keys.js';
import { createStore, type SharedStore } from './shared/store/index.js';
import { TokenCache } from './shared/token-cache.js';
import { VendorErrorLog, type VendorErrorRecord } from './shared/vendor-errors.js';
import { VendorGuard, type CircuitReport } from './shared/vendor-guard.js';
import type { VendorClientContext, VendorCommon, VendorDataSource } from './vendor-module.js';

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
  /** Vendor access tokens, keyed by credentials. */
  readonly tokens: TokenCache;
  readonly now: () => number;
  /** Production: clients get our messages, never a vendor's own words (those are only logged). */
  readonly maskVendorMessages: boolean;
  /** Each vendor's last failed call; every VendorHttpClient feeds it. */
  readonly errorLog: VendorErrorLog;
  /** Budgets, single-flight locks and cached answers: Redis when REDIS_URL is set, else memory. */
  readonly store: SharedStore;
  /** Each enabled vendor's client (its module's createClient). */
  private readonly vendorClients = new Map<Vendor, unknown>();
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
    const redis = redisConnectionOf(config);
    this.store = createStore({ ...(redis ? { redis } : {}), keyPrefix: config.redisKeyPrefix, logger, now });
    const context: VendorClientContext = {
      http: (settings, secrets, overrides) => this.httpClient(module.vendor, settings, secrets, overrides),
      tokens: this.tokens,
      store: this.store,
      assignmentLog: (scope) =>
        new AssignmentLog({
          store: this.store,
          scope,
          maxPerEntity: config.assignmentLog?.maxPerEntity ?? DEFAULT_ASSIGNMENT_LOG_MAX_PER_ENTITY,
          ttlSeconds: config.assignmentLog?.ttlSeconds ?? DEFAULT_ASSIGNMENT_LOG_TTL_SECONDS,
          logger,
        }),
      logger,
      now,
      metrics,
      sealer: new KeySealer(config.leadIdKeys ?? DEVELOPMENT_LEAD_ID_KEYS),
    };
    let module = VENDOR_MODULES[0]!;
    for (module of VENDOR_MODULES) {
      const settings = settingsOf(config.vendors, module.vendor);
      if (settings) this.vendorClients.set(module.vendor, module.createClient(settings, context));
    }
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
    return this.vendorClients.has(vendor);
  }

  /** The bound on one search of this vendor, in ms (its configured call timeout). */
  timeoutMsOf(vendor: Vendor): number {
    return settingsOf(this.config.vendors, vendor)?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** The vendor's capabilities for one request (none when it is not configured). */
  dataSourceOf(vendor: Vendor, operation: Operation): VendorDataSource | undefined {
    if (!this.vendorClients.has(vendor)) return undefined;
    const { defaultPhoneRegion } = this.config;
    return vendorModule(vendor).createDataSource(this.vendorClients.get(vendor), { operation, defaultPhoneRegion });
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
    return VENDOR_MODULES.map((module) => {
      const settings = settingsOf(this.config.vendors, module.vendor);
      return {
        vendor: module.vendor,
        enabled: settings !== undefined,
        mode: settings?.mode ?? null,
        capabilities: module.capabilitiesWith?.(settings) ?? module.capabilities,
      };
    });
  }
}

/** The datasources of one GraphQL request: each enabled vendor's capabilities. */
export class DataSources {
  private readonly byVendor = new Map<Vendor, VendorDataSource>();
  /** The cross-vendor searches of this request by key (src/leads/people-search.ts shares them). */
  readonly searchesByKey = new Map<string, Promise<LeadSearchModel>>();
  /**
   * This request's lead loads by selection and id: `_entities` and `leads(ids:)` name the same
   * lead many times, and each mention after the first gets the first's promise without parsing
   * the id or going through the vendor's loader again (issue 26). Forgotten whenever a write may
   * follow (an editor or assigner is asked for), so that a read after a write reads it anew.
   */
  private readonly leadLoads = new Map<ReadonlySet<string> | undefined, Map<string, Promise<LeadModel>>>();

  constructor(
    readonly clients: VendorClients,
    /** The operation this request's vendor calls are made for. */
    readonly operation: Operation,
  ) {
    for (const { vendor } of VENDOR_MODULES) {
      const dataSource = clients.dataSourceOf(vendor, operation);
      if (dataSource) this.byVendor.set(vendor, dataSource);
    }
  }

  isEnabled(vendor: Vendor): boolean {
    return this.clients.isEnabled(vendor);
  }

  /** The bound on one search of this vendor, in ms. */
  timeoutMsOf(vendor: Vendor): number {
    return this.clients.timeoutMsOf(vendor);
  }

  /** Score at or above which two leads are one person (PERSON_MATCH_THRESHOLD). */
  get personMatchThreshold(): number | undefined {
    return this.clients.config.personMatchThreshold;
  }

  /** Production: clients get our messages, never a vendor's own words. */
  get maskVendorMessages(): boolean {
    return this.clients.maskVendorMessages;
  }

  /** The vendor's lead writes (and remarks), or a clear error when it is not configured or takes none. */
  leadEditor(vendor: Vendor): LeadEditor {
    this.leadLoads.clear();
    if (!this.clients.isEnabled(vendor)) throw new VendorNotConfiguredError(vendor);
    const editor = this.byVendor.get(vendor)?.editor;
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
    const source = this.byVendor.get(vendor)?.leads;
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
  loadLead(id: string, selection?: ReadonlySet<string>): Promise<LeadModel> {
    const loaded = this.leadLoads.get(selection)?.get(id);
    if (loaded) return loaded;
    let load: Promise<LeadModel>;
    try {
      load = this.prepareLeadLookup(id, 'id', selection)();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    this.rememberLoad(id, selection, load);
    return load;
  }

  private rememberLoad(id: string, selection: ReadonlySet<string> | undefined, load: Promise<LeadModel>): void {
    let byId = this.leadLoads.get(selection);
    if (!byId) this.leadLoads.set(selection, (byId = new Map<string, Promise<LeadModel>>()));
    byId.set(id, load);
  }

  /**
   * The canonical id of the lead a global id names: the id itself, or, for an alias (an old-form
   * LeanCore id, `crmcom:number=<n>`), the id this graph answers for that lead (see LeadSource).
   */
  async canonicalLeadId(id: string, field = 'id'): Promise<string> {
    const { vendor, key } = parseGlobalId(id, field);
    const source = this.clients.isEnabled(vendor) ? this.byVendor.get(vendor)?.leads : undefined;
    if (!source?.canonicalKey) return id;
    return toGlobalId(vendor, await source.canonicalKey(key, field));
  }

  /** Vendors whose aliased references this request has logged already. */
  private readonly aliasLogged = new Set<Vendor>();

  /**
   * A router's `_entities` reference to a lead. An alias (`crmcom:number=19`, an old-form LeanCore
   * id) is accepted, as routers take key fields from the subgraph that references the entity; it is
   * logged (canonical id only: an old LeanCore id holds a phone; once per vendor and request) and
   * counted, so the referencing subgraph's owners can be told to store the canonical id (decision
   * 0110, docs/federation.md).
   */
  async loadReference(id: string, selection?: ReadonlySet<string>): Promise<LeadModel> {
    const lead = await this.loadLead(id, selection);
    if (lead.id !== id) {
      this.clients.metrics.referenceByAlias(lead.vendor);
      // One line per vendor and request: a batch of a thousand aliases is one line, not a thousand.
      if (this.aliasLogged.has(lead.vendor)) return lead;
      this.aliasLogged.add(lead.vendor);
      this.operation.logger.info(
        { vendor: lead.vendor, canonicalId: lead.id },
        '_entities referenced a lead by an alias of its id: the router keeps the alias (see docs/federation.md)',
      );
    }
    return lead;
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
    const loaded = this.leadLoads.get(selection);
    const prepared = new Map<string, () => Promise<LeadModel>>();
    const lookups = ids.map((id, index): (() => Promise<LeadModel>) => {
      const earlier = loaded?.get(id);
      if (earlier) return () => earlier;
      const known = prepared.get(id);
      if (known) return known;
      let lookup: () => Promise<LeadModel>;
      try {
        const load = this.prepareLeadLookup(id, `ids[${index}]`, selection);
        let started: Promise<LeadModel> | undefined;
        lookup = () => {
          if (started) return started;
          started = load();
          this.rememberLoad(id, selection, started);
          return started;
        };
      } catch (error) {
        if (error instanceof BadUserInputError || !(error instanceof GraphQLError)) throw error;
        lookup = () => Promise.reject(error);
      }
      prepared.set(id, lookup);
      return lookup;
    });
    return lookups.map((load) => load());
  }

  /** Checks a global lead id (no vendor call) and returns its batched load; see LeadSource. */
  private prepareLeadLookup(id: string, field: string, selection?: ReadonlySet<string>): () => Promise<LeadModel> {
    const { vendor, key } = parseGlobalId(id, field);
    return this.leadSource(vendor).prepareLeadLookup(key, { field, selection });
  }

  /**
   * The assigner of the lead a global id names, with that vendor's key for the lead; a lead of
   * a vendor whose leads cannot be assigned to a financial entity is the client's error.
   */
  financialEntityAssignerOf(leadId: string, field = 'leadId'): { assigner: FinancialEntityAssigner; key: string } {
    this.leadLoads.clear();
    const { vendor, key } = parseGlobalId(leadId, field);
    if (!vendorModule(vendor).assignsToFinancialEntity) {
      const names = VENDOR_MODULES.filter((m) => m.assignsToFinancialEntity).map((m) => vendorName(m.vendor));
      throw new BadUserInputError(`Only ${names.join(' or ')} leads can be assigned to a financial entity`, field);
    }
    const assigner = this.byVendor.get(vendor)?.financialEntities;
    if (!assigner) throw new VendorNotConfiguredError(vendor);
    return { assigner, key };
  }

  /** The enabled vendors whose leads can be assigned to a financial entity. */
  financialEntityAssigners(): FinancialEntityAssigner[] {
    return [...this.byVendor.values()].flatMap((source) =>
      source.financialEntities ? [source.financialEntities] : [],
    );
  }

  /** The vendor that reports lead-distribution totals, or VENDOR_NOT_CONFIGURED. */
  distributionTotals(): DistributionTotalsSource {
    for (const source of this.byVendor.values()) if (source.distributionTotals) return source.distributionTotals;
    const vendor = VENDOR_MODULES.find((m) => m.capabilities.distributionTotals)?.vendor;
    if (!vendor) throw new Error('no vendor module reports distribution totals');
    throw new VendorNotConfiguredError(vendor);
  }

  /** The vendor's documented rate limit, if it has one. */
  rateLimitOf(vendor: Vendor): VendorRateLimit | null {
    return vendorModule(vendor).rateLimit;
  }

  /** The vendor's circuit breakers in this process. */
  circuitsOf(vendor: Vendor): CircuitReport[] {
    return this.clients.circuitsOf(vendor);
  }

  /** Until when every replica holds calls to the vendor, if it does. */
  heldUntil(vendor: Vendor): Promise<Date | null> {
    return this.clients.heldUntil(vendor);
  }
}
