// Builds the subgraph server; src/index.ts only wires config and listens, and tests use this
// directly with executeOperation.
import { ApolloServer } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema, type ValidationRule } from 'graphql';
import { randomUUID } from 'node:crypto';
import { DEFAULT_IDEMPOTENCY_MEMORY_MAX_BYTES, DEFAULT_IDEMPOTENCY_TTL_SECONDS, type Config } from './config.js';
import { UpstreamError, withPersistedQueryCode } from './errors.js';
import type { RequestContext } from './request/context.js';
import { DataSources, VendorClients, type VendorClientsOptions } from './datasources/index.js';
import { createJournalStore } from './datasources/shared/store/index.js';
import { LeadWrites } from './leads/lead-writes.js';
import { WriteJournal } from './leads/write-journal.js';
import { LiveFeeds } from './live/index.js';
import type { Logger } from './logger.js';
import { newOperation } from './request/operation.js';
import { Metrics } from './observability/metrics.js';
import { resolvers } from './resolvers/index.js';
import { useCacheHints } from './plugins/use-cache-hints.js';
import { useCostLimit } from './plugins/use-cost-limit.js';
import { bindResolversToOperation, useOperationBudget } from './plugins/use-operation-budget.js';
import { useOperationObserver } from './plugins/use-operation-observer.js';
import { useQueryLimits } from './plugins/use-query-limits.js';
import { useReleaseOnStop } from './plugins/use-release-on-stop.js';
import { useScopeCheck } from './plugins/use-scope-check.js';
import { OPEN_CALLER, type Caller } from './request/caller.js';
import { loadTypeDefs, printSubgraphSdl, serveSubgraphSdl } from './schema.js';

/** What the HTTP edge (or a test) knows of a request before its context exists. */
export interface ContextRequest {
  caller?: Caller;
  /** The request's id (`x-request-id`); a new one by default. */
  requestId?: string;
  /** The operation's deadline from now; REQUEST_TIMEOUT_MS by default. */
  timeoutMs?: number;
}

