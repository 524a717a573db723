// The process-wide BesChannels client: the shared HTTP client, the access token (shared
// TokenCache, keyed by credentials) and the `{code, msg, data}` envelope. Reads are retried on
// transport failures and replayed once with a fresh token; writes are neither.
import type { BesChannelsConfig } from '../../config.js';
import type { VendorHttpClient, VendorRequest } from '../shared/http.js';
import { parseVendorPayload } from '../shared/payload.js';
import { TokenCache, withToken, type IssuedToken } from '../shared/token-cache.js';
import { BesChannelsBusinessError, isTokenRejected } from './codes.js';
import { BESCHANNELS_PATHS, envelopeSchema, tokenSchema } from './mapping.js';

export interface BesChannelsCall {
  method?: 'GET' | 'POST';
  path: string;
  json?: unknown;
  searchParams?: Record<string, string | number>;
}

/** `expire_time` above this is an epoch time in seconds, below it the seconds left. */
const EPOCH_SECONDS_FLOOR = 1_000_000_000;

export class BesChannelsApi {
  readonly http: VendorHttpClient;
  private readonly key: string;

  private readonly config: BesChannelsConfig;
  private readonly tokens: TokenCache;
  private readonly now: () => number;

  constructor(deps: { config: BesChannelsConfig; http: VendorHttpClient; tokens: TokenCache; now: () => number }) {
    ({ config: this.config, http: this.http, tokens: this.tokens, now: this.now } = deps);
    this.key = TokenCache.keyFor('BESCHANNELS', this.config.baseUrl, this.config.appId, this.config.appSecret);
  }

  /** A call that changes nothing: retried, and replayed once when the token is refused. Its `data`. */
  read(call: BesChannelsCall): Promise<unknown> {
    return this.call(call, false);
  }

  /** A call that changes data: sent once, whatever happens. Its `data`. */
  write(call: BesChannelsCall): Promise<unknown> {
    return this.call(call, true);
  }

  private call(call: BesChannelsCall, write: boolean): Promise<unknown> {
    return withToken({
      vendor: 'BESCHANNELS',
      cache: this.tokens,
      key: this.key,
      issue: () => this.issueToken(),
      isTokenRejected,
      replay: !write,
      call: (token) =>
        this.send({
          method: call.method ?? 'POST',
          path: call.path,
          json: call.json,
          searchParams: { ...call.searchParams, access_token: token },
          // The POSTs of reads are safe to repeat; a write (even Add Remarks, a GET) is not.
          idempotent: !write,
        }),
    });
  }

  private async issueToken(): Promise<IssuedToken> {
    const data = await this.send({
      method: 'POST',
      path: BESCHANNELS_PATHS.token,
      json: { app_id: this.config.appId, app_secret: this.config.appSecret },
      idempotent: true, // asking again only returns the same token or a new one
    });
    const token = parseVendorPayload(tokenSchema, data, 'BESCHANNELS', 'an access token');
    const expiresAt =
      token.expire_time > EPOCH_SECONDS_FLOOR ? token.expire_time * 1000 : this.now() + token.expire_time * 1000;
    return { value: token.access_token, expiresAt };
  }

  /** One HTTP call; the envelope's `data` when `code` is 0, else a BesChannelsBusinessError. */
  private async send(request: VendorRequest): Promise<unknown> {
    const response = await this.http.request(request);
    const envelope = parseVendorPayload(envelopeSchema, response.body, 'BESCHANNELS', 'an answer');
    if (envelope.code !== 0) {
      const error = new BesChannelsBusinessError(envelope.code, this.http.redact(envelope.msg ?? '').slice(0, 300));
      this.http.reportError(error);
      throw error;
    }
    return envelope.data;
  }
}
