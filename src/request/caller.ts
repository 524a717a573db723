// Who is calling, and what they may do: the HTTP edge finds the caller (src/http/auth.ts), the
// scope check (src/plugins/use-scope-check.ts) and the write journal's keys read it.

/** `leads:read` lets a caller run queries, `leads:write` mutations too. */
export type Scope = 'leads:read' | 'leads:write';

/** Every scope, in the order they are granted. */
export const SCOPES: readonly Scope[] = ['leads:read', 'leads:write'];

export interface Caller {
  /** How the caller proved who they are; `open` when authentication is off. */
  via: 'api-key' | 'jwt' | 'open';
  /**
   * Who the caller is, stable across requests (what idempotency keys belong to): `api-key:`
   * and the start of the key's SHA-256 (never the key), `jwt:` and the token's `sub`, or
   * `open` for everyone when authentication is off.
   */
  id: string;
  scopes: ReadonlySet<Scope>;
}

/** Authentication is off (development, or AUTH_DISABLED=true): anyone may read and write. */
export const OPEN_CALLER: Caller = { via: 'open', id: 'open', scopes: new Set(SCOPES) };
