// One Apollo plugin observes every GraphQL operation: a log line when it is answered (name,
// type, duration, result, error codes, vendors called, request id), the operation metrics, and
// its span when tracing is on. Variables and query text are never recorded: they carry phones,
// emails and names.
import type { ApolloServerPlugin } from '@apollo/server';
import { SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import type { GraphQLFormattedError } from 'graphql';
import type { RequestContext } from '../request/context.js';
import type { Logger } from '../logger.js';
import type { Metrics, OperationResult, OperationType } from '../observability/metrics.js';

export interface OperationObserverOptions {
  /** Where the operation counts and durations go. */
  metrics: Metrics;
  /** Writes the one line per operation (info). */
  logger: Logger;
  /** Opens the operation's span. @default none: no span work at all */
  tracer?: Tracer;
}

export function useOperationObserver(options: OperationObserverOptions): ApolloServerPlugin<RequestContext> {
  const { metrics, logger, tracer } = options;
  return {
    requestDidStart({ contextValue }) {
      const started = performance.now();
      const observed = contextValue.operation;
      const span = tracer?.startSpan('graphql operation', { kind: SpanKind.SERVER });
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
