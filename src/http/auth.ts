// Who is calling, and what they may do. API keys (`x-api-key`) and JWTs (`Authorization:
// Bearer`, verified against the identity provider's JWKS) both end as a Caller with scopes;
// what each scope allows is checked below the edge (src/plugins/use-scope-check.ts).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authRequired, type AuthConfig, type ApiKeyEntry } from '../config.js';
import type { UnauthenticatedReason } from '../errors.js';
import { OPEN_CALLER, SCOPES, type Caller } from '../request/caller.js';
import type { Logger } from '../logger.js';
import { errorBody, sendJson } from './json.js';
import { notForwardedRefusal, routerSecretCheck, routerSigns, TRUST_DOCS } from './router-trust.js';

/** What the edge answers a caller it turns away: its status, JSON body and `www-authenticate`. */
export interface AuthRefusal {
  status: 401 | 503;
  body: ReturnType<typeof errorBody>;
  wwwAuthenticate?: string;
  /** `extensions.reason` of the refusal, when it has one. */
  reason?: string;
}

/** The credentials of a request (headers) or of a WebSocket connection (its connection parameters). */
export interface Credentials {
  apiKey?: unknown;
  authorization?: unknown;
}

/**
 * Finds the caller of a request, or answers it 401 UNAUTHENTICATED (503 when tokens cannot be
 * checked) and gives undefined. Everyone is OPEN_CALLER when authentication is off. With
 * ROUTER_SECRET, a request without the secret is refused first, whoever it claims to be.
 */
export function authenticator(
  auth: AuthConfig,
  logger: Logger,
): (req: IncomingMessage, res: ServerResponse) => Promise<Caller | undefined> {
  const checkRouterSecret = auth.routerSecret && routerSecretCheck(auth.routerSecret);
  const identify = callerFinder(auth, logger);
  if (!checkRouterSecret) return identify;
  return (req, res) => {
    const refusal = checkRouterSecret(req.headers);
    if (!refusal) return identify(req, res);
    res.setHeader('www-authenticate', 'RouterSecret');
    sendJson(res, 401, errorBody(refusal.message, 'UNAUTHENTICATED', { reason: refusal.reason }));
    return Promise.resolve(undefined);
  };
}

/**
 * Finds the caller by API key or JWT (credentialsChecker), or answers 401 (503) and gives
 * undefined; a request with no credentials that shows signs of a router is told what to forward.
 */
function callerFinder(
  auth: AuthConfig,
  logger: Logger,
): (req: IncomingMessage, res: ServerResponse) => Promise<Caller | undefined> {
  const check = credentialsChecker(auth, logger);
  const credentialHeaders = [...(auth.apiKeys.length > 0 ? ['x-api-key'] : []), ...(auth.jwt ? ['Authorization'] : [])];
  return async (req, res) => {
    const apiKey = req.headers['x-api-key'];
    const found = await check({ apiKey, authorization: req.headers.authorization });
    if ('caller' in found) return found.caller;
    let body = found.body;
    if (
      found.status === 401 &&
      found.reason === undefined &&
      apiKey === undefined &&
      req.headers.authorization === undefined
    ) {
      const signs = routerSigns(req.headers, auth.routerSecret?.header);
      if (signs.length > 0) {
        const refusal = notForwardedRefusal(signs, credentialHeaders);
        body = errorBody(refusal.message, 'UNAUTHENTICATED', { reason: refusal.reason });
      }
    }
    if (found.wwwAuthenticate) res.setHeader('www-authenticate', found.wwwAuthenticate);
    sendJson(res, found.status, body);
    return undefined;
  };
}

/**
 * The caller that credentials stand for, or why they are refused: the one check behind HTTP
 * requests and WebSocket connections (src/http/subscriptions.ts). ROUTER_SECRET is checked
 * before it, by each transport.
 */
export function credentialsChecker(
  auth: AuthConfig,
  logger: Logger,
): (credentials: Credentials) => Promise<{ caller: Caller } | AuthRefusal> {
  if (!authRequired(auth)) return () => Promise.resolve({ caller: OPEN_CALLER });
  const verifyJwt = auth.jwt && jwtVerifier(auth.jwt);
  const apiKeyCallers = auth.apiKeys.map(callerOfApiKey);
  return async ({ apiKey, authorization }) => {
    const bearer =
      apiKey === undefined && verifyJwt && typeof authorization === 'string' ? bearerToken(authorization) : undefined;
    let caller: Caller | undefined;
    let refusal: TokenRefusal | undefined;
    if (typeof apiKey === 'string') {
      caller = callerWithApiKey(apiKeyCallers, apiKey);
    } else if (bearer !== undefined && verifyJwt) {
      const verified = await verifyJwt(bearer);
      if (verified === 'unavailable') {
        logger.error('the JWKS of JWT_JWKS_URL could not be fetched: callers with tokens are turned away');
        return {
          status: 503,
          body: errorBody('Cannot verify tokens right now; try again shortly', 'SERVICE_UNAVAILABLE'),
        };
      }
      if ('via' in verified) caller = verified;
      else refusal = verified.refused;
    }
    if (caller) return { caller };
    return {
      status: 401,
      wwwAuthenticate: auth.jwt ? 'Bearer' : 'ApiKey',
      ...(refusal ? { reason: refusal.reason } : {}),
      body: refusal
        ? errorBody(refusal.message, 'UNAUTHENTICATED', { reason: refusal.reason })
        : errorBody(unauthenticatedMessage(auth), 'UNAUTHENTICATED'),
    };
  };
}

