// The process-wide Zen client: the shared HTTP client (no retries: Zen answers one call per 5
// minutes, a retry would be refused or, worse, spend the next one), Zen's `token` header, and
// its `{"error": "…"}` answers. The budget and the cache around it are in totals.ts.
import { z } from 'zod';
import { UpstreamError } from '../../errors.js';
import { openEnvelope, type VendorEnvelope } from '../shared/envelope.js';
import type { VendorHttpClient } from '../shared/http.js';
import type { Operation } from '../../request/operation.js';
import { parseVendorPayload } from '../shared/payload.js';
import type { VendorCommon } from '../vendor-module.js';
import {
  ZEN_PATHS,
  mapZenTotals,
  zenErrorMessage,
  zenRequestTarget,
  zenTotalsSchema,
  type ZenTotalsSnapshot,
} from './mapping.js';

/** ZEN_* settings. */
export interface ZenConfig extends VendorCommon {
  token: string;
  /** The zone whose calendar says which day is "today" (future dates are refused). */
  timeZone: string;
  /** How long an answer for today counts as fresh; 0 = ask again whenever the budget allows. */
  todayTtlSeconds: number;
  /** How long an answer for a past day counts as fresh. */
  pastDayTtlSeconds: number;
  /**
   * How long a Zen query waits for each command of the shared store (its budget, lock and
   * cache) before it answers STORE_UNAVAILABLE: Zen is never called without the budget.
   * @default ZEN_DEFAULTS.storeWaitMs
   */
  storeWaitMs?: number;
}

/** Zen's cache policy defaults (see ZenConfig). */
export const ZEN_DEFAULTS = {
  timeZone: 'America/Sao_Paulo',
  todayTtlSeconds: 0,
  pastDayTtlSeconds: 24 * 60 * 60,
  storeWaitMs: 500,
} as const;

export class ZenApi {
  constructor(private readonly deps: { config: ZenConfig; http: VendorHttpClient }) {}

  /** One call for one day's totals, never repeated; Zen's failures are UpstreamErrors. */
  async totals(date: string, operation: Operation | undefined): Promise<ZenTotalsSnapshot> {
    const { config, http } = this.deps;
    const target = zenRequestTarget(config.baseUrl, date);
    const response = await http.request(
      {
        method: 'GET',
        path: target.path,
        // Traces name the endpoint, not the day asked.
        route: target.path.split('?')[0]!.split(encodeURIComponent(date)).join(ZEN_PATHS.datePlaceholder),
        headers: { token: config.token },
        // A read: nothing it does needs reading back. Never retried all the same (Zen's client has no
        // retries): a second attempt would be a second call inside the window.
        idempotent: true,
      },
      operation,
    );
    const body = openEnvelope(http, zenEnvelope(response.status), response.body, 'distribution totals', operation);
    return mapZenTotals(parseVendorPayload(zenTotalsSchema, body, 'ZEN', 'distribution totals'), date);
  }
}

// Zen documents no error codes, only `{"error": "…"}`: the whole error table is its message.
const NAMES_THE_TOKEN = /\btoken\b/i;

/**
 * Zen's `{"error": "…"}` in a successful HTTP answer is a failure, never totals (so never
 * cached). Without a status to go by, a message naming the token is a refused token.
 */
function zenEnvelope(upstreamStatus: number): VendorEnvelope<unknown> {
  return {
    schema: z.unknown(),
    failureOf: (body) => {
      const message = zenErrorMessage(body);
      return message === undefined ? undefined : { message };
    },
    dataOf: (body) => body,
    errorFor: ({ message }) => {
      const details = { vendor: 'ZEN' as const, upstreamStatus, vendorMessage: message };
      return NAMES_THE_TOKEN.test(message)
        ? new UpstreamError('UPSTREAM_UNAUTHORIZED', `Zen refused our token: ${message}`, details, {
            tokenRejected: true,
          })
        : new UpstreamError('UPSTREAM_ERROR', `Zen answered with an error: ${message}`, details);
    },
  };
}
