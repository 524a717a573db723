// The process-wide CRM.COM client: the shared HTTP client, the login and its token (shared
// TokenCache, keyed by credentials; R5 tokens expire after an hour unused), the `{data, status}`
// envelope and its error table. Every call is a GET read: retried on transport failures and
// replayed once with a fresh token.
import { UpstreamError } from '../../errors.js';
import {
  busyAnswer,
  lookUpCode,
  openEnvelope,
  type VendorBusyTable,
  type VendorEnvelope,
  type VendorErrorTable,
  type VendorFailure,
} from '../shared/envelope.js';
import type { VendorHttpClient } from '../shared/http.js';
import type { Operation } from '../../request/operation.js';
import { parseVendorPayload } from '../shared/payload.js';
import { TokenCache, withToken, type IssuedToken } from '../shared/token-cache.js';
import type { VendorCommon } from '../vendor-module.js';
import { CRMCOM_PATHS, crmComEnvelopeSchema, crmComTokenSchema, type CrmComEnvelope } from './mapping.js';

/** CRMCOM_* settings. */
export interface CrmComConfig extends VendorCommon {
  username: string;
  password: string;
  organisation: string;
  /** The business unit to log in to; CRM.COM uses the user's default when absent. */
  unit?: string;
  /**
   * Search `leads/list` by phone and email (CRMCOM_CONTACT_SEARCH=true). Off by default: CRM.COM's
   * public documents name no phone or email filter, so it is on only once confirmed against the
   * real server; while off, such searches are UNSUPPORTED without a call.
   */
  contactSearch?: boolean;
}

/** A CRM.COM R5 token expires after this long unused. */
export const CRMCOM_TOKEN_IDLE_MS = 60 * 60_000;

export interface CrmComLoginBody {
  username: string;
  password: string;
  organisation: string;
  unit?: string;
}

/** The login body, as the adapter and the vendor check send it. */
export function crmComLoginBody({ username, password, organisation, unit }: CrmComConfig): CrmComLoginBody {
  return { username, password, organisation, ...(unit ? { unit } : {}) };
}

export class CrmComApi {
  private readonly tokenKey: string;
  private readonly credentials: CrmComLoginBody;

  constructor(
    private readonly deps: { config: CrmComConfig; http: VendorHttpClient; tokens: TokenCache; now: () => number },
  ) {
    const { baseUrl, username, password, organisation, unit } = deps.config;
    this.credentials = crmComLoginBody(deps.config);
    this.tokenKey = TokenCache.keyFor('CRMCOM', baseUrl, username, password, organisation, unit ?? '');
  }

  /** A GET with the token; the `data` of an OK answer, a typed error for any other status. */
  read(path: string, params: Record<string, string | number>, operation: Operation | undefined): Promise<unknown> {
    const { http, tokens, now } = this.deps;
    return withToken({
      vendor: 'CRMCOM',
      cache: tokens,
      key: this.tokenKey,
      issue: () => http.issueToken(() => this.login(operation)),
      isTokenRejected: isCrmComTokenRejected,
      call: async (token) => {
        const response = await http.request(
          { method: 'GET', path, searchParams: { token, ...params }, busyAnswer: CRMCOM_BUSY_ANSWER },
          operation,
        );
        const data = openEnvelope(http, CRMCOM_ENVELOPE, response.body, 'an answer', operation);
        // R5 tokens expire after an hour unused: each use gives ours another hour.
        tokens.touch(this.tokenKey, token, now() + CRMCOM_TOKEN_IDLE_MS);
        return data;
      },
    });
  }

  private async login(operation: Operation | undefined): Promise<IssuedToken> {
    const { http, now } = this.deps;
    const response = await http.request(
      {
        method: 'POST',
        path: CRMCOM_PATHS.login,
        json: this.credentials,
        // Logging in again changes nothing at CRM.COM: safe to retry.
        idempotent: true,
        family: 'token',
        busyAnswer: CRMCOM_BUSY_ANSWER,
      },
      operation,
    );
    const data = openEnvelope(http, CRMCOM_ENVELOPE, response.body, 'a login answer', operation);
    const { token } = parseVendorPayload(crmComTokenSchema, data, 'CRMCOM', 'a login answer');
    return { value: token, expiresAt: now() + CRMCOM_TOKEN_IDLE_MS };
  }
}

