// What a vendor folder declares, in one module (`src/datasources/<vendor>/vendor.ts`): its
// variables and settings, its per-process client, its per-request datasource, its capabilities,
// and its simulator (loaded only when the simulators run). The registry (./registry.ts) lists
// the modules; config, wiring, the vendor table and the simulators loop over it.
import type { CountryCode } from 'libphonenumber-js/max';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import type { DistributionTotalsSource, FinancialEntityAssigner, LeadEditor, LeadSource } from '../model/contract.js';
import type { Vendor, VendorCapabilities, VendorMode, VendorRateLimit } from '../model/models.js';
import type { Metrics } from '../observability/metrics.js';
import type { Operation } from '../request/operation.js';
import type { VendorProbe } from '../vendor-check/probe.js';
import type { AssignmentLog } from './shared/assignment-log.js';
import type { VendorHttpClient, VendorHttpOptions } from './shared/http.js';
import type { KeySealer } from './shared/sealed-keys.js';
import type { SharedStore } from './shared/store/index.js';
import type { TokenCache } from './shared/token-cache.js';

/** How a vendor's lead list is read for changes. */
export interface VendorLeadPolling {
  defaultIntervalSeconds: number;
  pageSize: number;
  /** Why this interval (the README's table of how often each vendor is read). */
  why: string;
}

/** Settings every vendor has, whatever else it needs. */
export interface VendorCommon {
  baseUrl: string;
  /** Bound on one vendor call, retries included, in ms. */
  timeoutMs: number;
  /** Vendor calls in flight at once from this process. */
  maxConcurrency: number;
  /** Vendor calls waiting for a free slot; one more is refused at once (OVERLOADED). */
  maxQueue: number;
  mode: VendorMode;
}

/** What the process gives a vendor's client factory. */
export interface VendorClientContext {
  /**
   * The vendor's HTTP client: the one set-up every vendor shares (guard, retries, telemetry),
   * its own base URL and bounds, and its current secrets, scrubbed from every log and error.
   */
  http: (
    settings: VendorCommon,
    secrets: () => readonly string[],
    overrides?: Pick<VendorHttpOptions, 'readRetries'>,
  ) => VendorHttpClient;
  /** Access tokens of every vendor, keyed by credentials. */
  tokens: TokenCache;
  /** Budgets, locks and cached answers shared by replicas. */
  store: SharedStore;
  /**
   * The vendor's assignment log in the shared store, for a vendor that cannot list a financial
   * entity's leads; `scope` names the vendor's lists (its config key).
   */
  assignmentLog: (scope: string) => AssignmentLog;
  logger: Logger;
  now: () => number;
  metrics: Metrics;
  /** Seals the personal part of lead keys (LEAD_ID_KEY; decision 0111). */
  sealer: KeySealer;
}

/** What one GraphQL request gives a vendor's datasource factory. */
export interface VendorRequestContext {
  /** The operation this request's vendor calls are made for. */
  operation: Operation;
  /** Region for phones written without a country code. */
  defaultPhoneRegion: CountryCode;
}

/** A vendor's capabilities for one request: each is present when the vendor offers it. */
export interface VendorDataSource {
  /** Lead lookups (by id, phone, email, pages). */
  leads?: LeadSource;
  /** Lead writes and remarks. */
  editor?: LeadEditor;
  /** Assigning leads to a financial entity. */
  financialEntities?: FinancialEntityAssigner;
  /** Lead-distribution totals. */
  distributionTotals?: DistributionTotalsSource;
}

/** What the start-up of the simulators needs of any simulator. */
export interface VendorSimulator {
  /** Added to every answer, in ms. */
  latencyMs: number;
  close(): Promise<void>;
}

/** A vendor's variables once checked. */
export type VendorEnv<S extends z.ZodRawShape> = z.infer<z.ZodObject<S>>;

/** Where a simulator listens: `port` 0 is any free port, `host` 127.0.0.1 unless given. */
export interface SimulatorListen {
  port: number;
  host?: string | undefined;
  /** The host in its URLs. @default host */
  publicHost?: string | undefined;
}

/** The variables a vendor reads and how they become its settings. */
export interface VendorVariables<
  S extends z.ZodRawShape,
  C extends VendorCommon,
  R extends keyof S & string = keyof S & string,
