// Every `extensions.code` a client of this graph may see, in one place: the SDL enum
// `LeadGraphErrorCode` (schema/errors.graphql) and docs/errors.md list the same codes, and a test
// (test/unit/model/error-codes.test.ts) fails when they differ or when src/ uses a code not here.

export const ERROR_CODES = [
  // The request or the operation
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_HASH_MISMATCH',
  // Who is calling
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'SERVICE_UNAVAILABLE',
  // The vendors
  'NOT_FOUND',
  'VENDOR_NOT_CONFIGURED',
  'UNSUPPORTED',
  'UPSTREAM_ERROR',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_UNAUTHORIZED',
  'UPSTREAM_REJECTED',
  'RATE_LIMITED',
  'UPSTREAM_OUTCOME_UNKNOWN',
  // Calls this graph did not make, to protect a vendor or its other clients
  'UPSTREAM_UNAVAILABLE',
  'OVERLOADED',
  'TOO_MANY_VENDOR_CALLS',
  'OPERATION_TIMEOUT',
  // Keyed writes
  'IDEMPOTENCY_UNAVAILABLE',
  'TOO_MANY_KEYS_IN_FLIGHT',
  'STORE_UNAVAILABLE',
  // Ours
  'INTERNAL_SERVER_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const KNOWN: ReadonlySet<string> = new Set(ERROR_CODES);

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && KNOWN.has(code);
}

/** The code as the SDL can carry it: a code this list does not hold reads as INTERNAL_SERVER_ERROR. */
export function toErrorCode(code: unknown): ErrorCode {
  return isErrorCode(code) ? code : 'INTERNAL_SERVER_ERROR';
}
