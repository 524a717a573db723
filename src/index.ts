// Entry point: read the config, start the embedded simulators when no vendor is configured,
// listen, and stop in one way. Everything else lives in createServer() and createHttpApp().
import { constants } from 'node:os';
import { authRequired, hasAnyVendor, loadConfig, type Config } from './config.js';
import { ConfigError } from './errors.js';
import { createHttpApp, GRAPHQL_PATH, listen } from './http/app.js';
import { healthRoutes } from './http/health.js';
import { HttpDrain } from './http/shutdown.js';
import { createLogger } from './logger.js';
import { startTracing } from './observability/tracing.js';
import { createServer } from './server.js';

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

  let closeSimulators = async (): Promise<void> => {};
  if (!hasAnyVendor(config)) {
    if (config.nodeEnv === 'production') {
      logger.fatal(
        'No vendor is configured and NODE_ENV=production: refusing to start on simulated vendors. ' +
          'Set the variables of at least one vendor (see README, Configuration).',
      );
      process.exit(1);
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
  if (config.auth.disabled) {
    logger.warn('AUTH_DISABLED=true: anyone who can reach this server may read and write leads');
  } else if (!authRequired(config.auth)) {
    logger.info('No API_KEYS or JWT_JWKS_URL set: every caller may read and write (development only)');
  }

  if (config.nodeEnv === 'production' && !config.metricsToken) {
    logger.warn('METRICS_TOKEN is not set: GET /metrics answers anyone who reaches this port');
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
  await graph.server.start();
  const drain = new HttpDrain();
  const openRoutes = healthRoutes({ config, logger, graph, drain });
  const http = await listen(createHttpApp({ config, logger, graph, drain, openRoutes }), config.port);
  logger.info(`Lead Graph ready at ${http.url}${GRAPHQL_PATH} (Apollo Sandbox opens there in a browser)`);

  // The one shutdown path (Apollo's own signal handlers are off): stop accepting, drain the
  // requests in flight (at most SHUTDOWN_TIMEOUT_MS), close the vendor connections, Redis, the
  // simulators and the trace exporter, exit 0. A second signal means "now": exit at once, 128 + the signal's number.
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(128 + constants.signals[signal]);
    }
    stopping = true;
    logger.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'shutting down');
    // Closing Redis or flushing traces must not hold the process past its bound either.
    setTimeout(() => {
      logger.error('still not stopped 10 s after the drain bound: exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs + 10_000).unref();
    try {
      const { cut } = await drain.drain(http.server, config.shutdownTimeoutMs);
      if (cut > 0) logger.warn({ cutRequests: cut }, 'requests still running at SHUTDOWN_TIMEOUT_MS were cut');
      await graph.server.stop();
      await closeSimulators();
      await tracing?.shutdown();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'could not shut down cleanly');
      process.exit(1);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(signal));
}

await main();
