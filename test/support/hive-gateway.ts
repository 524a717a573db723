// A real gateway in front of our subgraph, as a new user would run one: Hive Gateway
// (@graphql-hive/gateway-runtime) over HTTP, composing our subgraph (served over HTTP, see
// http.ts) with a second subgraph that extends `FinancialEntity` and references `Lead` (the
// fintech catalogue of fintech-subgraph.ts, served over HTTP by Apollo Server). The gateway runs
// examples/gateway/gateway.config.ts, so the tests prove the configuration we ship.
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createGatewayRuntime, type GatewayConfigBase, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import type { DocumentNode } from 'graphql';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  gatewayConfigFor,
  LEADS_SUBGRAPH,
  type LeadGraphGatewayOptions,
} from '../../examples/gateway/gateway.config.js';
import { createLogger } from '../../src/logger.js';
import { compositionTypeDefs, loadTypeDefs } from '../../src/schema.js';
import { FINTECH_TYPE_DEFS, fintechSchema, type Fintech } from './fintech-subgraph.js';
import type { GraphQLBody } from './http.js';

/** A subgraph already served over HTTP, to compose besides ours and the fintech catalogue. */
export interface ServedSubgraph {
  name: string;
  typeDefs: DocumentNode;
  /** Its GraphQL endpoint. */
  url: string;
}

/** A request the gateway sent our subgraph. */
export interface GatewayLeadsRequest {
  query: string;
  variables: Record<string, unknown>;
  headers: Record<string, string>;
}

export interface HiveGatewayOptions extends LeadGraphGatewayOptions {
  /** Our subgraph's GraphQL endpoint (`serveHttp(...).graphqlUrl`). */
  leadsUrl: string;
  /** Our SDL as composed. @default what `_service { sdl }` answers: every directive, `@authenticated` included */
  leadsTypeDefs?: DocumentNode;
  /** The fintech catalogue the second subgraph serves. @default [] */
  fintechs?: readonly Fintech[];
  /** More subgraphs to compose, already served. @default [] */
  subgraphs?: readonly ServedSubgraph[];
  /**
   * Gateway settings laid over examples/gateway/gateway.config.ts (shallow: a key given here
   * replaces the example's), e.g. `transportEntries` for subscriptions. @default {}
   */
  config?: Partial<GatewayConfigBase<Record<string, unknown>>>;
  /** The gateway's port on 127.0.0.1. @default 0: any free port */
  port?: number;
}

export interface HiveGateway {
  /** The gateway's GraphQL endpoint, `http://127.0.0.1:<port>/graphql`. */
  url: string;
  /** The fintech subgraph's GraphQL endpoint. */
  fintechUrl: string;
  /** The supergraph the gateway runs (composed by @apollo/composition, as `rover supergraph compose`). */
  supergraphSdl: string;
  /** Composition's hints (`CODE: message`); none expected of our subgraph. */
  compositionHints: string[];
  /** Every request the gateway sent our subgraph, in order (clear it with `.length = 0`). */
  leadsRequests: GatewayLeadsRequest[];
  /** POSTs an operation to the gateway as JSON; answers with the status, headers and parsed body. */
  post(
    body: Record<string, unknown> | string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; json: GraphQLBody }>;
  /** Stops the gateway, then the fintech subgraph (not ours). */
  close(): Promise<void>;
}

/** Composes subgraphs served at their URLs; throws with every composition error. */
export function composeSupergraph(services: readonly ServedSubgraph[]): { supergraphSdl: string; hints: string[] } {
  const result = composeServices([...services]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return { supergraphSdl: result.supergraphSdl, hints: result.hints.map((h) => `${h.definition.code}: ${h.message}`) };
}

export async function startHiveGateway(options: HiveGatewayOptions): Promise<HiveGateway> {
  const fintech = new ApolloServer({ schema: fintechSchema(options.fintechs ?? []), logger: createLogger('silent') });
  const { url: fintechRoot } = await startStandaloneServer(fintech, { listen: { port: 0, host: '127.0.0.1' } });
  const fintechUrl = new URL('/graphql', fintechRoot).href;
  const { supergraphSdl, hints: compositionHints } = composeSupergraph([
    {
      name: LEADS_SUBGRAPH,
      typeDefs: options.leadsTypeDefs ?? compositionTypeDefs(loadTypeDefs()),
      url: options.leadsUrl,
    },
    { name: 'fintech', typeDefs: FINTECH_TYPE_DEFS, url: fintechUrl },
    ...(options.subgraphs ?? []),
  ]);

  const leadsRequests: GatewayLeadsRequest[] = [];
  const recordLeadsRequests: GatewayPlugin = {
    onFetch({ url, options: init }) {
      if (url !== options.leadsUrl || typeof init.body !== 'string') return;
      const body = JSON.parse(init.body) as { query?: string; variables?: Record<string, unknown> };
      leadsRequests.push({
        query: body.query ?? '',
        variables: body.variables ?? {},
        headers: Object.fromEntries(new Headers(init.headers as HeadersInit).entries()),
      });
    },
  };
  const example = gatewayConfigFor(options);
  const gateway = createGatewayRuntime({
    ...example,
    supergraph: supergraphSdl,
    logging: false,
    transports: { http: httpTransport },
    ...options.config,
    plugins: (context) => [recordLeadsRequests, ...(options.config?.plugins?.(context) ?? [])],
  });
  const server = createServer(gateway.requestListener);
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

  return {
    url,
    fintechUrl,
    supergraphSdl,
    compositionHints,
    leadsRequests,
    async post(body, headers = {}) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let json: GraphQLBody;
      try {
        json = JSON.parse(text) as GraphQLBody;
      } catch {
        throw new Error(`the gateway answered HTTP ${response.status} with something that is not JSON: ${text}`);
      }
      return { status: response.status, headers: response.headers, json };
    },
    async close() {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      await gateway.dispose();
      await fintech.stop();
    },
  };
}
