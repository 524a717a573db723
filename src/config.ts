// The only module that reads process.env: everything is parsed and checked here, at start-up.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { distance } from 'fastest-levenshtein';
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import { z } from 'zod';
import { VENDOR_MODULES, settingsOf, type VendorConfigs } from './datasources/registry.js';
import {
  concurrency,
  httpUrl,
  optional,
  queueLength,
  timeoutMs,
  type VendorCommon,
} from './datasources/vendor-module.js';
import type { RedisConnection, RedisNodeAddress } from './datasources/shared/store/redis-client.js';
import type { LeadIdKeys } from './datasources/shared/sealed-keys.js';
import { ConfigError } from './errors.js';
import type { FederationSdl } from './schema.js';
import type { Scope } from './request/caller.js';

export type { VendorMode } from './model/models.js';
export type { VendorCommon } from './datasources/vendor-module.js';
export type { VendorConfigs } from './datasources/registry.js';
export type { RedisConnection } from './datasources/shared/store/redis-client.js';

/** Which origins a browser may call from: any, or only these (none: no cross-origin access). */
export type CorsOrigins = 'any' | readonly string[];

export interface HttpConfig {
  corsOrigins: CorsOrigins;
  /** Largest request body accepted; larger gets HTTP 413. */
  maxBodyBytes: number;
}

/** An API key as kept in memory: its SHA-256 only, never the key. */
export interface ApiKeyEntry {
  sha256: Buffer;
  scopes: readonly Scope[];
}

export interface JwtConfig {
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** Refuse tokens issued (`iat`) longer ago than this, whatever their `exp`; tokens without `iat` too. */
  maxTokenAgeSeconds?: number;
}

/** ROUTER_SECRET: only a caller that shows it (the router) is served (docs/federation.md#router-secret). */
export interface RouterSecretConfig {
  /** SHA-256 of the secret: compared in constant time, never logged. */
  sha256: Buffer;
  /** The header that carries it, lower case. @default 'x-router-secret' */
  header: string;
}

export const DEFAULT_ROUTER_SECRET_HEADER = 'x-router-secret';

export interface AuthConfig {
  apiKeys: readonly ApiKeyEntry[];
  jwt?: JwtConfig;
  /** Refuse every request without the router's secret (on top of the client's credentials). */
  routerSecret?: RouterSecretConfig;
  /** AUTH_DISABLED=true: every caller may read and write (production only with this said out loud). */
  disabled: boolean;
}

/** Bounds on one operation, checked before anything runs. */
export interface QueryLimitsConfig {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /**
   * Selections with every fragment spread expanded (Apollo Server's maxRecursiveSelections):
   * 165 spreads of a fragment that spreads another 165 times are 27,225 copies of its fields.
   */
  maxSelections: number;
  /** Cost with list sizes counted (src/plugins/use-cost-limit.ts). */
  maxCost: number;
}

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  logLevel: string;
  defaultPhoneRegion: CountryCode;
  vendors: VendorConfigs;
  /** Shared store for budgets, locks and caches across replicas (one Redis server); in memory when unset. */
  redisUrl?: string;
  /**
   * The shared Redis in full: one server (REDIS_URL), Sentinels or a cluster, with credentials
   * and TLS. When set it wins over `redisUrl` (which loadConfig also sets for one server).
   */
  redis?: RedisConnection;
  /** Prefix of every key this graph writes to Redis. @default 'lead-graph:' */
  redisKeyPrefix?: string;
  /** How long a write's idempotency key and its outcome are kept. @default 86400 (24 h) */
  idempotencyTtlSeconds?: number;
  /**
   * The assignment log (FinancialEntity.assignedLeads), kept in the shared store: entries per
   * financial entity, and how long an entity's list lives after its last assignment.
   * @default { maxPerEntity: 1000, ttlSeconds: 2592000 } (30 days)
   */
  assignmentLog?: { maxPerEntity: number; ttlSeconds: number };
  /**
   * PostgreSQL for the write journal (survives restarts of Redis and of every replica); without
   * it the journal is in Redis (REDIS_URL), else in this process's memory.
   */
  journalDatabaseUrl?: string;
  /** Bound on the in-memory journal, in bytes of keys and entries. @default 8 MiB */
  idempotencyMemoryMaxBytes?: number;
  /** Keyed writes one client may have in flight at once (per process). @default 100 */
  idempotencyMaxKeysInFlight?: number;
  /** How long a stop waits for in-flight operations before cutting them, in ms. @default 25000 */
  shutdownTimeoutMs: number;
  /**
   * Score at or above which two leads are one person (src/leads/identity/score.ts, docs/identity.md).
   * @default 7
   */
  personMatchThreshold?: number;
  /**
   * How long after SIGTERM the listener keeps accepting (readiness already 503) before the drain,
   * so a load balancer that still routes here is served. @default 5000
   */
  shutdownDelayMs?: number;
  /**
   * LEAD_ID_KEY (seals) and LEAD_ID_OLD_KEYS (still open): the keys that seal the personal part of
   * lead ids (decision 0111). Required in production; elsewhere a fixed development key when unset.
   */
  leadIdKeys?: LeadIdKeys;
  /** Bearer token `GET /metrics` requires; open when unset. */
  metricsToken?: string;
  /** METRICS_PUBLIC=true: production may serve `GET /metrics` without a token (it refuses to start otherwise). */
  metricsPublic?: boolean;
  /** OTLP/HTTP trace export; tracing is off when unset. */
  tracing?: TracingConfig;
  /** What `_service { sdl }` declares (FEDERATION_SDL). @default 'full' */
  federationSdl?: FederationSdl;
  http: HttpConfig;
  auth: AuthConfig;
  /** @default DEFAULT_SUBSCRIPTIONS */
  subscriptions?: SubscriptionsConfig;
  queryLimits: QueryLimitsConfig;
  resilience: ResilienceConfig;
}