export interface LeadGraph {
  server: ApolloServer<RequestContext>;
  /**
   * A fresh context (datasources and loaders) for one GraphQL request; without a caller, one
   * that may read and write (authentication is the HTTP edge's job).
   */
  createContext: (request?: ContextRequest) => Promise<RequestContext>;
  clients: VendorClients;
  journal: WriteJournal;
  /** This server's Prometheus registry and instruments. */
  metrics: Metrics;
  /** The feeds behind subscriptions (the WebSocket transport, src/http/subscriptions.ts, serves them). */
  live: LiveFeeds;
  /** The schema Apollo serves, for the WebSocket transport. */
  schema: GraphQLSchema;
  /** Validation rules past graphql's own (depth, aliases…), for the WebSocket transport. */
  validationRules: readonly ValidationRule[];
  /** What a client sees of an error (codes kept, vendor words masked in production, bugs hidden). */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

export type CreateServerOptions = VendorClientsOptions;

/**
 * The write journal: in PostgreSQL when configured, else in the shared store's Redis (never its
 * memory stand-in), else in a bounded memory of this process. An attempt holds its key for four
 * vendor-call bounds (a token, a read, the write and its read-back) plus a second; after that
 * its request is taken to have died and another may reconcile.
 */
function createJournal(config: Config, clients: VendorClients, logger: Logger): WriteJournal {
  const timeouts = Object.values(config.vendors).map((vendor?: { timeoutMs: number }) => vendor?.timeoutMs ?? 0);
  const slowest = Math.max(...timeouts, 0);
  return new WriteJournal({
    store: createJournalStore({
      ...(config.journalDatabaseUrl ? { databaseUrl: config.journalDatabaseUrl } : {}),
      shared: clients.store,
      ...(config.redisKeyPrefix ? { keyPrefix: config.redisKeyPrefix } : {}),
      memoryMaxBytes: config.idempotencyMemoryMaxBytes ?? DEFAULT_IDEMPOTENCY_MEMORY_MAX_BYTES,
      logger,
      now: clients.now,
    }),
    now: clients.now,
    logger,
    ttlMs: (config.idempotencyTtlSeconds ?? DEFAULT_IDEMPOTENCY_TTL_SECONDS) * 1000,
    leaseMs: 4 * slowest + 1_000,
    ...(config.idempotencyMaxKeysInFlight ? { maxKeysInFlightPerClient: config.idempotencyMaxKeysInFlight } : {}),
  });
}

export function createServer(config: Config, logger: Logger, options: CreateServerOptions = {}): LeadGraph {
  const metrics = options.metrics ?? new Metrics();
  const clients = new VendorClients(config, logger, { ...options, metrics });
  const journal = createJournal(config, clients, logger);
  const live = new LiveFeeds({ config, clients, logger, metrics });
  // Every field may cost vendor calls, so operations are bounded before they run. Suggestions
  // help a person in Sandbox; in production they only help someone probing.
  const { maxDepth, maxAliases, maxDirectives } = config.queryLimits;
  const limits = useQueryLimits<RequestContext>({
    maxDepth,
    maxAliases,
    maxDirectives,
    fieldSuggestions: config.nodeEnv !== 'production',
  });
  // The one place errors become what clients see (over HTTP and over WebSocket).
  const formatError = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const unwrapped = unwrapResolverError(error);
    // graphql-ws wraps what a subscription's events throw in an error without a path, which
    // unwrapResolverError leaves as it is: a vendor's error inside is masked all the same.
    const original =
      unwrapped instanceof GraphQLError && !unwrapped.path && unwrapped.originalError instanceof UpstreamError
        ? unwrapped.originalError
        : unwrapped;
    if (original instanceof UpstreamError && clients.maskVendorMessages) {
      // The vendor's words were logged where the call failed (with the request id).
      return { ...formatted, message: original.publicMessage, extensions: original.publicExtensions };
    }
    if (original instanceof GraphQLError || !(error instanceof GraphQLError && error.originalError)) {
      return withPersistedQueryCode(formatted, error);
    }
    // Not one of our typed errors: a bug. Log it, tell the client no more than that.
    logger.error({ err: original, path: formatted.path }, 'unexpected error in a resolver');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
  const schema = bindResolversToOperation(
    serveSubgraphSdl(
      buildSubgraphSchema({ typeDefs: loadTypeDefs(), resolvers }),
      printSubgraphSdl(config.federationSdl ?? 'full'),
    ),
  );
  const server = new ApolloServer<RequestContext>({
    plugins: [
      // Connections the vendor clients and the journal hold (the vendors', Redis, PostgreSQL).
      useReleaseOnStop({
        start: () => journal.start(),
        release: async () => void (await Promise.all([clients.close(), journal.close(), live.close()])),
      }),
      useOperationObserver({ metrics, logger, ...(options.tracer ? { tracer: options.tracer } : {}) }),
      useScopeCheck(),
      // The Cache-Control header is computed once per operation, not on every field (issue 26).
      ApolloServerPluginCacheControlDisabled(),
      useCacheHints(),
      useOperationBudget(),
      useCostLimit({ maxCost: config.queryLimits.maxCost }),
      ...limits.plugins,
    ],
    // Off in production (as Apollo does by NODE_ENV, said here from the config): tooling reads the
    // schema from `_service { sdl }` (a caller with credentials) or `npm run schema:print`.
    introspection: config.nodeEnv !== 'production',
    // src/index.ts owns the one shutdown path (drain, then close); Apollo's own handlers would race it.
    stopOnTerminationSignals: false,
    // Fragment fan-out is counted (once per fragment) in the first validation pass, beside
    // graphql's own rules; armor's rules and the cost check run only on a document it let
    // through. A fan-out document is thus refused for the price of one pass (issue 20).
    maxRecursiveSelections: config.queryLimits.maxSelections,
    validationRules: limits.validationRules,
    parseOptions: { maxTokens: config.queryLimits.maxTokens },
    schema,
    logger,
    // Stack traces could carry vendor URLs; errors say what happened through their codes.
    includeStacktraceInErrorResponses: false,
    formatError,
  });
  return {
    server,
    clients,
    metrics,
    journal,
    live,
    schema,
    validationRules: limits.validationRules,
    formatError,
    createContext: (request = {}) => {
      const caller = request.caller ?? OPEN_CALLER;
      // The deadline starts now, before the operation is parsed and validated.
      const operation = newOperation(logger, request.requestId ?? randomUUID(), {
        timeoutMs: request.timeoutMs ?? config.resilience.requestTimeoutMs,
        maxVendorCalls: config.resilience.maxVendorCallsPerOperation,
      });
      return Promise.resolve({
        dataSources: new DataSources(clients, operation),
        caller,
        writes: new LeadWrites(journal, caller.id, (change) => live.publishWrite(change)),
        operation,
        live,
      });
    },
  };
}
