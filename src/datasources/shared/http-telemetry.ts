// What every vendor call leaves behind: its span (when tracing is on), its count and duration
// (metrics), its log line with the request's id, and the vendor's last error. Paths are logged
// with credentials and personal data replaced; spans carry the route template only.
import { SpanKind, SpanStatusCode, trace, ROOT_CONTEXT, type Span, type Tracer } from '@opentelemetry/api';
import type { UpstreamError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Vendor } from '../../model/models.js';
import { vendorCallResult, type Metrics } from '../../observability/metrics.js';
import type { Operation } from '../../request/operation.js';
import type { VendorErrorLog } from './vendor-errors.js';

/** Query parameters that carry credentials in some vendors' URLs. */
const SECRET_PARAMS = /^(access_token|token|password|secret|app_secret|api_key|key)$/i;
/** Query parameters that carry a lead's personal data: logs do not need their values. */
const PERSONAL_PARAMS = /^(phone|mobile|email|content|contact_information_identifier)$/i;

export interface VendorTelemetryOptions {
  vendor: Vendor;
  /** The process's logger, for calls outside an operation. */
  logger: Logger;
  /** Where every failed call is remembered (`Query.vendors { lastError }`); process-wide. */
  errorLog: VendorErrorLog;
  metrics?: Metrics;
  /** Present only when tracing is on. */
  tracer?: Tracer;
  /** Text with the vendor's secrets replaced. */
  redact: (text: string) => string;
}

/** What a call's telemetry needs to know of it. */
export interface CalledRequest {
  method: 'GET' | 'POST';
  path: string;
  /** The path with its variable parts as placeholders (`path` when it has none). */
  route?: string;
  searchParams?: Record<string, string | number>;
}

/** One call's telemetry, from its start to its end. */
export interface CallTelemetry {
  /** The operation's logger (with its request id), or the process's. */
  readonly logger: Logger;
  /** The call answered 2xx. */
  succeeded(status: number, started: number): void;
  /** The call failed with `error` (already our error). */
  failed(error: UpstreamError, started: number): void;
}

export class VendorTelemetry {
  constructor(private readonly options: VendorTelemetryOptions) {}

  /** Starts a call's telemetry: it is counted among the vendors the operation called. */
  start(request: CalledRequest, operation: Operation | undefined): CallTelemetry {
    const { vendor, metrics, errorLog } = this.options;
    operation?.vendorsCalled.add(vendor);
    const logger = operation?.logger ?? this.options.logger;
    const span = this.startSpan(request, operation?.span);
    // Built only when a line is written: most calls succeed, and their line is debug.
    const logFields = () => ({ vendor, method: request.method, path: this.describePath(request) });
    return {
      logger,
      succeeded: (status, started) => {
        const durationMs = Math.round(performance.now() - started);
        if (logger.isLevelEnabled('debug')) logger.debug({ ...logFields(), status, durationMs }, 'vendor call');
        metrics?.vendorCall(vendor, 'ok', durationMs / 1000);
        if (span) {
          span.setAttribute('http.response.status_code', status);
          span.end();
        }
      },
      failed: (error, started) => {
        const status = error.details.upstreamStatus;
        metrics?.vendorCall(vendor, vendorCallResult(error.code), (performance.now() - started) / 1000);
        if (span) {
          if (status !== undefined) span.setAttribute('http.response.status_code', status);
          span.setAttribute('error.type', error.code);
          span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        }
        errorLog.record(error);
        // A record the vendor does not have is an answer, not a failure worth a warning.
        const level = error.code === 'NOT_FOUND' ? 'debug' : 'warn';
        logger[level]({ ...logFields(), code: error.code, status }, `vendor call failed: ${error.message}`);
      },
    };
  }

  /** A client span under the operation's span; the route template only, never the query string. */
  private startSpan(request: CalledRequest, parent: Span | undefined): Span | undefined {
    const tracer = this.options.tracer;
    if (!tracer) return undefined;
    const route = (request.route ?? request.path).replace(/^\//, '');
    return tracer.startSpan(
      `${request.method} ${this.options.vendor.toLowerCase()} ${route}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'leadgraph.vendor': this.options.vendor,
          'http.request.method': request.method,
          'url.template': route,
        },
      },
      parent ? trace.setSpan(ROOT_CONTEXT, parent) : ROOT_CONTEXT,
    );
  }

  private describePath(request: CalledRequest): string {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(request.searchParams ?? {})) {
      const shown = SECRET_PARAMS.test(name) ? '[REDACTED]' : PERSONAL_PARAMS.test(name) ? '[PERSONAL]' : String(value);
      params.set(name, shown);
    }
    const query = params.toString();
    return this.options.redact(query ? `${request.path}?${query}` : request.path);
  }
}