/** Subscriptions over graphql-ws (src/http/subscriptions.ts) and their live feeds (src/live/). */
export interface SubscriptionsConfig {
  /** Subscriptions one WebSocket connection may hold at once. @default 10 */
  maxPerConnection: number;
  /** Subscriptions this process holds at once, over all connections. @default 10000 */
  maxPerProcess: number;
  /** WebSocket connections this process holds at once (each may hold none). @default 5000 */
  maxConnections: number;
  /**
   * Seconds between two reads of a vendor's lead list while someone subscribes to its leads;
   * never below what the vendor allows. @default each vendor's own (its module's `leadPolling`)
   */
  leadPollIntervalSeconds?: number;
}

export const DEFAULT_SUBSCRIPTIONS: SubscriptionsConfig = {
  maxPerConnection: 10,
  maxPerProcess: 10_000,
  maxConnections: 5_000,
};

/** Bounds on what one operation may cost the vendors, and how a failing vendor is spared. */
export interface ResilienceConfig {
  /** One deadline for a whole operation; each vendor call gets what is left of it. */
  requestTimeoutMs: number;
  /** Vendor calls one operation may make; past it, fields fail without a call. */
  maxVendorCallsPerOperation: number;
  /** How long a vendor's circuit stays open before one probe call may test it again. */
  circuitOpenMs: number;
}

export const DEFAULT_RESILIENCE: ResilienceConfig = {
  requestTimeoutMs: 25_000,
  maxVendorCallsPerOperation: 200,
  circuitOpenMs: 10_000,
};

export interface TracingConfig {
  /** The collector's base URL; spans go to `<endpoint>/v1/traces`. */
  endpoint: string;
  /** @default 'lead-graph' */
  serviceName: string;
}

/** graphql-armor's recommended limits, and a bound on fragment fan-out (maxSelections). */
export const DEFAULT_QUERY_LIMITS: QueryLimitsConfig = {
  maxDepth: 6,
  maxAliases: 15,
  maxDirectives: 50,
  maxTokens: 1_000,
  // Twice what a document of maxTokens can hold without fragments: only fan-out goes past it.
  maxSelections: 2_000,
  maxCost: 5_000,
};

export const DEFAULT_MAX_BODY_BYTES = 1_000_000;

/** The edge settings when no variable says otherwise: open outside production, same origin only in it. */
export function edgeDefaults(nodeEnv: Config['nodeEnv']): Pick<Config, 'http' | 'auth' | 'queryLimits'> {
  return {
    http: { corsOrigins: nodeEnv === 'production' ? [] : 'any', maxBodyBytes: DEFAULT_MAX_BODY_BYTES },
    auth: { apiKeys: [], disabled: false },
    queryLimits: { ...DEFAULT_QUERY_LIMITS },
  };
}

/** Whether callers must show a key or a token. */
export function authRequired(auth: AuthConfig): boolean {
  return !auth.disabled && (auth.apiKeys.length > 0 || auth.jwt !== undefined);
}

/** Headers of the client's own: the router secret cannot travel in one of them. */
const CLIENT_HEADERS = ['x-api-key', 'authorization', 'cookie', 'host', 'content-type', 'traceparent', 'tracestate'];

const limit = z.coerce.number().int().min(1).max(1_000_000);
const leadIdKey = z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)');
const origin = z
  .url({ protocol: /^https?$/, error: 'must list origins such as https://app.example.com, or be *' })
  .transform((u) => new URL(u).origin);
