// The process-wide LeanCore client: the shared HTTP client and LeanCore's bearer token. LeanCore
// has no envelope: it fails with HTTP statuses, which the shared HTTP client maps (src/errors.ts,
// upstreamErrorFromStatus), or with an `{"error": …}` body in an HTTP 200 (LeanCore's one
// business code we know, E_BUSY, among them: see LEANCORE_BUSY).
import { z } from 'zod';
import { UpstreamError } from '../../errors.js';
import { busyAnswer, openEnvelope, type VendorBusyTable, type VendorEnvelope } from '../shared/envelope.js';
import type { VendorHttpClient, VendorRequest } from '../shared/http.js';
import type { VendorCommon } from '../vendor-module.js';
import type { Operation } from '../../request/operation.js';

/** LEANCORE_* settings. */
export interface LeanCoreConfig extends VendorCommon {
  token: string;
}

export class LeanCoreApi {
  constructor(private readonly deps: { http: VendorHttpClient; token: string }) {}

  /** One call with our token (a GET is retried, a POST is not); LeanCore's JSON answer. */
  async call(request: Omit<VendorRequest, 'headers'>, operation: Operation | undefined): Promise<unknown> {
    const { http, token } = this.deps;
    const response = await http.request(
      { ...request, headers: { authorization: `Bearer ${token}` }, busyAnswer: LEANCORE_BUSY_ANSWER },
      operation,
    );
    return openEnvelope(http, LEANCORE_ENVELOPE, response.body, 'an answer', operation);
  }
}

// The codes that mean "busy, try again later": failures like a 503 (the circuit counts them, a
// read is retried with backoff). LeanCore's pages show no error body; E_BUSY is what it answered
// under load, as `{"error": "E_BUSY"}` in an HTTP 200.
export const LEANCORE_BUSY: VendorBusyTable = {
  E_BUSY: 'it is busy',
};

/** An `error` (or `code`) of this form is a code; any other `error` text is a message. */
const LEANCORE_CODE = /^E_[A-Z0-9_]+$/;

const errorBodySchema = z
  .looseObject({ error: z.unknown().optional(), code: z.unknown().optional(), message: z.unknown().optional() })
  .nullable();

const LEANCORE_ENVELOPE: VendorEnvelope<unknown> = {
  schema: z.unknown(),
  failureOf: (body) => {
    const parsed = errorBodySchema.safeParse(body);
    if (!parsed.success || parsed.data === null) return undefined;
    const { error, code, message } = parsed.data;
    const vendorCode = [error, code].find((v): v is string => typeof v === 'string' && LEANCORE_CODE.test(v));
    const said = [message, error].find((v): v is string => typeof v === 'string' && v !== vendorCode) ?? '';
    return vendorCode || typeof error === 'string' ? { vendorCode, message: said } : undefined;
  },
  dataOf: (body) => body,
  errorFor: ({ vendorCode, message }) =>
    new UpstreamError(
      'UPSTREAM_ERROR',
      `LeanCore answered with an error${vendorCode === undefined ? '' : ` (${vendorCode})`}${message ? `: ${message}` : ''}`,
      { vendor: 'LEANCORE', upstreamStatus: 200, vendorCode, ...(message ? { vendorMessage: message } : {}) },
    ),
  busy: LEANCORE_BUSY,
};
const LEANCORE_BUSY_ANSWER = busyAnswer(LEANCORE_ENVELOPE);