/** The token of `Authorization: Bearer <token>`, if that is what the header holds. */
export function bearerToken(header: string | undefined): string | undefined {
  return header === undefined ? undefined : /^Bearer\s+(\S+)$/i.exec(header)?.[1];
}

function unauthenticatedMessage(auth: AuthConfig): string {
  const ways = [
    ...(auth.apiKeys.length > 0 ? ['an API key in x-api-key'] : []),
    ...(auth.jwt ? ['a token in Authorization: Bearer'] : []),
  ];
  // A client behind a router that forwards nothing sent its key: say where it may have been lost.
  return `Missing or invalid credentials: send ${ways.join(' or ')} (through a router, it must forward it: ${TRUST_DOCS})`;
}

/** The Caller a configured API key stands for, made once. */
function callerOfApiKey(entry: ApiKeyEntry): { sha256: Buffer; caller: Caller } {
  return {
    sha256: entry.sha256,
    caller: {
      via: 'api-key',
      id: `api-key:${entry.sha256.toString('hex').slice(0, 16)}`,
      scopes: new Set(entry.scopes),
    },
  };
}

/**
 * Every stored hash is compared, in constant time, whichever matches: how long this takes
 * says nothing about the key. Hashing first gives equal lengths for timingSafeEqual.
 */
function callerWithApiKey(entries: readonly { sha256: Buffer; caller: Caller }[], key: string): Caller | undefined {
  const presented = createHash('sha256').update(key).digest();
  let match: Caller | undefined;
  for (const entry of entries) {
    if (timingSafeEqual(entry.sha256, presented)) match ??= entry.caller;
  }
  return match;
}

/** A signed token of ours refused for its lifetime claims: the caller should get a new one. */
interface TokenRefusal {
  reason: UnauthenticatedReason;
  message: string;
}

type JwtVerdict = Caller | { refused: TokenRefusal | undefined } | 'unavailable';

/** Clocks of the identity provider and of this server may disagree this much (`exp`, `nbf`, `iat`). */
const CLOCK_TOLERANCE_SECONDS = 5;

function jwtVerifier(jwt: NonNullable<AuthConfig['jwt']>): (token: string) => Promise<JwtVerdict> {
  // jose is loaded only when JWTs are configured (a server on API keys does not carry it). It
  // caches the key set, and fetches it again for a key id it has not seen (rate limited).
  const jose = import('jose').then(({ createRemoteJWKSet, errors, jwtVerify }) => ({
    keys: createRemoteJWKSet(new URL(jwt.jwksUrl)),
    errors,
    jwtVerify,
  }));
  return async (token) => {
    const { keys, errors: joseErrors, jwtVerify } = await jose;
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: jwt.issuer,
        audience: jwt.audience,
        // A token that never expires stays good for whoever copies it, for ever (issue 20).
        requiredClaims: ['exp'],
        // With a maximum age, `iat` is required too: a token whose age is unknown is refused.
        ...(jwt.maxTokenAgeSeconds === undefined ? {} : { maxTokenAge: jwt.maxTokenAgeSeconds }),
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      return {
        via: 'jwt',
        // A token without a subject still names its client (`azp`, or `client_id` in RFC 9068).
        id: `jwt:${[payload.sub, payload['azp'], payload['client_id']].find((c) => typeof c === 'string') ?? ''}`,
        scopes: new Set(SCOPES.filter((scope) => scopesClaim(payload['scope']).includes(scope))),
      };
    } catch (error) {
      // A token we cannot check is not the caller's fault; one that fails a check is.
      if (error instanceof joseErrors.JWKSTimeout || !(error instanceof joseErrors.JOSEError)) return 'unavailable';
      // Only a token whose signature held gets here with a claim named: saying which is safe.
      if (error instanceof joseErrors.JWTExpired)
        return { refused: expiredRefusal(error.claim, jwt.maxTokenAgeSeconds) };
      if (error instanceof joseErrors.JWTClaimValidationFailed && error.reason === 'missing') {
        return { refused: missingClaimRefusal(error.claim, jwt.maxTokenAgeSeconds) };
      }
      return { refused: undefined };
    }
  };
}

/** `exp` has passed, or (with a maximum age) `iat` is too long ago. */
function expiredRefusal(claim: string, maxAge: number | undefined): TokenRefusal {
  return claim === 'iat'
    ? { reason: 'TOKEN_TOO_OLD', message: `The token was issued more than ${maxAge} s ago: get a new one` }
    : { reason: 'TOKEN_EXPIRED', message: 'The token has expired: get a new one' };
}

/** A lifetime claim the token lacks; undefined for the others (`iss`, `aud`: a plain refusal). */
function missingClaimRefusal(claim: string, maxAge: number | undefined): TokenRefusal | undefined {
  if (claim === 'exp') {
    return {
      reason: 'TOKEN_WITHOUT_EXPIRY',
      message: 'The token has no `exp` claim: only tokens that expire are accepted',
    };
  }
  if (claim === 'iat') {
    return {
      reason: 'TOKEN_WITHOUT_ISSUED_AT',
      message: `The token has no \`iat\` claim: tokens must say when they were issued (at most ${maxAge} s ago)`,
    };
  }
  return undefined;
}

/** OAuth's `scope` is one space-separated string; some providers send a list. */
function scopesClaim(claim: unknown): string[] {
  if (typeof claim === 'string') return claim.split(' ');
  if (Array.isArray(claim)) return claim.filter((s): s is string => typeof s === 'string');
  return [];
}
