// The one HTTP client every vendor uses: base URL, a hard bound on each call (retries included)
// inside the operation's deadline, Retry-After held for every replica, circuit breakers, bounded
// concurrency and queue (./vendor-guard.ts). Its parts: the transport and the translation of
// failures into our typed errors (./http-transport.ts, undici), the retry policy for reads
// (./http-retry.ts, cockatiel) and what every call leaves behind: metrics, log line, span, the
// vendor's last error (./http-telemetry.ts). Secrets (tokens, passwords) never reach a log line
// or an error message.
import type { Tracer } from '@opentelemetry/api';
import { UpstreamError, isVendorFailure } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Vendor } from '../../model/models.js';
import { vendorName } from '../../model/vendors.js';
import type { Metrics } from '../../observability/metrics.js';
import type { Operation } from '../../request/operation.js';
import { withRetries } from './http-retry.js';
import { VendorTelemetry } from './http-telemetry.js';
import { VendorStatusError, VendorTransport, answerMayBeLost, errorCode } from './http-transport.js';
import type { VendorErrorLog } from './vendor-errors.js';
import type { VendorGuard } from './vendor-guard.js';

export { USER_AGENT, parseRetryAfter } from './http-transport.js';

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
  private readonly transport: VendorTransport;
  private readonly telemetry: VendorTelemetry;
  private readonly guard: VendorGuard;

  constructor(private readonly options: VendorHttpOptions) {
    this.vendor = options.vendor;
    this.guard = options.guard;
    const redact = (text: string) => this.redact(text);
    this.transport = new VendorTransport({
      vendor: options.vendor,
      name: vendorName(options.vendor),
      baseUrl: options.baseUrl,
      // At most as many connections as the bulkhead lets calls through.
      connections: options.guard.maxConcurrency,
      connectTimeoutMs: options.timeoutMs,
      redact,
    });
    this.telemetry = new VendorTelemetry({
      vendor: options.vendor,
      logger: options.logger,
      errorLog: options.errorLog,
      ...(options.metrics ? { metrics: options.metrics } : {}),
      ...(options.tracer ? { tracer: options.tracer } : {}),
      redact,
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
    return this.transport.close();
  }

  /** Text with this vendor's secrets replaced, safe for logs and error messages. */
  redact(text: string): string {
    let safe = text;
    for (const secret of this.options.secrets()) {
      if (secret.length >= 4) safe = safe.split(secret).join('[REDACTED]');
    }
    return safe;
  }

  /** The call itself, once the guard let it through: its attempts, and what it leaves behind. */
  private async send(
    request: VendorRequest & { idempotent: boolean },
    call: { deadline: AbortSignal; timeoutMs: number; started: number; operation: Operation | undefined },
  ): Promise<VendorResponse> {
    const { deadline, timeoutMs, started, operation } = call;
    const { idempotent } = request;
    const telemetry = this.telemetry.start(request, operation);
    try {
      // Writes are never retried; a token issue is not retried at once either: its circuit
      // decides when to ask again.
      const retries = idempotent && request.family !== 'token' ? (this.options.readRetries ?? 2) : 0;
      const answer = await withRetries(
        async () => {
          const answer = await this.transport.exchange(request, deadline);
          if (answer.status < 200 || answer.status >= 300) throw new VendorStatusError(answer);
          const body = this.transport.parseJson(answer.text, answer.status);
          const busy = request.busyAnswer?.({ status: answer.status, body }, this);
          if (busy) throw busy;
          return { ...answer, body };
        },
        {
          retries,
          deadline,
          timeoutMs,
          started,
          budget: this.guard.retryBudget,
          onRetry: (failure, retryCount) => {
            const status = failure instanceof VendorStatusError ? failure.answer.status : undefined;
            const vendorCode = failure instanceof UpstreamError ? failure.details.vendorCode : undefined;
            telemetry.logger.warn(
              { vendor: this.vendor, retryCount, status, vendorCode, error: errorCode(failure) },
              'retrying vendor call',
            );
          },
        },
      );
      telemetry.succeeded(answer.status, started);
      return { status: answer.status, headers: answer.headers, body: answer.body };
    } catch (error) {
      let upstream = this.transport.toUpstreamError(error, deadline, timeoutMs);
      if (!idempotent && answerMayBeLost(error, upstream)) upstream = this.transport.outcomeUnknown(upstream);
      const status = upstream.details.upstreamStatus;
      const retryAfter = upstream.details.retryAfterSeconds;
      if ((status === 429 || status === 503) && retryAfter !== undefined) await this.guard.hold(retryAfter);
      telemetry.failed(upstream, started);
      throw upstream;
    }
  }
}
