// Entry point: read the config, start the embedded simulators when no vendor is configured,
// listen. Everything else lives in createServer() and createHttpApp().
import { authRequired, hasAnyVendor, loadConfig, type Config } from './config.js';
import { ConfigError } from './errors.js';
import { createHttpApp, GRAPHQL_PATH, listen } from './http/app.js';
import { createLogger } from './logger.js';
import { createServer } from './server.js';
import { startSimulators, withSimulatedVendors } from './simulators/index.js';

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

  const graph = createServer(config, logger);
  if (graph.journal.storeKind === 'memory') {
    logger.warn(
      'No REDIS_URL: idempotency keys of writes are kept in this process’s memory, so they do not ' +
        'survive a restart and are not shared with other replicas',
    );
  }
  await graph.server.start();
  const http = await listen(createHttpApp({ config, logger, graph }), config.port);
  logger.info(`Lead Graph ready at ${http.url}${GRAPHQL_PATH} (Apollo Sandbox opens there in a browser)`);

  const shutdown = async (signal: string): Promise<void> => {
    logger.info({ signal }, 'shutting down');
    try {
      await http.close();
      await graph.server.stop();
      await closeSimulators();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'could not shut down cleanly');
      process.exit(1);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(signal));
}

await main();