const corsOrigins = z
  .string()
  .transform((v) => v.split(',').map((o) => o.trim()))
  .pipe(z.union([z.tuple([z.literal('*')]).transform(() => 'any' as const), z.array(origin).min(1)]));
// `key` may read and write, `key:read` only read. The message never repeats a key.
const apiKeys = z
  .string()
  .transform((v) => v.split(',').map((entry) => entry.trim()))
  .pipe(
    z.array(
      z.string().regex(/^[\w.~+/=-]{16,256}(:read)?$/, {
        error: 'entries must be `key` or `key:read`, each key 16 to 256 characters of A-Z a-z 0-9 . _ ~ + / = -',
      }),
    ),
  )
  .transform((entries) =>
    entries.map((entry): ApiKeyEntry => {
      const readOnly = entry.endsWith(':read');
      const key = readOnly ? entry.slice(0, -':read'.length) : entry;
      return {
        sha256: createHash('sha256').update(key).digest(),
        scopes: readOnly ? ['leads:read'] : ['leads:read', 'leads:write'],
      };
    }),
  );

/** `host:port,host:port`: Redis Sentinels or cluster nodes to start from. */
const redisNodes = z
  .string()
  .transform((v) => v.split(',').map((entry) => entry.trim()))
  .pipe(
    z
      .array(
        z
          .string()
          .regex(/^(\[[0-9a-fA-F:.]+\]|[\w.-]+):\d{1,5}$/, { error: 'entries must be host:port' })
          .transform((entry): RedisNodeAddress => {
            const colon = entry.lastIndexOf(':');
            return { host: entry.slice(0, colon).replace(/^\[(.*)\]$/, '$1'), port: Number(entry.slice(colon + 1)) };
          })
          .refine(({ port }) => port >= 1 && port <= 65_535, { error: 'ports must be 1 to 65535' }),
      )
      .min(1),
  );

/** Each vendor's own variables, and its `<prefix>_TIMEOUT_MS` and `<prefix>_MAX_CONCURRENCY`. */
const vendorVariableChecks = Object.fromEntries(
  VENDOR_MODULES.flatMap(({ variables }) => [
    ...Object.entries(variables.schema),
    [`${variables.prefix}_TIMEOUT_MS`, optional(timeoutMs)],
    [`${variables.prefix}_MAX_CONCURRENCY`, optional(concurrency)],
  ]),
);

