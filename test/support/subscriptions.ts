// A test graph served over real HTTP with its graphql-ws endpoint (as src/index.ts serves it),
// and graphql-ws clients over real sockets that collect what they receive.
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import { vi } from 'vitest';
import WebSocket from 'ws';
import type { Config } from '../../src/config.js';
import { createHttpApp, listen, type RunningHttpServer } from '../../src/http/app.js';
import { serveSubscriptions, type SubscriptionEndpoint } from '../../src/http/subscriptions.js';
import { createLogger } from '../../src/logger.js';
import type { TestGraph } from './graph.js';

export interface LiveTestServer {
  /** `http://127.0.0.1:<port>/graphql` */
  graphqlUrl: string;
  /** `ws://127.0.0.1:<port>/graphql` */
  wsUrl: string;
  endpoint: SubscriptionEndpoint;
  http: RunningHttpServer;
  /** A graphql-ws client of this server (closed by `close`); no retries. */
  client(connectionParams?: Record<string, unknown>): LiveClient;
  close(): Promise<void>;
}

export interface LiveClient {
  client: Client;
  /** The close code once the server closed the socket. */
  closedWith: () => Promise<number>;
  dispose: () => Promise<void>;
}

export async function serveLive(
  t: TestGraph,
  options: { heartbeatMs?: number; subscriptions?: Config['subscriptions']; maxQueryCost?: number } = {},
): Promise<LiveTestServer> {
  const logger = createLogger('silent');
  const config: Config = {
    ...t.config,
    ...(options.subscriptions ? { subscriptions: options.subscriptions } : {}),
    ...(options.maxQueryCost ? { queryLimits: { ...t.config.queryLimits, maxCost: options.maxQueryCost } } : {}),
  };
  const http = await listen(createHttpApp({ config, logger, graph: t.graph }), 0, '127.0.0.1');
  const endpoint = serveSubscriptions({
    server: http.server,
    config,
    logger,
    graph: t.graph,
    ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
  });
  const wsUrl = `${http.url.replace('http', 'ws')}/graphql`;
  const clients: LiveClient[] = [];
  return {
    graphqlUrl: `${http.url}/graphql`,
    wsUrl,
    endpoint,
    http,
    client(connectionParams = {}) {
      let closed: (code: number) => void = () => {};
      const closedCode = new Promise<number>((resolve) => (closed = resolve));
      const client = createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        connectionParams,
        retryAttempts: 0,
        lazy: true,
        on: { closed: (event) => closed((event as { code: number }).code) },
      });
      const live: LiveClient = {
        client,
        closedWith: () => closedCode,
        dispose: async () => void (await client.dispose()),
      };
      clients.push(live);
      return live;
    },
    async close() {
      await Promise.all(clients.map((c) => c.dispose()));
      // Also after a test drained it.
      await endpoint.close(1_000).catch(() => {});
      await http.close().catch(() => {});
    },
  };
}

export interface Subscription<T> {
  /** Results received so far (data or errors), in order. */
  results: FormattedExecutionResult<T, unknown>[];
  /** Resolves when at least `count` results arrived (fails after 5 s). */
  received(count: number): Promise<FormattedExecutionResult<T, unknown>[]>;
  /** Set once the server completed or errored the subscription. */
  ended: boolean;
  error: unknown;
  unsubscribe(): void;
}

export function subscribe<T = Record<string, unknown>>(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
): Subscription<T> {
  const subscription: Subscription<T> = {
    results: [],
    ended: false,
    error: undefined,
    received: async (count) => {
      await vi.waitFor(
        () => {
          if (subscription.results.length < count) throw new Error(`${subscription.results.length} of ${count}`);
        },
        { timeout: 5_000, interval: 10 },
      );
      return subscription.results;
    },
    unsubscribe: () => {},
  };
  subscription.unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => subscription.results.push(result),
      error: (error) => {
        subscription.error = error;
        subscription.ended = true;
      },
      complete: () => (subscription.ended = true),
    },
  );
  return subscription;
}
