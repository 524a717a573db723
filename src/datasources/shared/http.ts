// The one HTTP client set-up every vendor uses (undici: a pool of keep-alive connections per
// vendor): base URL, a hard bound on each call (retries included) inside the operation's
// deadline, retries for reads only within the vendor's retry budget, Retry-After held for every
// replica, circuit breakers, bounded concurrency and queue
// (./vendor-guard.ts), a user agent, and the one translation of transport failures into our
// typed errors. Secrets (tokens, passwords) never reach a log line or an error message. Every
// call is counted (metrics), logged with the request's id and, when tracing is on, traced.
import { SpanKind, SpanStatusCode, trace, ROOT_CONTEXT, type Span, type Tracer } from '@opentelemetry/api';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool, errors as undiciErrors } from 'undici';
import { UpstreamError, isVendorFailure, upstreamErrorFromStatus } from '../../errors.js';
import { vendorName } from '../../model/vendors.js';
import type { Logger } from '../../logger.js';
import type { Vendor } from '../../model/models.js';
import type { VendorErrorLog } from './vendor-errors.js';
import type { Operation } from './operation.js';
import type { VendorGuard } from './vendor-guard.js';
import { vendorCallResult, type Metrics } from '../../observability/metrics.js';

export const USER_AGENT = 'lead-graph/0.1 (+https://github.com/lead-graph)';

/** Query parameters that carry credentials in some vendors' URLs. */
const SECRET_PARAMS = /^(access_token|token|password|secret|app_secret|api_key|key)$/i;
/** Query parameters that carry a lead's personal data: logs do not need their values. */
const PERSONAL_PARAMS = /^(phone|mobile|email|content|contact_information_identifier)$/i;

export interface VendorHttpOptions {
  vendor: Vendor;
  baseUrl: string;
  /** Bound on one call, retries included, in ms (less when the operation has less time left). */
  timeoutMs: number;
  /** The vendor's hold, circuits, bulkhead and retry budget; process-wide. */
  guard: VendorGuard;
  logger: Logger;
  /** Current secrets of this vendor (tokens can change), scrubbed from any text we pass on. */
  secrets: () => readonly string[];
  /** Extra attempts for idempotent calls. @default 2 */
  readRetries?: number;
  /** Where every failed call is remembered (`Query.vendors { lastError }`); process-wide. */
  errorLog: VendorErrorLog;
  metrics?: Metrics;
  /** Present only when tracing is on. */
  tracer?: Tracer;
}

export interface VendorRequest {
  method: 'GET' | 'POST';
  /** Relative to the vendor's base URL. */
  path: string;
  /**
   * The path with its variable parts as placeholders, for traces (`path` when it has none).
   * @default path
   */
  route?: string;
  searchParams?: Record<string, string | number>;
  headers?: Record<string, string>;
  json?: unknown;
  /**
   * Whether repeating the call is harmless. Only such calls are retried.
   * @default true for GET, false for POST
   */
  idempotent?: boolean;
  /**
   * The endpoint family whose circuit breaker the call runs in. `token` calls are issues of
   * access tokens: they run inside their circuit through `issueToken`, with their envelope.
   * @default 'reads' for idempotent calls, 'writes' for the others
   */
  family?: string;
  /**
   * Finds the vendor's "busy" business code in a 2xx answer (shared/envelope.ts, busyAnswer):
   * such an answer fails the call like a 503 does, inside its circuit and its retries.
   */
  busyAnswer?: (answer: { status: number; body: unknown }, client: VendorHttpClient) => UpstreamError | undefined;
}

export interface VendorResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body (null for an empty body). */
  body: unknown;
}

export class VendorHttpClient {
  readonly vendor: Vendor;
  /**
   * undici rather than got (the stack's first choice): measured on a 2-core bench machine, a
   * keep-alive GET through got cost ~650–760 µs of CPU against ~140 µs through undici's pool,
   * and a whole bare Apollo operation ~380 µs: with got, the throughput target of issue 16
   * could not be reached even by a server that did nothing else (README, Benchmarks).
   */
  private readonly pool: Pool;
  /** The base URL with one trailing slash: request paths are appended to it. */
  private readonly prefixUrl: string;
  private readonly guard: VendorGuard;
  private readonly name: string;

