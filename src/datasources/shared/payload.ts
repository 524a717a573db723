import { z } from 'zod';
import { UpstreamError } from '../../errors.js';
import { vendorName } from '../../model/vendors.js';
import type { Vendor } from '../../model/models.js';

/**
 * A vendor payload checked against its schema. A payload that does not fit is the vendor's
 * failure (UPSTREAM_ERROR); the message names the fields, never their values.
 */
export function parseVendorPayload<S extends z.ZodType>(
  schema: S,
  body: unknown,
  vendor: Vendor,
  what: string,
): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(root)'))].slice(0, 5);
  throw new UpstreamError(
    'UPSTREAM_ERROR',
    `${vendorName(vendor)} sent ${what} we cannot read (${fields.join(', ')})`,
    {
      vendor,
    },
  );
}

/** DataLoader wants failures as Error values in the result array, not as a rejection. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** A DataLoader batch for a vendor without a batch endpoint: one call per distinct key, all at once. */
export function oneCallPerKey<K, V>(fetch: (key: K) => Promise<V>): (keys: readonly K[]) => Promise<(V | Error)[]> {
  return (keys) => Promise.all(keys.map((key) => fetch(key).catch(asError)));
}

/** A vendor's "no such record" read as `fallback` (a search that found nothing); any other failure stands. */
export async function unlessNotFound<T, F>(call: Promise<T>, fallback: F): Promise<T | F> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof UpstreamError && error.code === 'NOT_FOUND') return fallback;
    throw error;
  }
}

/**
 * An optional number as a vendor may send it: a JSON number or a numeric string (`"75"`,
 * `" 0.5 "`); null, absent or `""` is no value. Other text is refused rather than guessed at.
 */
export const optionalVendorNumber = z
  .union([z.number(), z.string().regex(/^\s*-?\d+(\.\d+)?\s*$/, 'must be a number'), z.literal('')])
  .nullish()
  .transform((value) => (value == null || value === '' ? null : Number(value)));
