// CRM.COM's `status.code` → our error codes: the one table. CRM.COM answers errors in the
// envelope (`status.code` other than `OK`); its full code list is not in our material, so codes
// not listed are UPSTREAM_ERROR, except that a message naming the token counts as a rejected
// token (we log in again once).
import { UpstreamError, type UpstreamErrorCode } from '../../errors.js';
import type { CrmComStatus } from './mapping.js';

interface StatusMeaning {
  code: UpstreamErrorCode;
  /** The token is invalid or expired: log in again and repeat the call once. */
  tokenRejected?: true;
}

export const CRMCOM_STATUS_CODES: Record<string, StatusMeaning> = {
  INVALID_TOKEN: { code: 'UPSTREAM_UNAUTHORIZED', tokenRejected: true },
  TOKEN_EXPIRED: { code: 'UPSTREAM_UNAUTHORIZED', tokenRejected: true },
  EXPIRED_TOKEN: { code: 'UPSTREAM_UNAUTHORIZED', tokenRejected: true },
  INVALID_LOGIN: { code: 'UPSTREAM_UNAUTHORIZED' },
  INVALID_CREDENTIALS: { code: 'UPSTREAM_UNAUTHORIZED' },
  AUTHENTICATION_FAILED: { code: 'UPSTREAM_UNAUTHORIZED' },
  NOT_AUTHORISED: { code: 'UPSTREAM_UNAUTHORIZED' },
  NOT_FOUND: { code: 'NOT_FOUND' },
  RECORD_NOT_FOUND: { code: 'NOT_FOUND' },
  LEAD_NOT_FOUND: { code: 'NOT_FOUND' },
  MISSING_PARAMETER: { code: 'UPSTREAM_REJECTED' },
  INVALID_PARAMETER: { code: 'UPSTREAM_REJECTED' },
  INVALID_PARAMETERS: { code: 'UPSTREAM_REJECTED' },
};

const NAMES_THE_TOKEN = /\btoken\b/i;

/** The error for a non-OK status; `redact` scrubs secrets from CRM.COM's message. */
export function crmComStatusError(status: CrmComStatus, redact: (text: string) => string): UpstreamError {
  const meaning = CRMCOM_STATUS_CODES[status.code];
  const said = redact(status.message || status.description || '').slice(0, 300);
  const details = { vendor: 'CRMCOM' as const, vendorCode: status.code, ...(said ? { vendorMessage: said } : {}) };
  const suffix = said ? `: ${said}` : '';
  switch (meaning?.code) {
    case 'UPSTREAM_UNAUTHORIZED':
      return new UpstreamError(
        'UPSTREAM_UNAUTHORIZED',
        `CRM.COM refused our credentials (${status.code})${suffix}`,
        details,
      );
    case 'NOT_FOUND':
      return new UpstreamError('NOT_FOUND', `CRM.COM has no such lead (${status.code})${suffix}`, details);
    case 'UPSTREAM_REJECTED':
      return new UpstreamError('UPSTREAM_REJECTED', `CRM.COM rejected the request (${status.code})${suffix}`, details);
    default:
      return new UpstreamError('UPSTREAM_ERROR', `CRM.COM failed with status ${status.code}${suffix}`, details);
  }
}

/**
 * Whether CRM.COM refused the token itself (so a fresh login may help). Only calls made with a
 * token are judged by this: an HTTP 401 there means the token, whatever the body says.
 */
export function isCrmComTokenRejected(error: unknown): boolean {
  if (!(error instanceof UpstreamError) || error.details.vendor !== 'CRMCOM') return false;
  if (error.details.upstreamStatus === 401) return true;
  const code = typeof error.details.vendorCode === 'string' ? error.details.vendorCode : undefined;
  if (code === undefined) return false;
  const meaning = CRMCOM_STATUS_CODES[code];
  if (meaning) return meaning.tokenRejected === true;
  return NAMES_THE_TOKEN.test(error.details.vendorMessage ?? '');
}
