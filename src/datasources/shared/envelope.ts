// Vendors that answer a failure inside a successful HTTP answer (BesChannels' `{code, msg}`,
// CRM.COM's `{status}`, Zen's `{error}`): the one sequence that turns such an answer into our
// error. The vendor's words are redacted before anything keeps them, its error table decides
// the code, and the error is remembered as the vendor's last error, like a failed HTTP call.
// A code of the vendor's busy table is found earlier, inside the HTTP call (`busyAnswer`), so
// that it counts for the vendor's circuit and a read is retried, as after a 503.
import type { z } from 'zod';
import { UpstreamError, type UpstreamErrorCode, type UpstreamRejectionReason } from '../../errors.js';
import type { Vendor } from '../../model/models.js';
import { vendorName } from '../../model/vendors.js';
import type { VendorHttpClient } from './http.js';
import type { Operation } from '../../request/operation.js';
import { parseVendorPayload } from './payload.js';

/** What one of a vendor's own error codes means here: the shape of every vendor's error table. */
export interface VendorCodeMeaning {
  code: UpstreamErrorCode;
  /** What the code says, for the error message. */
  meaning: string;
  /** The vendor refused our access token: get a new one (reads then replay once). */
  tokenRejected?: boolean;
  /** Why the vendor refused what we sent (`extensions.reason` on UPSTREAM_REJECTED). */
  reason?: UpstreamRejectionReason;
}

/** A vendor's error table: its codes we know (the rest are judged by their message). */
export type VendorErrorTable = Readonly<Record<string | number, VendorCodeMeaning>>;

/**
 * A vendor's business codes that mean it is busy, overloaded or asks us to try later, each with
 * what it says: kept next to its error table, and read before it (see `busyAnswer`).
 */
export type VendorBusyTable = Readonly<Record<string | number, string>>;

/** The table's entry for `code` (own entries only: a code such as `constructor` is unknown). */
export function lookUpCode<T>(
  table: Readonly<Record<string | number, T>>,
  code: string | number | undefined,
): T | undefined {
  return code !== undefined && Object.hasOwn(table, code) ? table[code] : undefined;
}

/** A failure as the vendor reported it; `message` is already free of secrets. */
export interface VendorFailure {
  vendorCode?: string | number;
  message: string;
}

/** How one vendor's envelope reads. */
export interface VendorEnvelope<E> {
  schema: z.ZodType<E>;
  /** The vendor's failure, or undefined when the envelope carries an answer. */
  failureOf(envelope: E): { vendorCode?: string | number; message: string } | undefined;
  /** The answer an envelope without a failure carries. */
  dataOf(envelope: E): unknown;
  /** The vendor's error table at work: its failure as our error. */
  errorFor(failure: VendorFailure): UpstreamError;
  /** Its busy codes. */
  busy?: VendorBusyTable;
}

/** Longest piece of a vendor's own message kept in an error. */
const MAX_VENDOR_MESSAGE = 300;

/**
 * A vendor code clients may see (`vendorCode`, and in our message, unmasked): a word or a number.
 * Anything else (free text, a URL) goes with the vendor's words, which are redacted and masked.
 */
const CODE_LIKE = /^[A-Za-z0-9_.-]{1,64}$/;
/** What `vendorCode` says instead of a code that is not code-like. */
export const UNRECOGNISED_VENDOR_CODE = 'UNRECOGNISED';

/**
 * The answer inside a vendor's envelope, or its failure thrown as our error (reported to the
 * vendor error log, and in `operation`'s log). An envelope that does not fit its schema is
 * UPSTREAM_ERROR, naming `what`.
 */
export function openEnvelope<E>(
  http: VendorHttpClient,
  envelope: VendorEnvelope<E>,
  body: unknown,
  what: string,
  operation: Operation | undefined,
): unknown {
  const parsed = parseVendorPayload(envelope.schema, body, http.vendor, what);
  const failure = envelope.failureOf(parsed);
  if (!failure) return envelope.dataOf(parsed);
  const error = errorOf(http, envelope, failure, 200);
  http.reportError(error, operation);
  throw error;
}

/**
 * For `VendorRequest.busyAnswer`: the vendor's busy answer inside a successful HTTP answer as
 * our error (UPSTREAM_ERROR, like a 503 without Retry-After, flagged `busy`), or undefined for
 * any other answer (then opened by `openEnvelope` as usual).
 */
export function busyAnswer<E>(
  envelope: VendorEnvelope<E>,
): (
  answer: { status: number; body: unknown },
  http: Pick<VendorHttpClient, 'vendor' | 'redact'>,
) => UpstreamError | undefined {
  const busy = envelope.busy ?? {};
  return ({ status, body }, http) => {
    const parsed = envelope.schema.safeParse(body);
    const failure = parsed.success ? envelope.failureOf(parsed.data) : undefined;
    if (!failure || lookUpCode(busy, failure.vendorCode) === undefined) return undefined;
    return errorOf(http, envelope, failure, status);
  };
}

/** The failure (its message redacted and shortened) as our error: busy codes first, then the vendor's table. */
function errorOf<E>(
  http: Pick<VendorHttpClient, 'vendor' | 'redact'>,
  envelope: VendorEnvelope<E>,
  failure: VendorFailure,
  upstreamStatus: number,
): UpstreamError {
  const { vendorCode: said, message: words } = failure;
  const codeLike = said === undefined || CODE_LIKE.test(String(said));
  const vendorCode = codeLike ? said : UNRECOGNISED_VENDOR_CODE;
  const message = http.redact(codeLike ? words : `${said}${words ? `: ${words}` : ''}`).slice(0, MAX_VENDOR_MESSAGE);
  const busy = lookUpCode(envelope.busy ?? {}, said);
  if (busy === undefined) return envelope.errorFor({ vendorCode, message });
  return busyError(http.vendor, busy, { vendorCode, message }, upstreamStatus);
}

function busyError(vendor: Vendor, meaning: string, failure: VendorFailure, upstreamStatus: number): UpstreamError {
  const { vendorCode, message } = failure;
  return new UpstreamError(
    'UPSTREAM_ERROR',
    `${vendorName(vendor)} says ${meaning} (code ${vendorCode})${message ? `: ${message}` : ''}`,
    { vendor, upstreamStatus, vendorCode, ...(message ? { vendorMessage: message } : {}) },
    { busy: true },
  );
}