// CRM.COM's `status.code` → our error codes: the one table. CRM.COM answers errors in the
// envelope (`status.code` other than `OK`); its full code list is not in our material, so codes
// not listed are UPSTREAM_ERROR, except that a message naming the token counts as a rejected
// token (we log in again once).
export const CRMCOM_ERRORS: VendorErrorTable = {
  INVALID_TOKEN: { code: 'UPSTREAM_UNAUTHORIZED', meaning: 'refused our credentials', tokenRejected: true },
  TOKEN_EXPIRED: { code: 'UPSTREAM_UNAUTHORIZED', meaning: 'refused our credentials', tokenRejected: true },
  EXPIRED_TOKEN: { code: 'UPSTREAM_UNAUTHORIZED', meaning: 'refused our credentials', tokenRejected: true },
  INVALID_LOGIN: { code: 'UPSTREAM_UNAUTHORIZED', meaning: 'refused our credentials' },
  INVALID_CREDENTIALS: { code: 'UPSTREAM_UNAUTHORIZED', meaning: 'refused our credentials' },
  AUTHENTICATION_FAILED: { code: 'UPSTREAM_UNAUTHORIZED', meaning: 'refused our credentials' },
  NOT_AUTHORISED: { code: 'UPSTREAM_UNAUTHORIZED', meaning: 'refused our credentials' },
  NOT_FOUND: { code: 'NOT_FOUND', meaning: 'has no such lead' },
  RECORD_NOT_FOUND: { code: 'NOT_FOUND', meaning: 'has no such lead' },
  LEAD_NOT_FOUND: { code: 'NOT_FOUND', meaning: 'has no such lead' },
  MISSING_PARAMETER: { code: 'UPSTREAM_REJECTED', meaning: 'rejected the request' },
  INVALID_PARAMETER: { code: 'UPSTREAM_REJECTED', meaning: 'rejected the request' },
  INVALID_PARAMETERS: { code: 'UPSTREAM_REJECTED', meaning: 'rejected the request' },
};

// The statuses that mean "busy, try again later": failures like a 503 (the circuit counts them, a
// read is retried with backoff). GENERAL_ERROR is what CRM.COM answered under load (issue 20).
export const CRMCOM_BUSY: VendorBusyTable = {
  GENERAL_ERROR: 'it cannot serve the request now',
};

const NAMES_THE_TOKEN = /\btoken\b/i;

/** The error for a non-OK status (its message already redacted). */
export function crmComError({ vendorCode, message }: VendorFailure): UpstreamError {
  const known = lookUpCode(CRMCOM_ERRORS, vendorCode);
  const suffix = message ? `: ${message}` : '';
  return new UpstreamError(
    known?.code ?? 'UPSTREAM_ERROR',
    known ? `CRM.COM ${known.meaning} (${vendorCode})${suffix}` : `CRM.COM failed with status ${vendorCode}${suffix}`,
    { vendor: 'CRMCOM', vendorCode, ...(message ? { vendorMessage: message } : {}) },
    { tokenRejected: known ? known.tokenRejected === true : NAMES_THE_TOKEN.test(message) },
  );
}

export const CRMCOM_ENVELOPE: VendorEnvelope<CrmComEnvelope> = {
  schema: crmComEnvelopeSchema,
  failureOf: ({ status }) =>
    status.code === 'OK' ? undefined : { vendorCode: status.code, message: status.message || status.description || '' },
  dataOf: (envelope) => envelope.data,
  errorFor: crmComError,
  busy: CRMCOM_BUSY,
};
const CRMCOM_BUSY_ANSWER = busyAnswer(CRMCOM_ENVELOPE);

/**
 * Whether CRM.COM refused the token itself (so a fresh login may help). Only calls made with a
 * token are judged by this: an HTTP 401 there means the token, whatever the body says.
 */
export function isCrmComTokenRejected(error: unknown): boolean {
  if (!(error instanceof UpstreamError) || error.details.vendor !== 'CRMCOM') return false;
  return error.tokenRejected || error.details.upstreamStatus === 401;
}