const envSchema = z.object({
  NODE_ENV: optional(z.enum(['development', 'production', 'test'])),
  PORT: optional(z.coerce.number().int().min(0).max(65_535)),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
  DEFAULT_PHONE_REGION: optional(
    z.string().refine((v) => isSupportedCountry(v), 'must be an ISO 3166-1 alpha-2 region, e.g. CO'),
  ),
  VENDOR_TIMEOUT_MS: optional(timeoutMs),
  VENDOR_MAX_CONCURRENCY: optional(concurrency),
  VENDOR_MAX_QUEUE: optional(queueLength),
  REQUEST_TIMEOUT_MS: optional(z.coerce.number().int().min(100).max(300_000)),
  MAX_VENDOR_CALLS_PER_OPERATION: optional(z.coerce.number().int().min(1).max(100_000)),
  VENDOR_CIRCUIT_OPEN_MS: optional(z.coerce.number().int().min(100).max(3_600_000)),
  REDIS_URL: optional(z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' })),
  // A brace would make the prefix the Cluster hash tag of every key (all on one node).
  REDIS_KEY_PREFIX: optional(
    z
      .string()
      .max(100)
      .regex(/^[^{}]*$/, { error: 'must not contain { or }' }),
  ),
  REDIS_SENTINELS: optional(redisNodes),
  REDIS_SENTINEL_NAME: optional(z.string().min(1).max(200)),
  REDIS_SENTINEL_PASSWORD: optional(z.string().min(1)),
  REDIS_CLUSTER_NODES: optional(redisNodes),
  REDIS_USERNAME: optional(z.string().min(1).max(200)),
  REDIS_PASSWORD: optional(z.string().min(1)),
  REDIS_TLS: optional(z.enum(['true', 'false'])),
  REDIS_TLS_CA_FILE: optional(z.string().min(1)),
  IDEMPOTENCY_TTL_SECONDS: optional(
    z.coerce
      .number()
      .int()
      .min(60)
      .max(30 * 24 * 60 * 60),
  ),
  ASSIGNMENT_LOG_MAX_PER_ENTITY: optional(z.coerce.number().int().min(1).max(100_000)),
  ASSIGNMENT_LOG_TTL_SECONDS: optional(
    z.coerce
      .number()
      .int()
      .min(60)
      .max(366 * 24 * 60 * 60),
  ),
  JOURNAL_DATABASE_URL: optional(
    z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }),
  ),
  IDEMPOTENCY_MEMORY_MAX_BYTES: optional(z.coerce.number().int().min(100_000).max(4_000_000_000)),
  IDEMPOTENCY_MAX_KEYS_IN_FLIGHT: optional(z.coerce.number().int().min(1).max(100_000)),
  SHUTDOWN_TIMEOUT_MS: optional(
    z.coerce
      .number()
      .int()
      .min(0)
      .max(10 * 60_000),
  ),
  // Below 5.5 a contradicting name could be outweighed (phone + email + company − name = 5).
  PERSON_MATCH_THRESHOLD: optional(z.coerce.number().min(5.5).max(30)),
  SHUTDOWN_DELAY_MS: optional(z.coerce.number().int().min(0).max(120_000)),
  SUBSCRIPTIONS_MAX_PER_CONNECTION: optional(z.coerce.number().int().min(1).max(1_000)),
  SUBSCRIPTIONS_MAX_PER_PROCESS: optional(z.coerce.number().int().min(1).max(1_000_000)),
  SUBSCRIPTIONS_MAX_CONNECTIONS: optional(z.coerce.number().int().min(1).max(1_000_000)),
  LEAD_POLL_INTERVAL_SECONDS: optional(z.coerce.number().int().min(5).max(86_400)),
  METRICS_TOKEN: optional(z.string().min(16, 'must be at least 16 characters')),
  LEAD_ID_KEY: optional(leadIdKey),
  LEAD_ID_OLD_KEYS: optional(
    z
      .string()
      .transform((v) => v.split(',').map((key) => key.trim()))
      .pipe(z.array(leadIdKey)),
  ),
  METRICS_PUBLIC: optional(z.enum(['true', 'false'])),
  OTEL_EXPORTER_OTLP_ENDPOINT: optional(httpUrl),
  OTEL_SERVICE_NAME: optional(z.string().max(100)),
  FEDERATION_SDL: optional(z.enum(['full', 'without-router-directives'])),
  CORS_ORIGINS: optional(corsOrigins),
  MAX_BODY_BYTES: optional(z.coerce.number().int().min(1_000).max(50_000_000)),
  API_KEYS: optional(apiKeys),
  JWT_JWKS_URL: optional(httpUrl),
  JWT_ISSUER: optional(z.string().min(1)),
  JWT_AUDIENCE: optional(z.string().min(1)),
  JWT_MAX_TOKEN_AGE_SECONDS: optional(
    z.coerce
      .number()
      .int()
      .min(1)
      .max(366 * 24 * 60 * 60),
  ),
  AUTH_DISABLED: optional(z.enum(['true', 'false'])),
  ROUTER_SECRET: optional(z.string().min(16, 'must be at least 16 characters').max(1_000)),
  ROUTER_SECRET_HEADER: optional(
    z
      .string()
      .regex(/^[A-Za-z0-9-]{1,100}$/, 'must be a header name (letters, digits, -)')
      .transform((v) => v.toLowerCase())
      .refine((v) => !CLIENT_HEADERS.includes(v), 'must not be a header clients send (x-api-key, authorization, …)'),
  ),
  MAX_QUERY_DEPTH: optional(limit),
  MAX_QUERY_ALIASES: optional(limit),
  MAX_QUERY_DIRECTIVES: optional(limit),
  MAX_QUERY_TOKENS: optional(limit),
  MAX_QUERY_SELECTIONS: optional(limit),
  MAX_QUERY_COST: optional(limit),
  ...vendorVariableChecks,
});
type Env = z.infer<typeof envSchema>;

/** Variables that together enable a vendor (or JWT verification): all set, or none. */
const VARIABLE_GROUPS: readonly (readonly string[])[] = [
  ...VENDOR_MODULES.map((module) => module.variables.required),
  ['JWT_JWKS_URL', 'JWT_ISSUER', 'JWT_AUDIENCE'] satisfies (keyof Env)[],
  ['REDIS_SENTINELS', 'REDIS_SENTINEL_NAME'] satisfies (keyof Env)[],
];

/**
 * The variables that configure `vendors` (loadConfig reads them back into the same endpoints and
 * credentials): what `npm run simulators` prints for a server to be pointed at it.
 */
