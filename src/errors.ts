// Every error class of the graph. Every failure a client sees is one of these GraphQLErrors with
// a fixed `extensions.code`; `upstreamErrorFromStatus` is the one map from a vendor's HTTP status
// to a code. ConfigError stops start-up and never reaches a client.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { toErrorCode, type ErrorCode } from './model/error-codes.js';
import type { Vendor, VendorOutcome, VendorOutcomeStatus } from './model/models.js';
import { vendorName } from './model/vendors.js';

export type UpstreamErrorCode =
  /** The vendor has no such record: one shape for every vendor (an UpstreamError, never another class). */
  | 'NOT_FOUND'
  | 'UPSTREAM_ERROR'
  | 'UPSTREAM_TIMEOUT'
  | 'UPSTREAM_UNAUTHORIZED'
  | 'UPSTREAM_REJECTED'
  | 'RATE_LIMITED'
  /** A write was sent and its answer never came: the vendor may or may not have done it. */
  | 'UPSTREAM_OUTCOME_UNKNOWN'
  | GuardErrorCode;

/**
 * Codes of vendor calls this graph did not send (or stopped waiting for) to protect the vendor
 * or its clients: the vendor's circuit is open, its queue is full, or the operation has spent
 * its vendor calls or its time. None of them is the vendor's own failure.
 */
export type GuardErrorCode = 'UPSTREAM_UNAVAILABLE' | 'OVERLOADED' | 'TOO_MANY_VENDOR_CALLS' | 'OPERATION_TIMEOUT';

const GUARD_CODES: ReadonlySet<string> = new Set<GuardErrorCode>([
  'UPSTREAM_UNAVAILABLE',
  'OVERLOADED',
  'TOO_MANY_VENDOR_CALLS',
  'OPERATION_TIMEOUT',
]);

/** Whether this error says the vendor itself failed (rather than our guard refusing to call it). */
export function isVendorFailure(error: UpstreamError): boolean {
  return error.code !== 'NOT_FOUND' && !GUARD_CODES.has(error.code);
}

/**
 * Why a request was refused (401 UNAUTHENTICATED, `extensions.reason`): a signed JWT's lifetime
 * claims, the router secret, or credentials a router did not forward. Other refusals (bad key,
 * bad signature, issuer, audience, garbled) carry no reason.
 */
export type UnauthenticatedReason =
  | 'TOKEN_EXPIRED'
  /** Tokens must carry `exp`. */
  | 'TOKEN_WITHOUT_EXPIRY'
  /** Older than JWT_MAX_TOKEN_AGE_SECONDS by its `iat`. */
  | 'TOKEN_TOO_OLD'
  /** JWT_MAX_TOKEN_AGE_SECONDS is set and the token has no `iat`: its age is unknown, so it is refused. */
  | 'TOKEN_WITHOUT_ISSUED_AT'
  /** ROUTER_SECRET is set and the request does not carry it: only the router may call. */
  | 'ROUTER_SECRET_MISSING'
  /** ROUTER_SECRET is set and the request carries another value. */
  | 'ROUTER_SECRET_INVALID'
  /** No credentials, and the request came through a router or proxy: it did not forward them. */
  | 'CREDENTIALS_NOT_FORWARDED';

/**
 * Apollo Server refuses an automatic persisted query whose `sha256Hash` is not the query's
 * with this message, HTTP 400 and no code, so clients saw INTERNAL_SERVER_ERROR. Given the code
 * Apollo Router and other servers use, a client can tell its own bug from ours.
 */
const APQ_HASH_MISMATCH_MESSAGE = 'provided sha does not match query';

/** `formatted` with PERSISTED_QUERY_HASH_MISMATCH when it is Apollo's uncoded APQ refusal. */
export function withPersistedQueryCode(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const apqRefusal =
    error instanceof GraphQLError &&
    error.message === APQ_HASH_MISMATCH_MESSAGE &&
    error.extensions['code'] === undefined &&
    !error.originalError;
  return apqRefusal
    ? { ...formatted, extensions: { ...formatted.extensions, code: 'PERSISTED_QUERY_HASH_MISMATCH' } }
    : formatted;
}

/** The server cannot start for a reason outside its configuration (a port taken, files missing). */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

/** The environment does not make a valid configuration; the server refuses to start. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * The client sent something that cannot be right; no vendor was called. `reason` names a
 * refusal a client may want to tell apart (`IDEMPOTENCY_KEY_REUSED`).
 */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, field?: string, reason?: string) {
    super(message, {
      extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}), ...(reason ? { reason } : {}) },
    });
  }
}

/**
 * A keyed write was refused before any vendor call: the write journal's store cannot be reached,
 * and without it a repeat could not be told from a new write. Retrying with the same key later is safe.
 */
