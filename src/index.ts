// Entry point: read the config, start the embedded simulators when no vendor is configured,
// listen. Everything else lives in createServer().
import { constants } from 'node:os';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ConfigError, hasAnyVendor, loadConfig, type Config } from './config.js';
import { createLogger } from './logger.js';
import { startTracing } from './observability/tracing.js';
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

  const tracing = await startTracing(config.tracing);
  if (tracing) logger.info({ endpoint: config.tracing?.endpoint }, 'exporting traces over OTLP/HTTP');
  const { server, createContext } = createServer(config, logger, tracing ? { tracer: tracing.tracer } : {});
  const { url } = await startStandaloneServer(server, { listen: { port: config.port }, context: createContext });
  logger.info(`Lead Graph ready at ${url}graphql (Apollo Sandbox opens there in a browser)`);

  // The one shutdown path (Apollo's own signal handlers are off): drain, close, exit 0. A second
  // signal means "now": exit at once with the usual 128 + signal number.
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(128 + constants.signals[signal]);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await server.stop();
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