export function vendorVariables(vendors: VendorConfigs): Record<string, string> {
  return Object.assign(
    {},
    ...VENDOR_MODULES.map(({ vendor, variables }) => {
      const settings = settingsOf(vendors, vendor);
      return settings ? variables.toEnv(settings) : {};
    }),
  ) as Record<string, string>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
export const DEFAULT_ASSIGNMENT_LOG_MAX_PER_ENTITY = 1_000;
export const DEFAULT_ASSIGNMENT_LOG_TTL_SECONDS = 30 * 24 * 60 * 60;
/** About 25,000 entries: an entry and its key take some 330 counted bytes. */
export const DEFAULT_IDEMPOTENCY_MEMORY_MAX_BYTES = 8 * 1024 * 1024;
// 8 was a bottleneck of our own making (8 calls / 50 ms ≈ 160 calls per second); a vendor that
// wants fewer says so with 429s, which every replica then honours (see shared/vendor-guard.ts).
export const DEFAULT_MAX_CONCURRENCY = 64;
export const DEFAULT_MAX_QUEUE = 1_000;
/** Long enough for a vendor call at its 15 s bound plus a token step; below the usual 30 s kill grace. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 25_000;
/** A few probe periods of a load balancer polling /ready (Kubernetes: 5 s at most by default). */
export const DEFAULT_SHUTDOWN_DELAY_MS = 5_000;

/** Every environment variable this server reads. */
export const SETTING_NAMES: readonly string[] = Object.keys(envSchema.shape);

// Prefixes only our settings use: an unknown name with one of them is a mistake, not another
// program's variable. (OTEL_, NODE_, MAX_… are shared with other tools, so they are not here.)
const OUR_PREFIXES = [
  ...new Set(Object.values(VARIABLE_GROUPS).flatMap((names) => names.map((n) => n.slice(0, n.indexOf('_') + 1)))),
  'REDIS_',
  'SUBSCRIPTIONS_',
  'METRICS_',
  'LEAD_ID_',
  'SHUTDOWN_',
  'IDEMPOTENCY_',
  'VENDOR_',
  'MAX_QUERY_',
  'AUTH_',
  'CORS_',
  'ROUTER_',
  'FEDERATION_',
];
// What Kubernetes' service links define for every service in the namespace (REDIS_SERVICE_HOST,
// REDIS_PORT=tcp://…): not settings, even with one of our prefixes.
const SERVICE_LINK = /_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT_\d+_(TCP|UDP|SCTP)(_PROTO|_PORT|_ADDR)?)$/;

/** A variable that looks like one of ours but is not, with the setting it most likely meant. */
export interface UnknownSetting {
  name: string;
  suggestion: string;
}

/** The known name nearest to `name` by edit distance. */
function nearest(name: string, names: readonly string[]): { name: string; distance: number } {
  let best = { name: '', distance: Infinity };
  for (const known of names) {
    const d = distance(name, known);
    if (d < best.distance) best = { name: known, distance: d };
  }
  return best;
}

/**
 * Variables that look like settings of ours (a known name mistyped, or a prefix only we use)
 * but are not one: a typo that would otherwise leave its setting silently at the default.
 */
