// Entry point: read the config, start the embedded simulators when no vendor is configured,
// listen, and stop in one way. Everything else lives in createServer() and createHttpApp().
import { constants } from 'node:os';
import {
  authRequired,
  DEFAULT_SHUTDOWN_DELAY_MS,
  describeUnknownSetting,
  hasAnyVendor,
  loadConfig,
  redisConnectionOf,
  unknownSettings,
  type Config,
} from './config.js';
import { describeRedis } from './datasources/shared/store/index.js';
import { ConfigError, StartupError } from './errors.js';
import { createHttpApp, GRAPHQL_PATH, listen } from './http/app.js';
import { healthRoutes, redisPingFailure } from './http/health.js';
import { HttpDrain } from './http/shutdown.js';
import { serveSubscriptions } from './http/subscriptions.js';
import { createLogger, exitAfterLogs, type Logger } from './logger.js';
import { startTracing } from './observability/tracing.js';
import { createServer, type LeadGraph } from './server.js';
import { checkVendorsAtStart } from './vendor-check/startup.js';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  // In production these stopped loadConfig already.
  for (const setting of unknownSettings()) logger.warn(describeUnknownSetting(setting));

  let closeSimulators = async (): Promise<void> => {};
  if (!hasAnyVendor(config)) {
    if (config.nodeEnv === 'production') {
      logger.fatal(
        'No vendor is configured and NODE_ENV=production: refusing to start on simulated vendors. ' +
          'Set the variables of at least one vendor (see README, Configuration).',
      );
      return exitAfterLogs(1);
    }
    // Loaded only here: a server with real vendors does not carry the simulators in memory.
    const { startSimulators, withSimulatedVendors } = await import('./simulators/index.js');
    const simulators = await startSimulators();
    config = withSimulatedVendors(config, simulators);
    closeSimulators = () => simulators.close();
    logger.warn(
      { simulators: Object.values(config.vendors).map((vendor: { baseUrl: string }) => vendor.baseUrl) },
      'No vendor configured: running on the built-in vendor SIMULATORS with sample data (not real CRMs)',
    );
  }
  if (!config.leadIdKeys) {
    // Production refused to start without it (loadConfig).
    logger.warn(
      'No LEAD_ID_KEY: lead ids seal phone numbers with a fixed development key that anyone with the source can ' +
        'open; set LEAD_ID_KEY (at least 32 characters) before ids leave this machine',
    );
  }
  if (config.auth.disabled) {
    logger.warn('AUTH_DISABLED=true: anyone who can reach this server may read and write leads');
  } else if (!authRequired(config.auth)) {
    logger.info('No API_KEYS or JWT_JWKS_URL set: every caller may read and write (development only)');
  }

  if (config.nodeEnv === 'production' && !config.metricsToken) {
    // Metrics name vendors, error codes and traffic: not for anyone who finds the port.
    if (!config.metricsPublic) {
      logger.fatal(
        'METRICS_TOKEN is not set and NODE_ENV=production: refusing to start with GET /metrics open to anyone ' +
          'who reaches this port (metrics are served on the same port as /graphql). Set METRICS_TOKEN, or ' +
          'METRICS_PUBLIC=true if only your own network can reach this port.',
      );
      return exitAfterLogs(1);
    }
    logger.warn('METRICS_PUBLIC=true: GET /metrics answers anyone who reaches this port');
  }
  const tracing = await startTracing(config.tracing);
  if (tracing) logger.info({ endpoint: config.tracing?.endpoint }, 'exporting traces over OTLP/HTTP');
  const graph = createServer(config, logger, tracing ? { tracer: tracing.tracer } : {});
  if (graph.journal.storeKind === 'memory') {
    logger.warn(
      'No REDIS_URL: idempotency keys of writes are kept in this process’s memory (bounded), so they do not ' +
        'survive a restart and are not shared with other replicas (set JOURNAL_DATABASE_URL or REDIS_URL)',
    );
  } else if (graph.journal.storeKind !== 'postgres') {
    logger.warn(
      'No JOURNAL_DATABASE_URL: idempotency keys of writes are kept in Redis; while it is down keyed writes ' +
        'are refused, and after it restarts empty they are reconciled with the vendor first (see docs/idempotency.md)',
    );
  }
  await reportRedisAtStart(config, graph, logger);
  await graph.server.start();
  const drain = new HttpDrain();
  const openRoutes = healthRoutes({ config, logger, graph, drain });
  const http = await listen(createHttpApp({ config, logger, graph, drain, openRoutes }), config.port).catch(
    (error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      throw new StartupError(`port ${config.port} is already in use: stop what listens there, or set PORT`);
    },
  );
  // Subscriptions (graphql-ws) on the same port and path; closed with the drain.
  const subscriptions = serveSubscriptions({ server: http.server, config, logger, graph });
  drain.alsoClose((timeoutMs) => subscriptions.close(timeoutMs));
  logger.info(`Lead Graph ready at ${http.url}${GRAPHQL_PATH} ${howToReach(config)}`);
  // Each vendor's token and one cheap read, logged per vendor (never Zen's budget). Not awaited:
  // the listener serves meanwhile, and a failing vendor fails its own fields, not /ready (decision 0060).
  checkVendorsAtStart(config.vendors, logger).catch((error: unknown) =>
    logger.error({ err: error }, 'start-up vendor check could not run'),
  );

  // The one shutdown path (Apollo's own signal handlers are off): answer 503 on /ready at once,
  // keep accepting for SHUTDOWN_DELAY_MS after a SIGTERM (what load balancers send; a SIGINT is
  // someone at a terminal, who need not wait), stop accepting, drain the requests in flight (at
  // most SHUTDOWN_TIMEOUT_MS), close the vendor connections, Redis, the simulators and the trace
  // exporter, exit 0. A second signal means "now": exit at once, 128 + the signal's number.
  // Every exit waits for the log lines at most LOG_FLUSH_BOUND_MS (stdout may have no reader).
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      return exitAfterLogs(128 + constants.signals[signal]);
    }
    stopping = true;
    const delayMs = signal === 'SIGTERM' ? (config.shutdownDelayMs ?? DEFAULT_SHUTDOWN_DELAY_MS) : 0;
    logger.info({ signal, delayMs, timeoutMs: config.shutdownTimeoutMs }, 'shutting down');
    // Closing Redis or flushing traces must not hold the process past its bound either.
    setTimeout(
      () => {
        logger.error('still not stopped 10 s after the drain bound: exiting');
        exitAfterLogs(1);
      },
      delayMs + config.shutdownTimeoutMs + 10_000,
    ).unref();
    try {
      const { cut } = await drain.drain(http.server, config.shutdownTimeoutMs, delayMs);
      if (cut > 0) logger.warn({ cutRequests: cut }, 'requests still running at SHUTDOWN_TIMEOUT_MS were cut');
      await graph.server.stop();
      await closeSimulators();
      await tracing?.shutdown();
      logger.info('stopped');
      exitAfterLogs(0);
    } catch (error) {
      logger.error({ err: error }, 'could not shut down cleanly');
      exitAfterLogs(1);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(signal));
}

