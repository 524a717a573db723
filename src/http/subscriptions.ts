// Subscriptions over graphql-ws (the GraphQL over WebSocket protocol, `graphql-transport-ws`) on
// the same port and path as queries (`/graphql`), which Apollo Router and the Hive gateways pass
// through to subgraphs. Apollo Server does not run here (its plugins see HTTP requests only), so
// what they do for queries is done for subscriptions in this file, once per subscription:
// authentication on connect (the same check as HTTP: src/http/auth.ts), graphql's validation
// with our limits, the cost check (MAX_QUERY_COST), the scope check (the operation's and each
// field's @requiresScopes), the limits per connection and per process, error formatting (vendor
// words masked in production), a log line at start and end, and the metrics (active
// subscriptions, events sent: src/live/).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { Context } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { DEFAULT_SUBSCRIPTIONS, type Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Caller, Scope } from '../request/caller.js';
import type { RequestContext } from '../request/context.js';
import type { LeadGraph } from '../server.js';
import { costRefusal } from '../plugins/use-cost-limit.js';
import { credentialsChecker } from './auth.js';
import { routerSecretCheck } from './router-trust.js';
import { GRAPHQL_PATH } from './app.js';

/** A ping every this often; a connection that does not answer one within as long is cut. */
export const HEARTBEAT_MS = 12_000;

export interface SubscriptionEndpointOptions {
  /** The listening HTTP server whose upgrades to `/graphql` become graphql-ws connections. */
  server: Server;
  config: Config;
  logger: Logger;
  graph: LeadGraph;
  /** @default HEARTBEAT_MS */
  heartbeatMs?: number;
}

export interface SubscriptionEndpoint {
  /** Subscriptions open on this process. */
  readonly active: number;
  /** Connections open on this process. */
  readonly connections: number;
  /**
   * Refuses new connections, closes every open one (1001 Going Away: a graphql-ws client
   * reconnects, to another replica), and waits for them at most `timeoutMs` before cutting them.
   */
  close(timeoutMs: number): Promise<void>;
}

interface OpenSubscription {
  /** Its deadline ends with it. */
  context: RequestContext;
  field: string;
  startedAt: number;
  /**
   * Its events, once graphql-js made them. Ended here as well as by graphql-ws, which can lose
   * track of them when a client reuses an id while the first subscribe is still starting.
   */
  events?: AsyncIterator<unknown>;
}

interface Connection {
  caller: Caller;
  /** The open subscriptions, by the client's id. */
  subscriptions: Map<string, OpenSubscription>;
  /** The ids of subscriptions accepted whose context is still being made: they count against the limits. */
  starting: Set<string>;
}

type SocketContext = Context<Record<string, unknown>, Extra & Partial<Record<PropertyKey, never>>>;