> {
  /**
   * `<prefix>_TIMEOUT_MS` and `<prefix>_MAX_CONCURRENCY` override VENDOR_TIMEOUT_MS and
   * VENDOR_MAX_CONCURRENCY for this vendor.
   */
  prefix: string;
  /** Its own variables, each checked (an empty one counts as unset: wrap it in `optional`). */
  schema: S;
  /** Variables that together enable the vendor: all set, or none. */
  required: readonly R[];
  /** Its settings, once every required variable is set; `common(baseUrl)` gives the shared ones. */
  settings(
    env: VendorEnv<S> & { [K in R]-?: K extends keyof VendorEnv<S> ? NonNullable<VendorEnv<S>[K]> : never },
    common: (baseUrl: string) => VendorCommon,
  ): C;
  /** The variables that give these settings back (what `npm run simulators` prints). */
  toEnv(settings: C): Record<string, string>;
}

/**
 * One vendor. Methods (rather than function properties) so that a list of modules with different
 * settings types is one list: each module is only ever handed its own settings and client.
 */
export interface VendorModule<
  C extends VendorCommon = VendorCommon,
  Client = unknown,
  Sim extends VendorSimulator = VendorSimulator,
  S extends z.ZodRawShape = z.ZodRawShape,
  R extends keyof S & string = keyof S & string,
  K extends string = string,
> {
  vendor: Vendor;
  /** Where its settings are in `Config.vendors` (and its simulator in the embedded set). */
  configKey: K;
  variables: VendorVariables<S, C, R>;
  /** What this graph can do with it (`Query.vendors { capabilities }`). */
  capabilities: VendorCapabilities;
  /** What it can do as configured, when settings turn capabilities off. @default capabilities */
  capabilitiesWith?(settings: C | undefined): VendorCapabilities;
  /** Its leads can be assigned to a financial entity (`assignLeadToFinancialEntity`). */
  assignsToFinancialEntity: boolean;
  /** Whether it holds leads (searched when the client names no vendor). */
  holdsLeads: boolean;
  /** Its documented rate limit; null when it documents none. */
  rateLimit: VendorRateLimit | null;
  /**
   * Its lead list can be read for changes (`leadChanged`, `leadsChanged`, src/live/): the first
   * `pageSize` leads every `defaultIntervalSeconds` (LEAD_POLL_INTERVAL_SECONDS overrides it,
   * never below what `rateLimit` allows), only while someone subscribes. Absent: its lead
   * changes come only from writes through this graph.
   */
  leadPolling?: VendorLeadPolling;
  /**
   * Its read-only check sequence (`npm run check:vendors`, and the start-up check's first steps).
   * `spendRateLimitedCall`: a vendor that allows one call per window may spend it (`--zen`).
   */
  probe(settings: C, options: { spendRateLimitedCall: boolean; now: () => number }): VendorProbe;
  /** Its per-process client (HTTP client, token, caches): made once, when the vendor is configured. */
  createClient(settings: C, context: VendorClientContext): Client;
  /** Its capabilities for one GraphQL request (loaders cache per request). */
  createDataSource(client: Client, context: VendorRequestContext): VendorDataSource;
  simulator: {
    /** Starts the vendor's simulator where `listen` says; the module is loaded only then. */
    start(options: { now?: (() => number) | undefined; listen: SimulatorListen }): Promise<Sim>;
    /** Settings that point at a running simulator. */
    settings(simulator: Sim, common: Omit<VendorCommon, 'baseUrl'>): C;
  };
}

/** Declares a vendor module, keeping its own types for the registry's derived types. */
export function defineVendor<
  C extends VendorCommon,
  Client,
  Sim extends VendorSimulator,
  S extends z.ZodRawShape,
  R extends keyof S & string,
  const K extends string,
>(module: VendorModule<C, Client, Sim, S, R, K>): VendorModule<C, Client, Sim, S, R, K> {
  return module;
}

// Checks shared by the variables of every vendor.

/** An empty variable counts as unset, as it does in most deployment tools. */
export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

export const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .transform((u) => u.replace(/\/+$/, ''));
export const secret = z.string().min(1);
// At most 15 s: a call that needs a token first may take two bounded steps (issue, then call);
// the operation's deadline (REQUEST_TIMEOUT_MS) bounds them all together.
export const timeoutMs = z.coerce.number().int().min(100).max(15_000);
export const concurrency = z.coerce.number().int().min(1).max(1_000);
export const queueLength = z.coerce.number().int().min(0).max(100_000);
export const ttlSeconds = z.coerce
  .number()
  .int()
  .min(0)
  .max(366 * 24 * 60 * 60);
export const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone, e.g. America/Sao_Paulo');