/** What the start line promises: only what a caller will really find at the endpoint. */
function howToReach(config: Config): string {
  const credentials = [
    config.auth.apiKeys.length > 0 ? 'an API key in x-api-key' : '',
    config.auth.jwt ? 'a token in Authorization: Bearer' : '',
  ].filter(Boolean);
  const send =
    (credentials.length > 0 ? `POST GraphQL there with ${credentials.join(' or ')}` : 'POST GraphQL there') +
    (config.auth.routerSecret ? `, through the router (ROUTER_SECRET in ${config.auth.routerSecret.header})` : '');
  if (config.nodeEnv === 'production') {
    // Apollo's production landing page has no Sandbox, and a browser without credentials gets a 401.
    return (
      `(${send}; production: no Sandbox page, introspection off, so tools read the schema from ` +
      '`_service { sdl }` or `npm run schema:print`)'
    );
  }
  if (authRequired(config.auth) || config.auth.routerSecret) {
    return `(${send}; a browser without credentials gets 401, so no Sandbox page)`;
  }
  return '(Apollo Sandbox opens there in a browser)';
}

/**
 * A Redis that cannot be reached at start is named once, clearly: what depends on it (Zen's
 * budget, holds, idempotency keys) fails until it answers, and /ready says 503 meanwhile.
 */
async function reportRedisAtStart(config: Config, graph: LeadGraph, logger: Logger): Promise<void> {
  const failure = await redisPingFailure(config, graph);
  const connection = redisConnectionOf(config);
  if (failure === undefined || !connection) return;
  const where = describeRedis(connection);
  logger.error(
    { redis: where, err: failure },
    `${where} cannot be reached: the shared rate budgets, holds and idempotency keys fail until it ` +
      'answers, and /ready answers 503',
  );
}

try {
  await main();
} catch (error) {
  // One clear line, no stack, for a failure an operator fixes outside the code.
  if (!(error instanceof StartupError)) throw error;
  console.error(`Lead Graph cannot start: ${error.message}`);
  exitAfterLogs(1);
}
