// The process-wide BesChannels client: the shared HTTP client, the access token (shared
// TokenCache, keyed by credentials), the `{code, msg, data}` envelope and its error table. Reads
// are retried on transport failures and replayed once with a fresh token; writes are neither.
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
import type { VendorHttpClient, VendorRequest } from '../shared/http.js';
import type { Operation } from '../../request/operation.js';
import { parseVendorPayload } from '../shared/payload.js';
import { TokenCache, withToken, type IssuedToken } from '../shared/token-cache.js';
import type { VendorCommon } from '../vendor-module.js';
import { BESCHANNELS_PATHS, envelopeSchema, tokenSchema, type BesChannelsEnvelope } from './mapping.js';

/** BESCHANNELS_* settings. */
export interface BesChannelsConfig extends VendorCommon {
  appId: string;
  appSecret: string;
}

export interface BesChannelsCall {
  method?: 'GET' | 'POST';
  path: string;
  json?: unknown;
  searchParams?: Record<string, string | number>;
}

/** The access-token call (path and body), as the adapter and the vendor check send it. */
export function besChannelsTokenRequest(config: BesChannelsConfig): { path: string; json: unknown } {
  return { path: BESCHANNELS_PATHS.token, json: { app_id: config.appId, app_secret: config.appSecret } };
}

/** `expire_time` above this is an epoch time in seconds, below it the seconds left. */
const EPOCH_SECONDS_FLOOR = 1_000_000_000;

export class BesChannelsApi {
  private readonly http: VendorHttpClient;
  private readonly key: string;

  private readonly config: BesChannelsConfig;
  private readonly tokens: TokenCache;
  private readonly now: () => number;

  constructor(deps: { config: BesChannelsConfig; http: VendorHttpClient; tokens: TokenCache; now: () => number }) {
    ({ config: this.config, http: this.http, tokens: this.tokens, now: this.now } = deps);
    this.key = TokenCache.keyFor('BESCHANNELS', this.config.baseUrl, this.config.appId, this.config.appSecret);
  }

  /** A call that changes nothing: retried, and replayed once when the token is refused. Its `data`. */
  read(call: BesChannelsCall, operation: Operation | undefined): Promise<unknown> {
    return this.call(call, false, operation);
  }

  /** A call that changes data: sent once, whatever happens. Its `data`. */
  write(call: BesChannelsCall, operation: Operation | undefined): Promise<unknown> {
    return this.call(call, true, operation);
  }

  private call(call: BesChannelsCall, write: boolean, operation: Operation | undefined): Promise<unknown> {
    return withToken({
      vendor: 'BESCHANNELS',
      cache: this.tokens,
      key: this.key,
      issue: () => this.http.issueToken(() => this.issueToken(operation)),
      isTokenRejected: isBesChannelsTokenRejected,
      replay: !write,
      call: (token) =>
        this.send(
          {
            method: call.method ?? 'POST',
            path: call.path,
            json: call.json,
            searchParams: { ...call.searchParams, access_token: token },
            // The POSTs of reads are safe to repeat; a write (even Add Remarks, a GET) is not.
            idempotent: !write,
          },
          operation,
        ),
    });
  }

  private async issueToken(operation: Operation | undefined): Promise<IssuedToken> {
    const data = await this.send(
      {
        method: 'POST',
        ...besChannelsTokenRequest(this.config),
        idempotent: true, // asking again only returns the same token or a new one
        family: 'token',
      },
      operation,
    );
    const token = parseVendorPayload(tokenSchema, data, 'BESCHANNELS', 'an access token');
    const expiresAt =
      token.expire_time > EPOCH_SECONDS_FLOOR ? token.expire_time * 1000 : this.now() + token.expire_time * 1000;
    return { value: token.access_token, expiresAt };
  }

  /** One HTTP call; the envelope's `data` when `code` is 0, else its error (see the table below). */
  private async send(request: VendorRequest, operation: Operation | undefined): Promise<unknown> {
    const response = await this.http.request({ ...request, busyAnswer: BESCHANNELS_BUSY_ANSWER }, operation);
    return openEnvelope(this.http, BESCHANNELS_ENVELOPE, response.body, 'an answer', operation);
  }
}

