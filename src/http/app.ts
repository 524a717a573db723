// The web app around Apollo: request ids, routes that answer anyone (health, metrics), then
// for /graphql CORS, authentication, a bounded JSON body and Apollo. Every answer is JSON:
// Express's own HTML error pages (stack traces in development) never reach a client.
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type ErrorRequestHandler, type Express, type RequestHandler, type Router } from 'express';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config, CorsOrigins } from '../config.js';
import type { Logger } from '../logger.js';
import type { LeadGraph } from '../server.js';
import { authenticate, callerOf, errorBody } from './auth.js';
import { requestId, requestIdOf } from './request-id.js';

export interface HttpAppOptions {
  config: Config;
  logger: Logger;
  /** Started (`graph.server.start()`) before the app serves. */
  graph: LeadGraph;
  /**
   * Mounted before CORS, authentication and body parsing: routes any caller who reaches the
   * process may use (health, readiness, metrics), each with its own paths.
   */
  openRoutes?: readonly (Router | RequestHandler)[];
}

export const GRAPHQL_PATH = '/graphql';

export function createHttpApp({ config, logger, graph, openRoutes = [] }: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestId());
  for (const route of openRoutes) app.use(route);
  app.use(
    GRAPHQL_PATH,
    cors(corsOptions(config.http.corsOrigins)),
    // A preflight from an origin CORS does not allow: answered here (without CORS headers, so the
    // browser stops), not sent on to authentication.
    (req, res, next) => (req.method === 'OPTIONS' ? res.status(204).end() : next()),
    authenticate(config.auth, logger),
    express.json({ limit: config.http.maxBodyBytes }),
    expressMiddleware(graph.server, {
      context: ({ res }) => graph.createContext({ caller: callerOf(res), requestId: requestIdOf(res) }),
    }),
  );
  app.use((_req, res) => {
    res.status(404).json(errorBody(`Nothing here; the GraphQL endpoint is ${GRAPHQL_PATH}`, 'NOT_FOUND'));
  });
  app.use(errorHandler(logger, config.http.maxBodyBytes));
  return app;
}

function corsOptions(origins: CorsOrigins): cors.CorsOptions {
  return {
    origin: origins === 'any' ? '*' : [...origins],
    methods: ['GET', 'POST'],
    allowedHeaders: [
      'content-type',
      'x-api-key',
      'authorization',
      'x-request-id',
      // Apollo's CSRF prevention accepts a GET that carries one of these.
      'apollo-require-preflight',
      'x-apollo-operation-name',
    ],
    exposedHeaders: ['x-request-id'],
    maxAge: 600,
  };
}

const BODY_ERRORS: Record<string, { code: string; message: (maxBytes: number) => string }> = {
  'entity.too.large': { code: 'PAYLOAD_TOO_LARGE', message: (max) => `The request body is over ${max} bytes` },
  'entity.parse.failed': { code: 'BAD_REQUEST', message: () => 'The request body is not valid JSON' },
  'encoding.unsupported': { code: 'BAD_REQUEST', message: () => 'The request body encoding is not supported' },
  'charset.unsupported': { code: 'BAD_REQUEST', message: () => 'The request body charset is not supported' },
};

/**
 * Last in line: a body the JSON parser refused becomes its 4xx with a JSON error; anything
 * else is a bug, logged with the request id and answered 500 without detail.
 */
function errorHandler(logger: Logger, maxBodyBytes: number): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const requestId = requestIdOf(res);
    const { status, type } = error as { status?: unknown; type?: unknown };
    const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      logger.info({ requestId, status, type }, 'refused a malformed request');
      res
        .status(status)
        .json(errorBody(known?.message(maxBodyBytes) ?? 'The request could not be read', known?.code ?? 'BAD_REQUEST'));
      return;
    }
    logger.error({ err: error, requestId }, 'unexpected error while serving a request');
    res.status(500).json(errorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
  };
}

export interface RunningHttpServer {
  server: Server;
  /** `http://127.0.0.1:<port>` (or the host given), no trailing slash. */
  url: string;
  close(): Promise<void>;
}

/** Listens on `port` (0: any free port); tests talk to the returned URL. */
export async function listen(app: Express, port: number, host?: string): Promise<RunningHttpServer> {
  const server = createServer(app);
  server.listen(port, host);
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  const shownHost = host ?? 'localhost';
  return {
    server,
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
