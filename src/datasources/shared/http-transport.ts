// The transport of vendor calls (undici: a pool of keep-alive connections per vendor; see
// docs/decisions/0001-undici-for-vendor-http.md): one exchange, its answer as it came, and the one
// translation of transport failures and statuses into our typed errors.
import { Pool, errors as undiciErrors } from 'undici';
import { UpstreamError, upstreamErrorFromStatus } from '../../errors.js';
import type { Vendor } from '../../model/models.js';

export const USER_AGENT = 'lead-graph/0.1 (+https://github.com/lead-graph)';

/** What an exchange sends. */
export interface Exchange {
  method: 'GET' | 'POST';
  /** Relative to the vendor's base URL. */
  path: string;
  searchParams?: Record<string, string | number>;
  headers?: Record<string, string>;
  json?: unknown;
}

/** An answer as it came: status, headers and body text. */
export interface VendorAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A non-2xx answer, on its way to becoming an UpstreamError (VendorTransport.toUpstreamError). */
export class VendorStatusError extends Error {
  constructor(readonly answer: VendorAnswer) {
    super(`HTTP ${answer.status}`);
  }
}

export interface VendorTransportOptions {
  vendor: Vendor;
  /** As people write it, in messages. */
  name: string;
  baseUrl: string;
  /** Connections at most (as many as the vendor's bulkhead lets calls through). */
  connections: number;
  /** Bound on connecting, in ms. */
  connectTimeoutMs: number;
  /** Text with the vendor's secrets replaced. */
  redact: (text: string) => string;
}

export class VendorTransport {
  private readonly pool: Pool;
  /** The base URL with one trailing slash: request paths are appended to it. */
  private readonly prefixUrl: string;

  constructor(private readonly options: VendorTransportOptions) {
    this.prefixUrl = options.baseUrl.replace(/\/*$/, '/');
    // The deadline bounds each call; connecting may take as long (undici's own connect timeout
    // is 10 s). Redirects are not followed: a vendor API answering 3xx is a base URL to correct
    // (UPSTREAM_ERROR).
    this.pool = new Pool(new URL(options.baseUrl).origin, {
      connections: options.connections,
      connect: { timeout: options.connectTimeoutMs },
    });
  }

  /** One HTTP exchange: the answer's status, headers and whole body, whatever the status. */
  async exchange(request: Exchange, signal: AbortSignal): Promise<VendorAnswer> {
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

  /** Closes the vendor's connections; calls still in flight fail. */
  close(): Promise<void> {
    return this.pool.destroy();
  }

  /** A 2xx answer's JSON (null for an empty body); UPSTREAM_ERROR when it is not JSON. */
  parseJson(text: string, status: number): unknown {
    if (text.trim() === '') return null;
    try {
      return JSON.parse(text);
    } catch {
      throw new UpstreamError('UPSTREAM_ERROR', `${this.options.name} sent a response that is not JSON`, {
        vendor: this.options.vendor,
        upstreamStatus: status,
      });
    }
  }

  /** Any failure of a call as our error: a status, the deadline, or a transport error. */
  toUpstreamError(error: unknown, deadline: AbortSignal, timeoutMs: number): UpstreamError {
    if (error instanceof UpstreamError) return error;
    const { vendor, name } = this.options;
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
      return new UpstreamError('UPSTREAM_TIMEOUT', `${name} did not answer within ${timeoutMs} ms`, { vendor });
    }
    // A Node socket error (ECONNREFUSED…) or undici's own (UND_ERR_SOCKET…): its code says enough.
    return new UpstreamError('UPSTREAM_ERROR', `${name} could not be reached (${errorCode(error)})`, { vendor });
  }

  /** A write that may have been carried out although its answer never came. */
  outcomeUnknown(cause: UpstreamError): UpstreamError {
    return new UpstreamError(
      'UPSTREAM_OUTCOME_UNKNOWN',
      `${this.options.name} was sent the write but its answer never came (${cause.message}): it may or may not ` +
        'have been done. Retry with the same idempotencyKey, or look the record up before sending it again',
      cause.details,
    );
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
    return typeof message === 'string' ? this.options.redact(message).slice(0, 300) : undefined;
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

/**
 * Whether a sent call's answer may have been lost after the vendor acted on it: a timeout, a
 * gateway that gave up waiting (504), or a connection that broke in any way not known to
 * happen before sending.
 */
export function answerMayBeLost(error: unknown, upstream: UpstreamError): boolean {
  if (upstream.code === 'UPSTREAM_TIMEOUT') return upstream.details.upstreamStatus !== 408;
  if (error instanceof VendorStatusError || upstream.details.upstreamStatus !== undefined) return false;
  if (upstream.code !== 'UPSTREAM_ERROR') return false;
  return !NEVER_SENT.has(errorCode(error));
}

/** A Node or undici error's code, or UNKNOWN. */
export function errorCode(error: unknown): string {
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