export function serveSubscriptions(options: SubscriptionEndpointOptions): SubscriptionEndpoint {
  const { server, config, logger, graph } = options;
  const limits = config.subscriptions ?? DEFAULT_SUBSCRIPTIONS;
  const check = credentialsChecker(config.auth, logger);
  const checkRouterSecret = config.auth.routerSecret && routerSecretCheck(config.auth.routerSecret);
  const connections = new Map<SocketContext, Connection>();
  let active = 0;
  let closing = false;
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.http.maxBodyBytes });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '/').split('?')[0]!.replace(/(.)\/$/, '$1');
    if (path !== GRAPHQL_PATH || closing) {
      socket.end(`HTTP/1.1 ${closing ? '503 Service Unavailable' : '404 Not Found'}\r\nconnection: close\r\n\r\n`);
      return;
    }
    if (wss.clients.size >= limits.maxConnections) {
      // A client's graphql-ws retries with backoff; a load balancer may send it to another replica.
      graph.metrics.subscriptionRefused('connections');
      socket.end('HTTP/1.1 503 Service Unavailable\r\nretry-after: 5\r\nconnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  server.on('upgrade', onUpgrade);

  const release = (connection: Connection, id: string) => {
    const subscription = connection.subscriptions.get(id);
    if (!subscription) return;
    connection.subscriptions.delete(id);
    active--;
    // Already ended when graphql-ws ended it first; a failure to end it changes nothing here.
    Promise.resolve(subscription.events?.return?.()).catch(() => {});
    subscription.context.operation.budget.finish();
    subscription.context.operation.logger.info(
      {
        field: subscription.field,
        caller: connection.caller.id,
        seconds: (Date.now() - subscription.startedAt) / 1000,
      },
      'subscription ended',
    );
  };

  useServer<Record<string, unknown>>(
    {
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const headers = ctx.extra.request.headers;
        // With ROUTER_SECRET, the upgrade (or the connection parameters) must carry it, as every HTTP request must.
        const secretRefusal = checkRouterSecret?.({ ...headers, ...lowerCaseStrings(params) });
        if (secretRefusal) {
          ctx.extra.socket.close(4401, closeReason('UNAUTHENTICATED', secretRefusal.message));
          return false;
        }
        const found = await check({
          apiKey: params['x-api-key'] ?? params['apiKey'] ?? headers['x-api-key'],
          authorization: params['authorization'] ?? params['Authorization'] ?? headers.authorization,
        });
        if (!('caller' in found)) {
          const error = found.body.errors[0];
          // 4401 (as graphql-ws names Unauthorized) or 4503; the reason is our code and message.
          ctx.extra.socket.close(
            found.status === 401 ? 4401 : 4503,
            closeReason(error?.extensions.code ?? 'UNAUTHENTICATED', error?.message ?? ''),
          );
          return false;
        }
        connections.set(ctx, { caller: found.caller, subscriptions: new Map(), starting: new Set() });
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        const connection = connections.get(ctx);
        if (!connection) return [refusal('Not authenticated', 'UNAUTHENTICATED')];
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: config.queryLimits.maxTokens });
        } catch (error) {
          return [
            error instanceof GraphQLError
              ? withCode(error, 'GRAPHQL_PARSE_FAILED')
              : refusal('Cannot parse', 'GRAPHQL_PARSE_FAILED'),
          ];
        }
        const invalid = validate(graph.schema, document, [...specifiedRules, ...graph.validationRules]);
        if (invalid.length > 0) return invalid.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
        const operation = getOperationAST(document, payload.operationName);
        if (!operation || operation.operation !== OperationTypeNode.SUBSCRIPTION) {
          return [
            refusal(
              'Over WebSocket this graph serves subscriptions only: send queries and mutations over HTTP',
              'BAD_REQUEST',
            ),
          ];
        }
        // As Apollo Server does over HTTP: variables that do not fit are BAD_USER_INPUT (graphql-js
        // would refuse them at execution, without a code).
        const coerced = getVariableValues(graph.schema, operation.variableDefinitions ?? [], payload.variables ?? {});
        if (coerced.errors) return coerced.errors.map((error) => withCode(error, 'BAD_USER_INPUT'));
        const tooCostly = costRefusal(
          graph.schema,
          document,
          operation,
          payload.variables ?? {},
          config.queryLimits.maxCost,
        );
        if (tooCostly) return [tooCostly];
        const missing = missingScopes(graph.schema, operation, connection.caller);
        if (missing) {
          return [refusal(`This subscription needs the ${missing} scope, which your credentials lack`, 'FORBIDDEN')];
        }
        if (connection.subscriptions.has(id) || connection.starting.has(id)) {
          // graphql-ws lets an id be reused once completed; one whose subscribe is still starting
          // (or ending) here would have two subscriptions under one id, and one never ended.
          return [refusal('This subscription id is still in use: use another', 'BAD_REQUEST')];
        }
        if (connection.subscriptions.size + connection.starting.size >= limits.maxPerConnection) {
          graph.metrics.subscriptionRefused('per_connection');
          return [
            refusal(`At most ${limits.maxPerConnection} subscriptions per connection`, 'OVERLOADED', {
              limit: 'SUBSCRIPTIONS_MAX_PER_CONNECTION',
            }),
          ];
        }
        if (active >= limits.maxPerProcess) {
          graph.metrics.subscriptionRefused('per_process');
          return [
            refusal('This server holds as many subscriptions as it may: try again shortly', 'OVERLOADED', {
              limit: 'SUBSCRIPTIONS_MAX_PER_PROCESS',
            }),
          ];
        }
        // The slot is taken before the await, so subscribes arriving together cannot pass the limits.
        connection.starting.add(id);
        active++;
        let context: RequestContext;
        try {
          context = await graph.createContext({ caller: connection.caller, requestId: randomUUID() });
        } catch (error) {
          active--;
          throw error;
        } finally {
          connection.starting.delete(id);
        }
        if (connections.get(ctx) !== connection) {
          // The socket closed meanwhile: nothing will release this subscription, so it never starts.
          active--;
          context.operation.budget.finish();
          return [refusal('The connection closed before the subscription started', 'BAD_REQUEST')];
        }
        const field = rootFields(operation).join(',');
        connection.subscriptions.set(id, { context, field, startedAt: Date.now() });
        context.operation.logger.info({ field, caller: connection.caller.id }, 'subscription started');
        return {
          schema: graph.schema,
          document,
          operationName: payload.operationName ?? null,
          variableValues: payload.variables ?? null,
          contextValue: context,
        };
      },
      onOperation: (ctx, id, _payload, args, result) => {
        const open = connections.get(ctx)?.subscriptions.get(id);
        if (open && open.context === args.contextValue && isAsyncIterator(result)) open.events = result;
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors
          ? { ...result, errors: result.errors.map((error) => graph.formatError(error.toJSON(), error)) }
          : undefined,
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => graph.formatError(error.toJSON(), error)),
      onComplete: (ctx, id) => {
        const connection = connections.get(ctx);
        if (connection) release(connection, id);
      },
      onClose: (ctx) => {
        const connection = connections.get(ctx);
        if (!connection) return;
        for (const id of [...connection.subscriptions.keys()]) release(connection, id);
        connections.delete(ctx);
      },
    },
    wss,
    options.heartbeatMs ?? HEARTBEAT_MS,
  );

  return {
    get active() {
      return active;
    },
    get connections() {
      return wss.clients.size;
    },
    async close(timeoutMs) {
      closing = true;
      const sockets = [...wss.clients];
      const closed = Promise.all(sockets.map((socket) => closedOf(socket)));
      for (const socket of sockets) socket.close(1001, 'Going away: this server is stopping');
      const bound = setTimeout(() => {
        for (const socket of sockets) socket.terminate();
      }, timeoutMs);
      await closed;
      clearTimeout(bound);
      server.off('upgrade', onUpgrade);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function isAsyncIterator(value: unknown): value is AsyncIterator<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

function closedOf(socket: WebSocket): Promise<void> {
  return socket.readyState === socket.CLOSED
    ? Promise.resolve()
    : new Promise((resolve) => socket.once('close', () => resolve()));
}

/** Connection parameters that are strings, by lower-case name (as Node gives headers). */
function lowerCaseStrings(params: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).flatMap(([name, value]) => (typeof value === 'string' ? [[name.toLowerCase(), value]] : [])),
  );
}

