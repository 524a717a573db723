// BesChannels business codes: it answers HTTP 200 with `code != 0` when a call fails. Its
// error-code page is not in our documents, so this is the ONE table of the codes we know and
// what they become. An unknown code is judged by its message: one naming the access_token is a
// rejected token, one saying something does not exist (线索不存在, "Lead not found"…) is
// NOT_FOUND, anything else UPSTREAM_ERROR.
import { UpstreamError, type UpstreamErrorCode } from '../../errors.js';

interface KnownCode {
  code: UpstreamErrorCode;
  meaning: string;
  /** The token was refused: get a new one (reads then replay once). */
  tokenRejected?: boolean;
}

export const BESCHANNELS_CODES: Readonly<Record<number, KnownCode>> = {
  40001: { code: 'UPSTREAM_UNAUTHORIZED', meaning: 'the access_token is invalid', tokenRejected: true },
  42001: { code: 'UPSTREAM_UNAUTHORIZED', meaning: 'the access_token has expired', tokenRejected: true },
  40013: { code: 'UPSTREAM_UNAUTHORIZED', meaning: 'the app_id or app_secret is wrong' },
  40010: { code: 'UPSTREAM_REJECTED', meaning: 'a parameter is missing or invalid' },
  40004: { code: 'NOT_FOUND', meaning: 'no such lead' },
  40020: { code: 'UPSTREAM_REJECTED', meaning: 'the lead already exists or its phone and email name different leads' },
  40030: { code: 'UPSTREAM_REJECTED', meaning: 'no such user' },
  45009: { code: 'RATE_LIMITED', meaning: 'too many calls' },
};

const NAMES_THE_TOKEN = /access[_ ]?token/i;
const SAYS_NOT_FOUND = /不存在|未找到|找不到|查无|(?:not|n't) exists?|not found|no such|unknown lead/i;

/** A BesChannels answer with `code != 0`; `extensions` keep its code and (redacted) msg. */
export class BesChannelsBusinessError extends UpstreamError {
  readonly tokenRejected: boolean;

  constructor(vendorCode: number, vendorMessage: string) {
    const known = BESCHANNELS_CODES[vendorCode];
    const said = vendorMessage ? `: ${vendorMessage}` : '';
    const tokenRejected = known ? known.tokenRejected === true : NAMES_THE_TOKEN.test(vendorMessage);
    const notFound = !known && !tokenRejected && SAYS_NOT_FOUND.test(vendorMessage);
    super(
      known?.code ?? (notFound ? 'NOT_FOUND' : 'UPSTREAM_ERROR'),
      known
        ? `BesChannels says ${known.meaning} (code ${vendorCode})${said}`
        : notFound
          ? `BesChannels has no such record (code ${vendorCode})${said}`
          : `BesChannels failed with code ${vendorCode}${said}`,
      { vendor: 'BESCHANNELS', upstreamStatus: 200, vendorCode, vendorMessage },
    );
    this.tokenRejected = tokenRejected;
  }
}

/** A refused token: a business code saying so, or an HTTP 401 whose message names the token. */
export function isTokenRejected(error: unknown): boolean {
  if (error instanceof BesChannelsBusinessError) return error.tokenRejected;
  return (
    error instanceof UpstreamError &&
    error.details.upstreamStatus === 401 &&
    NAMES_THE_TOKEN.test(error.details.vendorMessage ?? '')
  );
}
