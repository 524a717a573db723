// Serves a test graph over real HTTP (the app src/index.ts runs), on a free loopback port.
import { afterAll, beforeAll } from 'vitest';
import { createHttpApp, listen, type HttpAppOptions } from '../../src/http/app.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { startTestGraph, type TestGraph, type TestGraphOptions } from './graph.js';

export interface HttpTestServer {
  /** The GraphQL endpoint, `http://127.0.0.1:<port>/graphql`. */
  graphqlUrl: string;
  /** The server's root, no trailing slash. */
  url: string;
  /** POSTs an operation as JSON; answers with the status, headers and parsed JSON body. */
  post(
    body: Record<string, unknown> | string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; json: GraphQLBody }>;
  close(): Promise<void>;
}

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export type ServeHttpOptions = { logger?: Logger } & Pick<HttpAppOptions, 'drain' | 'openRoutes'>;

export async function serveHttp(t: TestGraph, options: ServeHttpOptions = {}): Promise<HttpTestServer> {
  const app = createHttpApp({
    config: t.config,
    logger: options.logger ?? createLogger('silent'),
    graph: t.graph,
    drain: options.drain,
    openRoutes: options.openRoutes,
  });
  const running = await listen(app, 0, '127.0.0.1');
  const graphqlUrl = `${running.url}/graphql`;
  return {
    url: running.url,
    graphqlUrl,
    async post(body, headers = {}) {
      const response = await fetch(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let json: GraphQLBody;
      try {
        json = JSON.parse(text) as GraphQLBody;
      } catch {
        throw new Error(`HTTP ${response.status} answered with something that is not JSON: ${text.slice(0, 300)}`);
      }
      return { status: response.status, headers: response.headers, json };
    },
    close: () => running.close(),
  };
}

/**
 * A test graph served over HTTP for the tests around the call: started before them, stopped
 * after them (the HTTP server first). Both are filled in by beforeAll, before any test reads them.
 */
export function useHttpTestGraph(
  options: TestGraphOptions = {},
  httpOptions: ServeHttpOptions = {},
): { t: TestGraph; http: HttpTestServer } {
  const t = {} as TestGraph;
  const http = {} as HttpTestServer;
  beforeAll(async () => {
    Object.assign(t, await startTestGraph(options));
    Object.assign(http, await serveHttp(t, httpOptions));
  });
  afterAll(async () => {
    await http.close();
    await t.stop();
  });
  return { t, http };
}
