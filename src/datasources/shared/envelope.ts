// Vendors that answer a failure inside a successful HTTP answer (BesChannels' `{code, msg}`,
// CRM.COM's `{status}`, Zen's `{error}`): the one sequence that turns such an answer into our
// error. The vendor's words are redacted before anything keeps them, its error table decides
// the code, and the error is remembered as the vendor's last error, like a failed HTTP call.
import type { z } from 'zod';
import type { UpstreamError, UpstreamErrorCode } from '../../errors.js';
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
}

/** A vendor's error table: its codes we know (the rest are judged by their message). */
export type VendorErrorTable = Readonly<Record<string | number, VendorCodeMeaning>>;

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
}

/** Longest piece of a vendor's own message kept in an error. */
const MAX_VENDOR_MESSAGE = 300;

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
  const error = envelope.errorFor({
    ...failure,
    message: http.redact(failure.message).slice(0, MAX_VENDOR_MESSAGE),
  });
  http.reportError(error, operation);
  throw error;
}