/** A close reason must fit in 123 bytes. */
function closeReason(code: string, message: string): string {
  return Buffer.from(`${code}: ${message}`)
    .subarray(0, 123)
    .toString()
    .replace(/\uFFFD$/, '');
}

function refusal(message: string, code: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return error.extensions['code']
    ? error
    : new GraphQLError(error.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        extensions: { ...error.extensions, code },
      });
}

function rootFields(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.flatMap((selection) =>
    selection.kind === Kind.FIELD ? [selection.name.value] : [],
  );
}

/**
 * The first scope the caller lacks: `leads:read` for any subscription (as for a query), and each
 * root field's `@requiresScopes` (one of its lists held in full); undefined when none is missing.
 */
function missingScopes(schema: GraphQLSchema, operation: OperationDefinitionNode, caller: Caller): string | undefined {
  if (!caller.scopes.has('leads:read')) return 'leads:read';
  const fields = schema.getSubscriptionType()?.getFields() ?? {};
  for (const name of rootFields(operation)) {
    const directive = fields[name]?.astNode?.directives?.find((d) => d.name.value === 'requiresScopes');
    const argument = directive?.arguments?.find((a) => a.name.value === 'scopes')?.value;
    if (argument?.kind !== Kind.LIST) continue;
    const alternatives = argument.values.map((all) =>
      all.kind === Kind.LIST ? all.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : [])) : [],
    );
    const held = alternatives.some((all) => all.every((scope) => caller.scopes.has(scope as Scope)));
    if (!held) return alternatives.map((all) => all.join(' and ')).join(' or ');
  }
  return undefined;
}