export class IdempotencyUnavailableError extends GraphQLError {
  /**
   * @param store what failed, as the journal's store names itself ("Redis at host:port"), and
   *   why (`extensions.cause`: SHARED_STORE_UNREACHABLE, SHARED_STORE_TIMEOUT, JOURNAL_DATABASE_UNREACHABLE)
   */
  constructor(retryAfterSeconds: number, store?: { where: string; cause: string }) {
    super(
      `The write was not sent: the idempotency journal${store ? ` (${store.where})` : ''} cannot be reached, ` +
        `so a repeat could not be recognised. Retry with the same idempotencyKey in ${retryAfterSeconds} s`,
      { extensions: { code: 'IDEMPOTENCY_UNAVAILABLE', retryAfterSeconds, ...(store ? { cause: store.cause } : {}) } },
    );
  }
}

/** A client has this many keyed writes running already (in this process); this one was not sent. */
export class TooManyKeysInFlightError extends GraphQLError {
  constructor(limit: number) {
    super(`Too many keyed writes in flight for this client (at most ${limit} keys at once); retry when one ends`, {
      extensions: { code: 'TOO_MANY_KEYS_IN_FLIGHT', limit, retryAfterSeconds: 1 },
    });
  }
}

export class VendorNotConfiguredError extends GraphQLError {
  constructor(vendor: Vendor) {
    super(`${vendorName(vendor)} is not configured on this server`, {
      extensions: { code: 'VENDOR_NOT_CONFIGURED', vendor },
    });
  }
}

export class UnsupportedError extends GraphQLError {
  constructor(vendor: Vendor, what: string) {
    super(`${vendorName(vendor)} does not support ${what} in this graph`, {
      extensions: { code: 'UNSUPPORTED', vendor },
    });
  }
}

/** Why a vendor refused what we sent, where a client may act on it (`extensions.reason`). */
export type UpstreamRejectionReason = 'ALREADY_EXISTS';

export interface UpstreamErrorDetails {
  vendor: Vendor;
  /** On UPSTREAM_REJECTED, when the vendor said why in a way we know. */
  reason?: UpstreamRejectionReason;
  upstreamStatus?: number;
  retryAfterSeconds?: number;
  /** The vendor's own error code and message (secrets removed), when it sent them. */
  vendorCode?: string | number;
  vendorMessage?: string;
  /** The write's idempotency key, on UPSTREAM_OUTCOME_UNKNOWN: retrying with it is safe. */
  idempotencyKey?: string;
}

/** A vendor call failed; `code` says how. */
export class UpstreamError extends GraphQLError {
  /**
   * The vendor refused our access token itself, so a new token may help (reads then replay
   * once). Never shown to clients.
   */
  readonly tokenRejected: boolean;
  /**
   * The vendor said it is busy or overloaded (a business code of its busy table, inside an HTTP
   * 200): a failure like a 503, so its circuit counts it and a read is retried with backoff.
   * Never shown to clients.
   */
  readonly busy: boolean;

  constructor(
    readonly code: UpstreamErrorCode,
    message: string,
    readonly details: UpstreamErrorDetails,
    options: { tokenRejected?: boolean; busy?: boolean } = {},
  ) {
    super(message, { extensions: { code, ...withoutUndefined(details) } });
    this.tokenRejected = options.tokenRejected ?? false;
    this.busy = options.busy ?? false;
  }

  /**
   * The message without the vendor's own words (which may carry an internal URL, headers or
   * personal data): what clients see in production. Messages end with `: <vendor text>`
   * when they quote the vendor; one that quotes it anywhere else, or not whole (a stored copy
   * clipped), falls back to the code's.
   */
  get publicMessage(): string {
    const said = this.details.vendorMessage;
    if (!said) return this.message;
    const ours = this.ownWords;
    if (ours !== undefined && !ours.includes(said)) return ours;
    const status = this.details.upstreamStatus === undefined ? '' : ` (HTTP ${this.details.upstreamStatus})`;
    return `${vendorName(this.details.vendor)} failed: ${this.code}${status}`;
  }

  /** The message before its closing quote of the vendor (`<ours>: <vendorMessage>`), if it ends so. */
  get ownWords(): string | undefined {
    const said = this.details.vendorMessage;
    return said && this.message.endsWith(`: ${said}`) ? this.message.slice(0, -(said.length + 2)) : undefined;
  }

  /** `extensions` without the vendor's words. */
  get publicExtensions(): Record<string, unknown> {
    return Object.fromEntries(Object.entries(this.extensions).filter(([key]) => key !== 'vendorMessage'));
  }
}

/** What a client is told about a failure: in production, never a vendor's own words. */
export function clientMessage(error: GraphQLError, maskVendorText: boolean): string {
  return maskVendorText && error instanceof UpstreamError ? error.publicMessage : error.message;
}