  constructor(private readonly options: VendorHttpOptions) {
    this.vendor = options.vendor;
    this.guard = options.guard;
    this.name = vendorName(options.vendor);
    this.prefixUrl = options.baseUrl.replace(/\/*$/, '/');
    // At most as many connections as the bulkhead lets calls through. The deadline bounds each
    // call; connecting may take as long (undici's own connect timeout is 10 s). Redirects are
    // not followed: a vendor API answering 3xx is a base URL to correct (UPSTREAM_ERROR).
    this.pool = new Pool(new URL(options.baseUrl).origin, {
      connections: options.guard.maxConcurrency,
      connect: { timeout: options.timeoutMs },
    });
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  /**
   * One vendor call for `operation` (undefined only for work outside one), or a typed refusal
   * without a call: the operation spent its vendor calls or its time, the vendor asked us to
   * wait, its circuit is open, or its queue is full.
   */
  async request(request: VendorRequest, operation: Operation | undefined): Promise<VendorResponse> {
    const budget = operation?.budget;
    const idempotent = request.idempotent ?? request.method === 'GET';
    const family = request.family ?? (idempotent ? 'reads' : 'writes');
    let timer: NodeJS.Timeout | undefined;
    try {
      budget?.spendVendorCall(this.vendor);
      // The bound starts before anything else: reading the hold and queueing count against it too.
      const timeLeft = budget?.timeLeftForVendorCall() ?? Infinity;
      const timeoutMs = Math.max(1, Math.round(Math.min(this.options.timeoutMs, timeLeft)));
      // A timer of our own rather than AbortSignal.timeout: cleared when the call ends, so the
      // signal (and the request undici hangs on it) is not kept until the bound passes.
      const deadline = new AbortController();
      timer = setTimeout(() => deadline.abort(), timeoutMs);
      const started = performance.now();
      await this.guard.checkHold();
      const send = () =>
        this.send({ ...request, idempotent }, { deadline: deadline.signal, timeoutMs, started, operation });
      this.guard.retryBudget.recordCall();
      return await this.guard.run(family, deadline.signal, send, { circuit: family !== 'token' });
    } catch (error) {
      if (error instanceof UpstreamError && !isVendorFailure(error) && error.code !== 'NOT_FOUND') {
        (operation?.logger ?? this.options.logger).debug(
          { vendor: this.vendor, family, code: error.code },
          `vendor not called: ${error.message}`,
        );
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Issues an access token inside the `token` circuit: a failing login (HTTP or envelope) is
   * asked a few times, then at doubling intervals, never on every request.
   */
  issueToken<T>(issue: () => Promise<T>): Promise<T> {
    return this.guard.inCircuit('token', issue);
  }

  /**
   * For a failure found inside a successful HTTP answer (e.g. an error code in a 200
   * envelope): remembered as this vendor's last error, like a failed call.
   */
  reportError(error: UpstreamError, operation: Operation | undefined): void {
    this.options.errorLog.record(error);
    (operation?.logger ?? this.options.logger).warn(
      { vendor: this.vendor, code: error.code, vendorCode: error.details.vendorCode },
      `vendor answered with an error: ${error.message}`,
    );
  }

  /** Closes the vendor's connections; calls still in flight fail. */
  close(): Promise<void> {
    return this.pool.destroy();
  }

  /** Text with this vendor's secrets replaced, safe for logs and error messages. */
  redact(text: string): string {
    let safe = text;
    for (const secret of this.options.secrets()) {
      if (secret.length >= 4) safe = safe.split(secret).join('[REDACTED]');
    }
    return safe;
  }

  private async send(
    request: VendorRequest & { idempotent: boolean },
    call: { deadline: AbortSignal; timeoutMs: number; started: number; operation: Operation | undefined },
  ): Promise<VendorResponse> {
    const { deadline, timeoutMs, started, operation } = call;
    const { readRetries = 2, metrics } = this.options;
    const { idempotent } = request;
    operation?.vendorsCalled.add(this.vendor);
    const logger = operation?.logger ?? this.options.logger;
    const span = this.startSpan(request, operation?.span);
    // Built only when a line is written: most calls succeed, and their line is debug.
    const logFields = () => ({ vendor: this.vendor, method: request.method, path: this.describePath(request) });
    let sent = false;
    try {
      sent = true;
      // A token issue is not retried at once: its circuit decides when to ask again.
      const retries = idempotent && request.family !== 'token' ? readRetries : 0;
      const response = await this.withRetries(request, { deadline, timeoutMs, started, retries, logger });
      const durationMs = Math.round(performance.now() - started);
      if (logger.isLevelEnabled('debug')) {
        logger.debug({ ...logFields(), status: response.status, durationMs }, 'vendor call');
      }
      metrics?.vendorCall(this.vendor, 'ok', durationMs / 1000);
      span?.setAttribute('http.response.status_code', response.status);
      return { status: response.status, headers: response.headers, body: response.body };
    } catch (error) {
      let upstream = this.toUpstreamError(error, deadline, timeoutMs);
      if (!idempotent && sent && answerMayBeLost(error, upstream)) upstream = this.outcomeUnknown(upstream);
      const status = upstream.details.upstreamStatus;
      const retryAfter = upstream.details.retryAfterSeconds;
      if ((status === 429 || status === 503) && retryAfter !== undefined) await this.guard.hold(retryAfter);
      metrics?.vendorCall(this.vendor, vendorCallResult(upstream.code), (performance.now() - started) / 1000);
      if (span) {
        if (status !== undefined) span.setAttribute('http.response.status_code', status);
        span.setAttribute('error.type', upstream.code);
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      this.options.errorLog.record(upstream);
      // A record the vendor does not have is an answer, not a failure worth a warning.
      const level = upstream.code === 'NOT_FOUND' ? 'debug' : 'warn';
      logger[level](
        { ...logFields(), code: upstream.code, status: upstream.details.upstreamStatus },
        `vendor call failed: ${upstream.message}`,
      );
      throw upstream;
    } finally {
      span?.end();
    }
  }

  /**
   * One attempt, then for reads up to `retries` more after a failure worth repeating (a 408 or
   * 5xx, a 2xx whose business code says the vendor is busy, a dropped or refused connection),
   * with exponential backoff and jitter so that calls failed together do not come back
   * together; never a 429 or a 503 with Retry-After (the hold deals with those). A retry goes
   * only with time to spare, so the client sees the vendor's real failure rather than a deadline
   * that cut the last attempt short, and only within the vendor's retry budget. Resolves with a
   * 2xx answer and its parsed body; rejects with a VendorStatusError or an UpstreamError otherwise.
   */
  private async withRetries(
    request: VendorRequest,
    options: { deadline: AbortSignal; timeoutMs: number; started: number; retries: number; logger: Logger },
  ): Promise<VendorAnswer & { body: unknown }> {
    const { deadline, timeoutMs, started, retries, logger } = options;
    for (let attempt = 1; ; attempt++) {
      let failure: unknown;
      try {
        const answer = await this.exchange(request, deadline);
        if (answer.status >= 200 && answer.status < 300) {
          const body = this.parseJson(answer.text, answer.status);
          const busy = request.busyAnswer?.({ status: answer.status, body }, this);
          if (!busy) return { ...answer, body };
          failure = busy;
        } else {
          failure = new VendorStatusError(answer);
        }
      } catch (error) {
        failure = error;
      }
      if (attempt > retries || deadline.aborted || !worthRetrying(failure)) throw failure;
      const delay = Math.max(1, Math.round(Math.min(100 * 2 ** (attempt - 1), 1_000) * (0.5 + Math.random() / 2)));
      const remaining = timeoutMs - (performance.now() - started);
      if (delay >= remaining / 2 || !this.guard.retryBudget.tryRetry()) throw failure;
      const status = failure instanceof VendorStatusError ? failure.answer.status : undefined;
      const vendorCode = failure instanceof UpstreamError ? failure.details.vendorCode : undefined;
      logger.warn(
        { vendor: this.vendor, retryCount: attempt, status, vendorCode, error: errorCode(failure) },
        'retrying vendor call',
      );
      await sleep(delay, undefined, { signal: deadline });
    }
  }

  /** One HTTP exchange: the answer's status, headers and whole body, whatever the status. */
  private async exchange(request: VendorRequest, signal: AbortSignal): Promise<VendorAnswer> {
    const url = new URL(this.prefixUrl + request.path.replace(/^\//, ''));
    for (const [name, value] of Object.entries(request.searchParams ?? {}))
      url.searchParams.append(name, String(value));
    const hasBody = request.json !== undefined;
    const { statusCode, headers, body } = await this.pool.request({
      method: request.method,
      path: url.pathname + url.search,
      headers: {
        'user-agent': USER_AGENT,
        accept: 'application/json',
        ...(hasBody ? { 'content-type': 'application/json' } : {}),
        ...request.headers,
      },
      body: hasBody ? JSON.stringify(request.json) : null,
      signal,
    });
    return { status: statusCode, headers, text: await body.text() };
  }

  /** A write that may have been carried out although its answer never came. */
  private outcomeUnknown(cause: UpstreamError): UpstreamError {
    return new UpstreamError(
      'UPSTREAM_OUTCOME_UNKNOWN',
      `${this.name} was sent the write but its answer never came (${cause.message}): it may or may not have ` +
        'been done. Retry with the same idempotencyKey, or look the record up before sending it again',
      cause.details,
    );
  }

  /** A client span under the operation's span; the route template only, never the query string. */
  private startSpan(request: VendorRequest, parent: Span | undefined): Span | undefined {
    const tracer = this.options.tracer;
    if (!tracer) return undefined;
    const route = (request.route ?? request.path).replace(/^\//, '');
    return tracer.startSpan(
      `${request.method} ${this.vendor.toLowerCase()} ${route}`,
      {
        kind: SpanKind.CLIENT,
        attributes: { 'leadgraph.vendor': this.vendor, 'http.request.method': request.method, 'url.template': route },
      },
      parent ? trace.setSpan(ROOT_CONTEXT, parent) : ROOT_CONTEXT,
    );
  }

  private parseJson(text: string, status: number): unknown {
    if (text.trim() === '') return null;
    try {
      return JSON.parse(text);
    } catch {
      throw new UpstreamError('UPSTREAM_ERROR', `${this.name} sent a response that is not JSON`, {
        vendor: this.vendor,
        upstreamStatus: status,
      });
    }
  }

  private toUpstreamError(error: unknown, deadline: AbortSignal, timeoutMs: number): UpstreamError {
    if (error instanceof UpstreamError) return error;
    const vendor = this.vendor;
    if (error instanceof VendorStatusError) {
      const { status, headers, text } = error.answer;
      return upstreamErrorFromStatus(status, {
        vendor,
        retryAfterSeconds: parseRetryAfter(headers['retry-after']),
        vendorMessage: this.vendorMessage(text),
      });
    }
    if (
      deadline.aborted ||
      error instanceof undiciErrors.HeadersTimeoutError ||
      error instanceof undiciErrors.BodyTimeoutError
    ) {
      return new UpstreamError('UPSTREAM_TIMEOUT', `${this.name} did not answer within ${timeoutMs} ms`, {
        vendor,
      });
    }
    // A Node socket error (ECONNREFUSED…) or undici's own (UND_ERR_SOCKET…): its code says enough.
    return new UpstreamError('UPSTREAM_ERROR', `${this.name} could not be reached (${errorCode(error)})`, {
      vendor,
    });
  }

  /** The message an error body carries (`message`, `error` or `msg`), redacted and shortened. */
  private vendorMessage(body: string): string | undefined {
    if (body === '') return undefined;
    let message: unknown;
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed && typeof parsed === 'object') {
        const record = parsed as Record<string, unknown>;
        message = record['message'] ?? record['error'] ?? record['msg'];
      }
    } catch {
      return undefined; // a non-JSON error page says nothing we can rely on
    }
    return typeof message === 'string' ? this.redact(message).slice(0, 300) : undefined;
  }

  private describePath(request: VendorRequest): string {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(request.searchParams ?? {})) {
      const shown = SECRET_PARAMS.test(name) ? '[REDACTED]' : PERSONAL_PARAMS.test(name) ? '[PERSONAL]' : String(value);
      params.set(name, shown);
    }
    const query = params.toString();
    return this.redact(query ? `${request.path}?${query}` : request.path);
  }
}

/** Failures that happen before a request leaves this machine: the vendor never saw it. */
const NEVER_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_INVALID_URL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Transport failures a read is tried again after: the connection, not the vendor, failed. */
const RETRIED_ERRORS = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const RETRIED_STATUSES = new Set([408, 500, 502, 503, 504]);

/** An answer as it came: status, headers and body text. */
interface VendorAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A non-2xx answer, on its way to becoming an UpstreamError (toUpstreamError). */
class VendorStatusError extends Error {
  constructor(readonly answer: VendorAnswer) {
    super(`HTTP ${answer.status}`);
  }
}

function worthRetrying(failure: unknown): boolean {
  // A busy answer is retried like a 503; any other failure read from a 2xx answer is its answer.
  if (failure instanceof UpstreamError) return failure.busy;
  if (failure instanceof VendorStatusError) {
    const { status, headers } = failure.answer;
    // A vendor that says when to come back is not asked again at once (after a 503 every call
    // waits: the hold).
    return RETRIED_STATUSES.has(status) && parseRetryAfter(headers['retry-after']) === undefined;
  }
  return RETRIED_ERRORS.has(errorCode(failure));
}

/**
 * Whether a sent call's answer may have been lost after the vendor acted on it: a timeout, a
 * gateway that gave up waiting (504), or a connection that broke in any way not known to
 * happen before sending.
 */
function answerMayBeLost(error: unknown, upstream: UpstreamError): boolean {
  if (upstream.code === 'UPSTREAM_TIMEOUT') return upstream.details.upstreamStatus !== 408;
  if (error instanceof VendorStatusError || upstream.details.upstreamStatus !== undefined) return false;
  if (upstream.code !== 'UPSTREAM_ERROR') return false;
  return !NEVER_SENT.has(errorCode(error));
}

function errorCode(error: unknown): string {
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  return typeof code === 'string' ? code : 'UNKNOWN';
}

/** Retry-After in seconds, from either of its forms (seconds or an HTTP date). */
export function parseRetryAfter(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