export function unknownSettings(source: Record<string, string | undefined> = process.env): UnknownSetting[] {
  const found: UnknownSetting[] = [];
  for (const name of Object.keys(source)) {
    if (SETTING_NAMES.includes(name)) continue;
    const upper = name.toUpperCase();
    const serviceLink =
      SERVICE_LINK.test(upper) || (upper.endsWith('_PORT') && /^(tcp|udp|sctp):\/\//.test(source[name] ?? ''));
    if (serviceLink) continue;
    const closest = nearest(upper, SETTING_NAMES);
    // Two edits (one for short names) catch a swapped or missing letter, not another tool's name.
    if (closest.distance <= (closest.name.length >= 8 ? 2 : 1)) {
      found.push({ name, suggestion: closest.name });
      continue;
    }
    const prefix = OUR_PREFIXES.find((p) => upper.startsWith(p));
    if (prefix)
      found.push({
        name,
        suggestion: nearest(
          upper,
          SETTING_NAMES.filter((n) => n.startsWith(prefix)),
        ).name,
      });
  }
  return found;
}

/** One line per unknown setting, naming what was probably meant. */
export function describeUnknownSetting({ name, suggestion }: UnknownSetting): string {
  return `${name} is not a setting of Lead Graph: did you mean ${suggestion}?`;
}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  const isSet = (name: string) => (source[name]?.trim() ?? '') !== '';
  for (const variables of VARIABLE_GROUPS) {
    const set = variables.filter(isSet);
    if (set.length > 0 && set.length < variables.length) {
      const missing = variables.filter((v) => !isSet(v));
      problems.push(`${missing.join(', ')} must be set too, because ${set.join(', ')} is set`);
    }
  }
  // In production a mistyped name must not leave a setting at its default (a REDIS_ULR would put
  // budgets and idempotency keys in one process's memory); in development it is only a warning.
  if (source['NODE_ENV']?.trim() === 'production')
    problems.push(...unknownSettings(source).map(describeUnknownSetting));
  const parsed = envSchema.safeParse(source);
  // Name the variable and the rule only: a value may be a secret.
  if (!parsed.success) problems.push(...parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`));
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  const env = parsed.data;

  const vendors: Partial<Record<string, VendorCommon>> = {};
  for (const { variables, configKey } of VENDOR_MODULES) {
    if (!variables.required.every(isSet)) continue;
    const vendorEnv = env as Record<string, unknown>;
    const common = (baseUrl: string): VendorCommon => ({
      baseUrl,
      timeoutMs: numberOr(vendorEnv[`${variables.prefix}_TIMEOUT_MS`], env.VENDOR_TIMEOUT_MS ?? DEFAULT_TIMEOUT_MS),
      maxConcurrency: numberOr(
        vendorEnv[`${variables.prefix}_MAX_CONCURRENCY`],
        env.VENDOR_MAX_CONCURRENCY ?? DEFAULT_MAX_CONCURRENCY,
      ),
      maxQueue: env.VENDOR_MAX_QUEUE ?? DEFAULT_MAX_QUEUE,
      mode: 'LIVE',
    });
    // Every required variable is set and checked: the module's own settings() may rely on it.
    vendors[configKey] = variables.settings(env, common);
  }
  const nodeEnv = env.NODE_ENV ?? 'development';
  const defaults = edgeDefaults(nodeEnv);
  const auth: AuthConfig = {
    apiKeys: env.API_KEYS ?? [],
    disabled: env.AUTH_DISABLED === 'true',
    ...(env.JWT_JWKS_URL && env.JWT_ISSUER && env.JWT_AUDIENCE
      ? {
          jwt: {
            jwksUrl: env.JWT_JWKS_URL,
            issuer: env.JWT_ISSUER,
            audience: env.JWT_AUDIENCE,
            ...(env.JWT_MAX_TOKEN_AGE_SECONDS ? { maxTokenAgeSeconds: env.JWT_MAX_TOKEN_AGE_SECONDS } : {}),
          },
        }
      : {}),
  };
  if (env.ROUTER_SECRET) {
    auth.routerSecret = {
      sha256: createHash('sha256').update(env.ROUTER_SECRET).digest(),
      header: env.ROUTER_SECRET_HEADER ?? DEFAULT_ROUTER_SECRET_HEADER,
    };
  } else if (env.ROUTER_SECRET_HEADER) {
    throw new ConfigError(['ROUTER_SECRET_HEADER needs ROUTER_SECRET']);
  }
  if (env.JWT_MAX_TOKEN_AGE_SECONDS && !auth.jwt) {
    throw new ConfigError(['JWT_MAX_TOKEN_AGE_SECONDS needs JWT_JWKS_URL, JWT_ISSUER and JWT_AUDIENCE']);
  }
  const credentialsConfigured = auth.apiKeys.length > 0 || auth.jwt !== undefined;
  if (auth.disabled && credentialsConfigured) {
    throw new ConfigError(['AUTH_DISABLED=true contradicts API_KEYS / JWT_JWKS_URL: set one or the other']);
  }
  if (env.METRICS_PUBLIC === 'true' && env.METRICS_TOKEN) {
    throw new ConfigError(['METRICS_PUBLIC=true contradicts METRICS_TOKEN: set one or the other']);
  }
  if (env.LEAD_ID_OLD_KEYS && !env.LEAD_ID_KEY) {
    throw new ConfigError(['LEAD_ID_OLD_KEYS needs LEAD_ID_KEY (the key new ids are sealed with)']);
  }
  if (nodeEnv === 'production' && !auth.disabled && !credentialsConfigured) {
    throw new ConfigError([
      'NODE_ENV=production needs client authentication: set API_KEYS, or JWT_JWKS_URL with JWT_ISSUER and ' +
        'JWT_AUDIENCE (or AUTH_DISABLED=true to serve anyone who can reach it)',
    ]);
  }
  if (nodeEnv === 'production' && !env.LEAD_ID_KEY) {
    throw new ConfigError([
      'NODE_ENV=production needs LEAD_ID_KEY (at least 32 characters, e.g. openssl rand -base64 32): it seals ' +
        'the phone numbers lead ids would otherwise show (docs/decisions/0111-sealed-lead-ids.md)',
    ]);
  }
  const redis = redisConnection(env);
  return {
    nodeEnv,
    port: env.PORT ?? 4000,
    logLevel: env.LOG_LEVEL ?? 'info',
    defaultPhoneRegion: env.DEFAULT_PHONE_REGION ?? 'CO',
    vendors,
    ...(env.REDIS_URL ? { redisUrl: env.REDIS_URL } : {}),
    ...(redis ? { redis } : {}),
    ...(env.REDIS_KEY_PREFIX ? { redisKeyPrefix: env.REDIS_KEY_PREFIX } : {}),
    ...(env.IDEMPOTENCY_TTL_SECONDS ? { idempotencyTtlSeconds: env.IDEMPOTENCY_TTL_SECONDS } : {}),
    ...(env.JOURNAL_DATABASE_URL ? { journalDatabaseUrl: env.JOURNAL_DATABASE_URL } : {}),
    ...(env.ASSIGNMENT_LOG_MAX_PER_ENTITY || env.ASSIGNMENT_LOG_TTL_SECONDS
      ? {
          assignmentLog: {
            maxPerEntity: env.ASSIGNMENT_LOG_MAX_PER_ENTITY ?? DEFAULT_ASSIGNMENT_LOG_MAX_PER_ENTITY,
            ttlSeconds: env.ASSIGNMENT_LOG_TTL_SECONDS ?? DEFAULT_ASSIGNMENT_LOG_TTL_SECONDS,
          },
        }
      : {}),
    ...(env.IDEMPOTENCY_MEMORY_MAX_BYTES ? { idempotencyMemoryMaxBytes: env.IDEMPOTENCY_MEMORY_MAX_BYTES } : {}),
    ...(env.IDEMPOTENCY_MAX_KEYS_IN_FLIGHT ? { idempotencyMaxKeysInFlight: env.IDEMPOTENCY_MAX_KEYS_IN_FLIGHT } : {}),
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS ?? DEFAULT_SHUTDOWN_TIMEOUT_MS,
    ...(env.PERSON_MATCH_THRESHOLD !== undefined ? { personMatchThreshold: env.PERSON_MATCH_THRESHOLD } : {}),
    shutdownDelayMs: env.SHUTDOWN_DELAY_MS ?? DEFAULT_SHUTDOWN_DELAY_MS,
    ...(env.LEAD_ID_KEY ? { leadIdKeys: { current: env.LEAD_ID_KEY, old: env.LEAD_ID_OLD_KEYS ?? [] } } : {}),
    ...(env.METRICS_TOKEN ? { metricsToken: env.METRICS_TOKEN } : {}),
    ...(env.METRICS_PUBLIC === 'true' ? { metricsPublic: true } : {}),
    ...(env.OTEL_EXPORTER_OTLP_ENDPOINT
      ? { tracing: { endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: env.OTEL_SERVICE_NAME ?? 'lead-graph' } }
      : {}),
    ...(env.FEDERATION_SDL ? { federationSdl: env.FEDERATION_SDL } : {}),
    http: {
      corsOrigins: env.CORS_ORIGINS ?? defaults.http.corsOrigins,
      maxBodyBytes: env.MAX_BODY_BYTES ?? defaults.http.maxBodyBytes,
    },
    auth,
    subscriptions: {
      maxPerConnection: env.SUBSCRIPTIONS_MAX_PER_CONNECTION ?? DEFAULT_SUBSCRIPTIONS.maxPerConnection,
      maxPerProcess: env.SUBSCRIPTIONS_MAX_PER_PROCESS ?? DEFAULT_SUBSCRIPTIONS.maxPerProcess,
      maxConnections: env.SUBSCRIPTIONS_MAX_CONNECTIONS ?? DEFAULT_SUBSCRIPTIONS.maxConnections,
      ...(env.LEAD_POLL_INTERVAL_SECONDS ? { leadPollIntervalSeconds: env.LEAD_POLL_INTERVAL_SECONDS } : {}),
    },
    queryLimits: {
      maxDepth: env.MAX_QUERY_DEPTH ?? defaults.queryLimits.maxDepth,
      maxAliases: env.MAX_QUERY_ALIASES ?? defaults.queryLimits.maxAliases,
      maxDirectives: env.MAX_QUERY_DIRECTIVES ?? defaults.queryLimits.maxDirectives,
      maxTokens: env.MAX_QUERY_TOKENS ?? defaults.queryLimits.maxTokens,
      maxSelections: env.MAX_QUERY_SELECTIONS ?? defaults.queryLimits.maxSelections,
      maxCost: env.MAX_QUERY_COST ?? defaults.queryLimits.maxCost,
    },
    resilience: {
      requestTimeoutMs: env.REQUEST_TIMEOUT_MS ?? DEFAULT_RESILIENCE.requestTimeoutMs,
      maxVendorCallsPerOperation: env.MAX_VENDOR_CALLS_PER_OPERATION ?? DEFAULT_RESILIENCE.maxVendorCallsPerOperation,
      circuitOpenMs: env.VENDOR_CIRCUIT_OPEN_MS ?? DEFAULT_RESILIENCE.circuitOpenMs,
    },
  };
}

/** The shared Redis as configured (`redis`, or one server's `redisUrl`); undefined: in memory. */
export function redisConnectionOf(config: Pick<Config, 'redis' | 'redisUrl'>): RedisConnection | undefined {
  return config.redis ?? (config.redisUrl ? { mode: 'standalone', url: config.redisUrl } : undefined);
}

/**
 * One topology (REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES) with its credentials and TLS;
 * settings that contradict each other, or that only make sense with a topology, stop the start.
 */
function redisConnection(env: Env): RedisConnection | undefined {
  const topologies = (['REDIS_URL', 'REDIS_SENTINELS', 'REDIS_CLUSTER_NODES'] as const).filter((name) => env[name]);
  const problems: string[] = [];
  if (topologies.length > 1) {
    problems.push(`${topologies.join(' and ')} contradict each other: set one (one server, Sentinels or a cluster)`);
  }
  const extras = (
    ['REDIS_USERNAME', 'REDIS_PASSWORD', 'REDIS_TLS', 'REDIS_TLS_CA_FILE', 'REDIS_SENTINEL_PASSWORD'] as const
  ).filter((name) => env[name] !== undefined);
  if (topologies.length === 0) {
    if (extras.length > 0) problems.push(`${extras.join(', ')} need REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES`);
    if (problems.length > 0) throw new ConfigError(problems);
    return undefined;
  }
  if (env.REDIS_SENTINEL_PASSWORD && !env.REDIS_SENTINELS)
    problems.push('REDIS_SENTINEL_PASSWORD needs REDIS_SENTINELS');
  const url = env.REDIS_URL ? new URL(env.REDIS_URL) : undefined;
  if (url && (env.REDIS_PASSWORD || env.REDIS_USERNAME) && (url.password || url.username)) {
    problems.push('REDIS_PASSWORD / REDIS_USERNAME contradict the credentials in REDIS_URL: set them in one place');
  }
  if (url?.protocol === 'redis:' && env.REDIS_TLS === 'true') {
    problems.push('REDIS_TLS=true contradicts REDIS_URL redis://…: use rediss:// for TLS');
  }
  if (url?.protocol === 'rediss:' && env.REDIS_TLS === 'false') {
    problems.push('REDIS_TLS=false contradicts REDIS_URL rediss://…: use redis:// without TLS');
  }
  const tls = url ? url.protocol === 'rediss:' : env.REDIS_TLS === 'true';
  if (env.REDIS_TLS_CA_FILE && !tls)
    problems.push('REDIS_TLS_CA_FILE needs TLS: REDIS_TLS=true, or a rediss:// REDIS_URL');
  let ca: string | undefined;
  if (env.REDIS_TLS_CA_FILE && tls) {
    try {
      ca = readFileSync(env.REDIS_TLS_CA_FILE, 'utf8');
      if (!ca.includes('-----BEGIN CERTIFICATE-----'))
        problems.push(`REDIS_TLS_CA_FILE ${env.REDIS_TLS_CA_FILE} holds no PEM certificate`);
    } catch (error) {
      problems.push(
        `REDIS_TLS_CA_FILE ${env.REDIS_TLS_CA_FILE} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const access = {
    ...(env.REDIS_USERNAME ? { username: env.REDIS_USERNAME } : {}),
    ...(env.REDIS_PASSWORD ? { password: env.REDIS_PASSWORD } : {}),
    ...(tls ? { tls: ca ? { ca } : {} } : {}),
  };
  if (env.REDIS_SENTINELS && env.REDIS_SENTINEL_NAME) {
    return {
      mode: 'sentinel',
      sentinels: env.REDIS_SENTINELS,
      name: env.REDIS_SENTINEL_NAME,
      ...(env.REDIS_SENTINEL_PASSWORD ? { sentinelPassword: env.REDIS_SENTINEL_PASSWORD } : {}),
      ...access,
    };
  }
  if (env.REDIS_CLUSTER_NODES) return { mode: 'cluster', nodes: env.REDIS_CLUSTER_NODES, ...access };
  return { mode: 'standalone', url: env.REDIS_URL ?? '', ...access };
}

export function hasAnyVendor(config: Config): boolean {
  return Object.values(config.vendors).some((v) => v !== undefined);
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}
