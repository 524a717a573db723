// One Apollo plugin observes every GraphQL operation: a log line when it is answered (name,
// type, duration, result, error codes, vendors called, request id), the operation metrics, and
// its span when tracing is on. Variables and query text are never recorded: they carry phones,
// emails and names.
import type { ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, type TextMapGetter, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { GraphQLFormattedError } from 'graphql';
import type { RequestContext } from '../request/context.js';
import type { Logger } from '../logger.js';
import type { Metrics, OperationResult, OperationType } from '../observability/metrics.js';

export interface OperationObserverOptions {
  /** Where the operation counts and durations go. */
  metrics: Metrics;
  /** Writes the one line per operation (info). */
  logger: Logger;
  /**
   * Opens the operation's span, continuing the trace of an incoming W3C `traceparent` (a router's),
   * so that our spans join the router's trace. @default none: no span work at all
   */
  tracer?: Tracer;
}

const traceContext = new W3CTraceContextPropagator();
const fromHeaders: TextMapGetter<HeaderMap | undefined> = {
  keys: (headers) => (headers ? [...headers.keys()] : []),
  get: (headers, name) => headers?.get(name),
};

export function useOperationObserver(options: OperationObserverOptions): ApolloServerPlugin<RequestContext> {
  const { metrics, logger, tracer } = options;
  return {
    requestDidStart({ contextValue, request }) {
      const started = performance.now();
      const observed = contextValue.operation;
      // No traceparent (or a malformed one): a trace of its own. A parent that was not sampled is
      // honoured as the W3C spec says (the default sampler follows the parent).
      const span = tracer?.startSpan(
        'graphql operation',
        { kind: SpanKind.SERVER },
        traceContext.extract(ROOT_CONTEXT, request.http?.headers, fromHeaders),
      );
      if (span) observed.span = span;
      let operationType: OperationType = 'unknown';
      let operationName: string | null = null;
      return Promise.resolve({
        didResolveOperation({ operation }) {
          if (!operation) return Promise.resolve();
          operationType = operation.operation;
          operationName = operation.name?.value ?? null;
          span?.updateName(operationName ? `${operationType} ${operationName}` : operationType);
          span?.setAttributes({
            'graphql.operation.type': operationType,
            ...(operationName ? { 'graphql.operation.name': operationName } : {}),
          });
          return Promise.resolve();
        },
        willSendResponse({ response }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
          const errorCodes = codesOf(body.errors);
          const result: OperationResult =
            errorCodes.length === 0
              ? 'ok'
              : Object.values(body.data ?? {}).some((v) => v !== null)
                ? 'partial'
                : 'error';
          const durationMs = performance.now() - started;
          metrics.operation(operationType, result, durationMs / 1000);
          logger.info(
            {
              requestId: observed.requestId,
              operationName,
              operationType,
              durationMs: Math.round(durationMs),
              result,
              errorCodes,
              vendors: [...observed.vendorsCalled].sort(),
            },
            'graphql operation',
          );
          if (span) {
            span.setAttribute('leadgraph.result', result);
            if (errorCodes.length > 0) {
              span.setAttribute('leadgraph.error_codes', errorCodes);
              span.setStatus({ code: SpanStatusCode.ERROR });
            }
            span.end();
          }
          return Promise.resolve();
        },
      });
    },
  };
}

/** Each error code once, in order of first appearance. */
function codesOf(errors: readonly GraphQLFormattedError[] | undefined): string[] {
  const codes = (errors ?? []).map((e) => e.extensions?.['code']);
  return [...new Set(codes.map((code) => (typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR')))];
}
