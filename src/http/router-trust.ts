// Lead Graph behind a router (docs/federation.md#router-to-subgraph-trust): the router secret
// (ROUTER_SECRET), and telling a client whose router did not forward its credentials why it was
// refused, instead of "send an API key" to a client that did.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { RouterSecretConfig } from '../config.js';
import type { UnauthenticatedReason } from '../errors.js';

export const TRUST_DOCS = 'docs/federation.md#router-to-subgraph-trust';

export interface RouterRefusal {
  reason: UnauthenticatedReason;
  message: string;
}

/**
 * Checks the router secret of a request: undefined when it carries the right one. The secret is
 * never repeated, and hashing both sides first gives timingSafeEqual equal lengths, so how long
 * the comparison takes says nothing about the secret.
 */
export function routerSecretCheck(
  secret: RouterSecretConfig,
): (headers: IncomingHttpHeaders) => RouterRefusal | undefined {
  return (headers) => {
    const presented = headers[secret.header];
    if (typeof presented !== 'string' || presented === '') {
      return {
        reason: 'ROUTER_SECRET_MISSING',
        message: `This subgraph answers its router only, and the request has no ${secret.header} header: send it through the router (${TRUST_DOCS})`,
      };
    }
    const matches = timingSafeEqual(secret.sha256, createHash('sha256').update(presented).digest());
    return matches
      ? undefined
      : {
          reason: 'ROUTER_SECRET_INVALID',
          message: `The ${secret.header} header does not hold this subgraph's router secret: the router and the subgraph must share ROUTER_SECRET (${TRUST_DOCS})`,
        };
  };
}

/**
 * Headers that routers, gateways and proxies add and clients calling us directly seldom send.
 * A default Hive Gateway or `@apollo/gateway` forwards nothing of the client and adds nothing of
 * its own, so without one of these (or the router secret) such a request looks like any script's.
 */
const ROUTER_SIGNS = [
  'via',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  // A router with tracing continues the client's trace, but forwards no credentials unless told to.
  'traceparent',
  // Apollo Router, asking for field traces.
  'apollo-federation-include-trace',
];

/**
 * The headers that show a request came through a router or proxy: the router secret (certain
 * when ROUTER_SECRET is set), else the usual forwarding and tracing headers. Empty: a direct call.
 */
export function routerSigns(headers: IncomingHttpHeaders, routerSecretHeader: string | undefined): string[] {
  const signs = ROUTER_SIGNS.filter((name) => headers[name] !== undefined);
  return routerSecretHeader && headers[routerSecretHeader] !== undefined ? [routerSecretHeader, ...signs] : signs;
}

/** The refusal of a request without credentials that came through a router (signs not empty). */
export function notForwardedRefusal(signs: readonly string[], credentialHeaders: readonly string[]): RouterRefusal {
  const headers = credentialHeaders.join(' or ');
  return {
    reason: 'CREDENTIALS_NOT_FORWARDED',
    message:
      `No ${headers} reached this subgraph, and the request came through a router or proxy (it carries ${signs.join(', ')}): ` +
      `the router must forward the client's ${headers} (${TRUST_DOCS})`,
  };
}
