// Access tokens shared by every request of the process, keyed by credentials: one issue call at
// a time per key however many requests wait (single flight), refreshed ahead of expiry, and
// replaced once when the vendor rejects a token mid-flight.
import { createHash } from 'node:crypto';
import { UpstreamError } from '../../errors.js';
import { vendorName } from '../../model/vendors.js';
import type { Vendor } from '../../model/models.js';

export interface IssuedToken {
  value: string;
  /** Epoch ms after which the vendor no longer accepts it. */
  expiresAt: number;
}

export interface TokenCacheOptions {
  /** Get a new token this long before the old one expires. @default 5 minutes */
  refreshAheadMs?: number;
  /** @default Date.now */
  now?: () => number;
  /** Told of every token a vendor issued (metrics). */
  onIssued?: (vendor: Vendor) => void;
}

/** How many replaced tokens stay on the scrub list (a call that carried one may answer late). */
const RETIRED_KEPT = 32;

export class TokenCache {
  private readonly tokens = new Map<string, IssuedToken>();
  /** Tokens replaced or dropped, newest last: still secrets, still scrubbed. */
  private readonly retired: string[] = [];
  private readonly pending = new Map<string, Promise<IssuedToken>>();
  private readonly refreshAheadMs: number;
  private readonly now: () => number;
  private readonly onIssued: ((vendor: Vendor) => void) | undefined;

  constructor(options: TokenCacheOptions = {}) {
    this.refreshAheadMs = options.refreshAheadMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
    this.onIssued = options.onIssued;
  }

  /** A cache key for a set of credentials that does not keep the secrets themselves. */
  static keyFor(vendor: Vendor, ...credentials: string[]): string {
    return `${vendor}:${createHash('sha256').update(credentials.join('\u0000')).digest('hex')}`;
  }

  /** The vendor of a key made by keyFor. */
  static vendorOf(key: string): Vendor {
    return key.slice(0, key.indexOf(':')) as Vendor;
  }

  /**
   * A usable token for `key`, issuing one (once, whoever else is waiting) when there is none.
   * A token inside its refresh window is still served while its successor is issued in the
   * background, so a slow or failing token endpoint costs nothing until the token really expires.
   */
  async get(key: string, issue: () => Promise<IssuedToken>): Promise<string> {
    const cached = this.tokens.get(key);
    const now = this.now();
    if (cached && cached.expiresAt > now) {
      // A failed renewal is simply tried again by the next caller.
      if (cached.expiresAt - this.refreshAheadMs <= now) this.issueOnce(key, issue).catch(() => undefined);
      return cached.value;
    }
    return (await this.issueOnce(key, issue)).value;
  }

  /** Forgets `token` if it is still the cached one, so many failures cause one new issue. */
  invalidate(key: string, token: string): void {
    if (this.tokens.get(key)?.value !== token) return;
    this.tokens.delete(key);
    this.retire(token);
  }

  /** For tokens that expire after a time unused: `token` was just used and now lives until `expiresAt`. */
  touch(key: string, token: string, expiresAt: number): void {
    const cached = this.tokens.get(key);
    if (cached?.value === token && expiresAt > cached.expiresAt) this.tokens.set(key, { value: token, expiresAt });
  }

  /**
   * Every token held, and the last ones replaced, for scrubbing from logs and errors: a call
   * that carried a token may answer (echoing it) after the token was dropped or renewed.
   */
  secrets(): string[] {
    return [...this.tokens.values()].map((t) => t.value).concat(this.retired);
  }

  private issueOnce(key: string, issue: () => Promise<IssuedToken>): Promise<IssuedToken> {
    let pending = this.pending.get(key);
    if (!pending) {
      pending = issue()
        .then((token) => {
          this.onIssued?.(TokenCache.vendorOf(key));
          const previous = this.tokens.get(key);
          if (previous && previous.value !== token.value) this.retire(previous.value);
          this.tokens.set(key, token);
          return token;
        })
        .finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    return pending;
  }

  private retire(token: string): void {
    if (this.retired.includes(token)) return;
    this.retired.push(token);
    if (this.retired.length > RETIRED_KEPT) this.retired.shift();
  }
}

/**
 * Runs `call` with a token; when the vendor says the token is invalid or expired, gets a new
 * one and runs it once more. A second rejection is UPSTREAM_UNAUTHORIZED. Only calls that are
 * safe to repeat should be replayed (a rejected token means the vendor did not act on it):
 * writes pass `replay: false`, so a rejection forgets the token and fails the call.
 */
export async function withToken<T>(options: {
  vendor: Vendor;
  cache: TokenCache;
  key: string;
  issue: () => Promise<IssuedToken>;
  isTokenRejected: (error: unknown) => boolean;
  call: (token: string) => Promise<T>;
  /** Run `call` again with a fresh token after a rejection. @default true */
  replay?: boolean;
}): Promise<T> {
  const { cache, key, issue, isTokenRejected, call, replay = true } = options;
  const token = await cache.get(key, issue);
  try {
    return await call(token);
  } catch (error) {
    if (!isTokenRejected(error)) throw error;
    cache.invalidate(key, token);
    if (!replay) {
      throw new UpstreamError(
        'UPSTREAM_UNAUTHORIZED',
        `${vendorName(options.vendor)} rejected our access token, so it did not act on this write; ` +
          'the token was dropped and the next call asks for a new one: the write can be sent again',
        { vendor: options.vendor },
      );
    }
  }
  const fresh = await cache.get(key, issue);
  try {
    return await call(fresh);
  } catch (error) {
    if (!isTokenRejected(error)) throw error;
    throw new UpstreamError('UPSTREAM_UNAUTHORIZED', `${vendorName(options.vendor)} rejected a freshly issued token`, {
      vendor: options.vendor,
    });
  }
}