/**
 * The shared store (Redis) did not answer within STORE_WAIT_MS, and what was asked must not go
 * on without it (Zen's one call per window): nothing was sent to the vendor.
 */
export class StoreUnavailableError extends GraphQLError {
  /**
   * @param where the store as it names itself ("Redis at host:port"; never a password)
   * @param cause `extensions.cause`: the store was too slow (SHARED_STORE_TIMEOUT, after
   *   `waitedMs`) or could not be reached (SHARED_STORE_UNREACHABLE)
   */
  constructor(options: {
    what: string;
    where: string;
    cause: 'SHARED_STORE_TIMEOUT' | 'SHARED_STORE_UNREACHABLE';
    waitedMs?: number;
    retryAfterSeconds: number;
  }) {
    const { what, where, cause, waitedMs, retryAfterSeconds } = options;
    const failed = cause === 'SHARED_STORE_TIMEOUT' ? `did not answer within ${waitedMs ?? 0} ms` : 'cannot be reached';
    super(`The shared store (${where}) ${failed}, so ${what}; retry after ${retryAfterSeconds} s`, {
      extensions: { code: 'STORE_UNAVAILABLE', cause, retryAfterSeconds },
    });
  }
}

/** The operation's deadline (REQUEST_TIMEOUT_MS) passed before this field could be answered. */
export class OperationTimeoutError extends GraphQLError {
  constructor(timeoutMs: number) {
    super(`This operation ran out of its ${timeoutMs} ms before this field could be answered`, {
      extensions: { code: 'OPERATION_TIMEOUT' },
    });
  }
}

/**
 * `people` found nobody while some vendor could not be searched: "nobody" would be a guess, so
 * the failure of the first such vendor is the answer (its code, or UPSTREAM_ERROR).
 */
export class PeopleSearchIncompleteError extends GraphQLError {
  constructor(failure: Pick<VendorOutcome, 'vendor' | 'code' | 'message'>) {
    super(`No person found, and not every vendor could be searched: ${failure.message ?? ''}`, {
      extensions: { code: failure.code ?? 'UPSTREAM_ERROR', vendor: failure.vendor },
    });
  }
}

export function upstreamErrorFromStatus(
  status: number,
  details: Omit<UpstreamErrorDetails, 'upstreamStatus'>,
): UpstreamError {
  const name = vendorName(details.vendor);
  const all = { ...details, upstreamStatus: status };
  const said = details.vendorMessage ? `: ${details.vendorMessage}` : '';
  if (status === 401 || status === 403) {
    return new UpstreamError('UPSTREAM_UNAUTHORIZED', `${name} refused our credentials (HTTP ${status})${said}`, all);
  }
  if (status === 404) return new UpstreamError('NOT_FOUND', `${name} has no such record${said}`, all);
  if (status === 429) {
    const wait = details.retryAfterSeconds === undefined ? '' : `; retry after ${details.retryAfterSeconds} s`;
    return new UpstreamError('RATE_LIMITED', `${name} is rate limiting us${wait}`, all);
  }
  if (status === 400 || status === 409 || status === 422) {
    return new UpstreamError('UPSTREAM_REJECTED', `${name} rejected the request (HTTP ${status})${said}`, all);
  }
  if (status === 408 || status === 504) {
    return new UpstreamError('UPSTREAM_TIMEOUT', `${name} timed out (HTTP ${status})`, all);
  }
  return new UpstreamError('UPSTREAM_ERROR', `${name} failed with HTTP ${status}${said}`, all);
}

/** How a vendor's failure reads in a search outcome. */
export function outcomeStatusFor(error: unknown): VendorOutcomeStatus {
  const code = error instanceof GraphQLError ? error.extensions['code'] : undefined;
  switch (code) {
    case 'NOT_FOUND':
      return 'NOT_FOUND';
    case 'UPSTREAM_TIMEOUT':
    case 'OPERATION_TIMEOUT':
      return 'TIMEOUT';
    case 'UPSTREAM_UNAVAILABLE':
      return 'UNAVAILABLE';
    case 'OVERLOADED':
    case 'TOO_MANY_VENDOR_CALLS':
      return 'OVERLOADED';
    case 'RATE_LIMITED':
      return 'RATE_LIMITED';
    case 'VENDOR_NOT_CONFIGURED':
      return 'NOT_CONFIGURED';
    case 'UNSUPPORTED':
      return 'UNSUPPORTED';
    default:
      return 'ERROR';
  }
}

/** The error's code, as the SDL's LeadGraphErrorCode can carry it (INTERNAL_SERVER_ERROR otherwise). */
export function errorCodeOf(error: unknown): ErrorCode {
  return toErrorCode(error instanceof GraphQLError ? error.extensions['code'] : undefined);
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