// BesChannels answers HTTP 200 with `code != 0` when a call fails. Its error-code page is not in
// our documents, so this is the ONE table of the codes we know and what they become. An unknown
// code is judged by its message: one naming the access_token is a rejected token, one saying
// something does not exist (线索不存在, "Lead not found"…) is NOT_FOUND, anything else
// UPSTREAM_ERROR.
export const BESCHANNELS_ERRORS: VendorErrorTable = {
  40001: { code: 'UPSTREAM_UNAUTHORIZED', meaning: 'the access_token is invalid', tokenRejected: true },
  42001: { code: 'UPSTREAM_UNAUTHORIZED', meaning: 'the access_token has expired', tokenRejected: true },
  40013: { code: 'UPSTREAM_UNAUTHORIZED', meaning: 'the app_id or app_secret is wrong' },
  40010: { code: 'UPSTREAM_REJECTED', meaning: 'a parameter is missing or invalid' },
  40004: { code: 'NOT_FOUND', meaning: 'no such lead' },
  20002: { code: 'UPSTREAM_REJECTED', meaning: 'the lead already exists', reason: 'ALREADY_EXISTS' },
  40020: { code: 'UPSTREAM_REJECTED', meaning: 'the lead already exists or its phone and email name different leads' },
  40030: { code: 'UPSTREAM_REJECTED', meaning: 'no such user' },
  45009: { code: 'RATE_LIMITED', meaning: 'too many calls' },
};

// The codes that mean "busy, try again later": failures like a 503 (the circuit counts them, a
// read is retried with backoff). -1 is the busy code of the WeChat-style table above (40001,
// 42001, 45009 are WeChat's own); 50001 系统繁忙 is what BesChannels answers under load.
export const BESCHANNELS_BUSY: VendorBusyTable = {
  [-1]: 'the system is busy',
  50001: 'the system is busy',
};

const NAMES_THE_TOKEN = /access[_ ]?token/i;
const SAYS_NOT_FOUND = /不存在|未找到|找不到|查无|(?:not|n't) exists?|not found|no such|unknown lead/i;

/** A BesChannels answer with `code != 0`; `extensions` keep its code and (redacted) msg. */
export function besChannelsError({ vendorCode, message }: VendorFailure): UpstreamError {
  const known = lookUpCode(BESCHANNELS_ERRORS, vendorCode);
  const said = message ? `: ${message}` : '';
  const tokenRejected = known ? known.tokenRejected === true : NAMES_THE_TOKEN.test(message);
  const notFound = !known && !tokenRejected && SAYS_NOT_FOUND.test(message);
  return new UpstreamError(
    known?.code ?? (notFound ? 'NOT_FOUND' : 'UPSTREAM_ERROR'),
    known
      ? `BesChannels says ${known.meaning} (code ${vendorCode})${said}`
      : notFound
        ? `BesChannels has no such record (code ${vendorCode})${said}`
        : `BesChannels failed with code ${vendorCode}${said}`,
    {
      vendor: 'BESCHANNELS',
      upstreamStatus: 200,
      vendorCode,
      vendorMessage: message,
      ...(known?.reason ? { reason: known.reason } : {}),
    },
    { tokenRejected },
  );
}

const BESCHANNELS_ENVELOPE: VendorEnvelope<BesChannelsEnvelope> = {
  schema: envelopeSchema,
  failureOf: (envelope) =>
    envelope.code === 0 ? undefined : { vendorCode: envelope.code, message: envelope.msg ?? '' },
  dataOf: (envelope) => envelope.data,
  errorFor: besChannelsError,
  busy: BESCHANNELS_BUSY,
};
const BESCHANNELS_BUSY_ANSWER = busyAnswer(BESCHANNELS_ENVELOPE);

/** A refused token: a business code saying so, or an HTTP 401 whose message names the token. */
export function isBesChannelsTokenRejected(error: unknown): boolean {
  if (!(error instanceof UpstreamError)) return false;
  return (
    error.tokenRejected ||
    (error.details.upstreamStatus === 401 && NAMES_THE_TOKEN.test(error.details.vendorMessage ?? ''))
  );
}
