// The web app around Apollo: request ids, routes that answer anyone (health, metrics), then
// for /graphql CORS, authentication, a bounded JSON body and Apollo. Every answer is JSON.
// Plain node:http rather than a framework, as Apollo's own standalone server is built: one
// endpoint and three probes need no router, and Express doubled the CPU of a trivial operation
// (`{ __typename }`: ~1 ms against ~0.5 ms, issue 16).
import { HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';
import bodyParser from 'body-parser';
import cors from 'cors';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config, CorsOrigins } from '../config.js';
import type { RequestContext } from '../request/context.js';
import type { Logger } from '../logger.js';
import type { LeadGraph } from '../server.js';
import { authenticator } from './auth.js';
import { errorBody, sendJson } from './json.js';
import { requestIdOf } from './request-id.js';
import type { HttpDrain } from './shutdown.js';

export type OpenRoute = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** Routes by method and exact path, written `GET /health`. */
export type OpenRoutes = Readonly<Record<string, OpenRoute>>;

export interface HttpAppOptions {
  config: Config;
  logger: Logger;
  /** Started (`graph.server.start()`) before the app serves. */
  graph: LeadGraph;
  /** Told of every request first, so that a stop can wait for the requests in flight. */
  drain?: HttpDrain;
  /**
   * Answered before CORS, authentication and body parsing: routes any caller who reaches the
   * process may use (health, readiness, metrics).
   */
  openRoutes?: OpenRoutes;
}

export type HttpApp = (req: IncomingMessage, res: ServerResponse) => void;

export const GRAPHQL_PATH = '/graphql';

export function createHttpApp({ config, logger, graph, drain, openRoutes = {} }: HttpAppOptions): HttpApp {
  const routes = new Map(Object.entries(openRoutes));
  const serveGraphQL = graphqlEndpoint(config, logger, graph);
  const refuse = failureAnswer(logger, config.http.maxBodyBytes);

  const serve = async (req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> => {
    const url = req.url ?? '/';
    const queryStart = url.indexOf('?');
    // One trailing slash is forgiven (`/graphql/`), as routers and probes are often set up so.
    const path = (queryStart === -1 ? url : url.slice(0, queryStart)).replace(/(.)\/$/, '$1');
    if (path === GRAPHQL_PATH) {
      await serveGraphQL(req, res, requestId, queryStart === -1 ? '' : url.slice(queryStart));
      return;
    }
    // HEAD is answered as GET (Node leaves out the body): load balancers probe with either.
    const route = routes.get(`${req.method === 'HEAD' ? 'GET' : req.method} ${path}`);
    if (route) await route(req, res);
    else sendJson(res, 404, errorBody(`Nothing here; the GraphQL endpoint is ${GRAPHQL_PATH}`, 'NOT_FOUND'));
  };

  return (req, res) => {
    drain?.track(res);
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    serve(req, res, requestId).catch((error: unknown) => refuse(res, requestId, error));
  };
}

/** A request once body-parser has read it: `body` is the parsed JSON, or undefined. */
type ParsedRequest = IncomingMessage & { body?: unknown };

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: Error) => void) => void;

/** Runs a connect-style middleware (cors, body-parser) up to its `next`. */
function use(middleware: Middleware, req: IncomingMessage, res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => middleware(req, res, (error) => (error ? reject(error) : resolve())));
}

function graphqlEndpoint(config: Config, logger: Logger, graph: LeadGraph) {
  const applyCors = cors(corsOptions(config.http.corsOrigins));
  const authenticate = authenticator(config.auth, logger);
  const parseJson = bodyParser.json({ limit: config.http.maxBodyBytes });

  return async (req: ParsedRequest, res: ServerResponse, requestId: string, search: string): Promise<void> => {
    await use(applyCors, req, res);
    // A preflight ends here, before authentication: CORS headers, set above for an allowed
    // origin only, tell the browser whether to go on.
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'content-length': '0' }).end();
      return;
    }
    const caller = await authenticate(req, res);
    if (!caller) return;
    await use(parseJson, req, res);
    const headers = new HeaderMap();
    for (const name in req.headers) {
      const value = req.headers[name];
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    let context: RequestContext | undefined;
    try {
      const answer = await graph.server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search, body: req.body },
        context: async () => (context = await graph.createContext({ caller, requestId })),
      });
      await writeAnswer(res, answer);
    } finally {
      // Also when Apollo refused the request after making its context (a batch, a bad body):
      // then no plugin saw it end.
      context?.operation.budget.finish();
    }
  };
}

async function writeAnswer(res: ServerResponse, { status, headers, body }: HTTPGraphQLResponse): Promise<void> {
  for (const [name, value] of headers) res.setHeader(name, value);
  res.statusCode = status ?? 200;
  if (body.kind === 'complete') {
    res.end(body.string);
    return;
  }
  // Incremental delivery (@defer): each part as Apollo yields it.
  for await (const chunk of body.asyncIterator) res.write(chunk);
  res.end();
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
    // Preflights come back to graphqlEndpoint, which answers them before authentication.
    preflightContinue: true,
  };
}

const BODY_ERRORS: Record<string, { code: string; message: (maxBytes: number) => string }> = {
  'entity.too.large': { code: 'PAYLOAD_TOO_LARGE', message: (max) => `The request body is over ${max} bytes` },
  'entity.parse.failed': { code: 'BAD_REQUEST', message: () => 'The request body is not valid JSON' },
  'encoding.unsupported': { code: 'BAD_REQUEST', message: () => 'The request body encoding is not supported' },
  'charset.unsupported': { code: 'BAD_REQUEST', message: () => 'The request body charset is not supported' },
};

/**
 * A body the JSON parser refused becomes its 4xx with a JSON error; anything else is a bug,
 * logged with the request id and answered 500 without detail (or, when the answer had begun,
 * cut).
 */
function failureAnswer(logger: Logger, maxBodyBytes: number) {
  return (res: ServerResponse, requestId: string, error: unknown): void => {
    const { status, type } = Object(error) as { status?: unknown; type?: unknown };
    if (!res.headersSent && typeof status === 'number' && status >= 400 && status < 500) {
      const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
      logger.info({ requestId, status, type }, 'refused a malformed request');
      sendJson(
        res,
        status,
        errorBody(known?.message(maxBodyBytes) ?? 'The request could not be read', known?.code ?? 'BAD_REQUEST'),
      );
      return;
    }
    logger.error({ err: error, requestId }, 'unexpected error while serving a request');
    if (res.headersSent) res.destroy();
    else sendJson(res, 500, errorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
  };
}

export interface RunningHttpServer {
  server: Server;
  /** `http://127.0.0.1:<port>` (or the host given), no trailing slash. */
  url: string;
  close(): Promise<void>;
}

/** Listens on `port` (0: any free port); tests talk to the returned URL. */
export async function listen(app: HttpApp, port: number, host?: string): Promise<RunningHttpServer> {
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
