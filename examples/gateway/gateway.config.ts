// Hive Gateway in front of Lead Graph (docs/federation.md#hive-gateway). The Hive Gateway CLI
// reads `gatewayConfig` from this file:
//   npx hive-gateway supergraph supergraph.graphql
// Lead Graph authenticates every request itself, so the gateway must forward the client's
// credentials (set-up 1 of docs/federation.md#router-to-subgraph-trust) and the trace context,
// and, when the subgraph has ROUTER_SECRET, add the router secret. Nothing else is forwarded.
// The test test/graph/federation/hive-gateway.test.ts runs this very configuration.
import type { GatewayConfigBase } from '@graphql-hive/gateway-runtime';

/** The name of Lead Graph in the supergraph (examples/supergraph.yaml). */
export const LEADS_SUBGRAPH = 'leads';

/** The client's headers Lead Graph reads: credentials and W3C trace context. */
export const FORWARDED_HEADERS = ['x-api-key', 'authorization', 'traceparent', 'tracestate'] as const;

export interface LeadGraphGatewayOptions {
  /** Lead Graph's ROUTER_SECRET, when it has one; sent in `routerSecretHeader` to it only. */
  routerSecret?: string;
  /** Lead Graph's ROUTER_SECRET_HEADER. @default 'x-router-secret' */
  routerSecretHeader?: string;
}

/** The headers the gateway sends Lead Graph for one client request. */
export function leadGraphHeaders(request: Request, options: LeadGraphGatewayOptions = {}): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  if (options.routerSecret) headers[options.routerSecretHeader ?? 'x-router-secret'] = options.routerSecret;
  return headers;
}

/**
 * Subscriptions passed through to Lead Graph over graphql-ws (WebSocket, same URL as queries),
 * with the client's credentials as connection parameters (Lead Graph authenticates on connect).
 * Needs the `ws` transport (`@graphql-mesh/transport-ws`) beside `http`.
 */
export const subscriptionsPassthrough = {
  [LEADS_SUBGRAPH]: {
    options: {
      subscriptions: {
        kind: 'ws',
        location: '/graphql',
        options: {
          connectionParams: {
            'x-api-key': '{context.headers.x-api-key}',
            authorization: '{context.headers.authorization}',
          },
        },
      },
    },
  },
};

/** The gateway configuration, for a given router secret. */
export function gatewayConfigFor(options: LeadGraphGatewayOptions = {}): GatewayConfigBase<Record<string, unknown>> {
  return {
    propagateHeaders: {
      // Only Lead Graph gets them: other subgraphs have no use for our clients' keys.
      fromClientToSubgraphs: ({ request, subgraphName }) =>
        subgraphName === LEADS_SUBGRAPH ? leadGraphHeaders(request, options) : {},
    },
  };
}

export const gatewayConfig = gatewayConfigFor({
  // The gateway's own setting (Lead Graph's ROUTER_SECRET, given to the gateway too).
  routerSecret: process.env['LEAD_GRAPH_ROUTER_SECRET'],
});
