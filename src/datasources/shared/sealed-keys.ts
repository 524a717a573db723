// Seals the personal part of a vendor's lead key (LeanCore's phone) so that a global id carries no
// readable personal data, yet stays one id per lead: deterministic, authenticated, keyed by
// LEAD_ID_KEY, with LEAD_ID_OLD_KEYS still opening ids sealed before a rotation (decision 0111).
// node:crypto has no AES-SIV; a synthetic IV (HMAC-SHA256 of context and plaintext) with
// AES-256-GCM gives the same properties here, with no dependency for ten lines of standard parts.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';

/** The keys ids are sealed with: `current` seals and opens, `old` only open. */
export interface LeadIdKeys {
  current: string;
  old: readonly string[];
}

/**
 * Used when LEAD_ID_KEY is unset outside production (production refuses to start without it).
 * Not a secret: anyone with the source can open ids sealed with it.
 */
export const DEVELOPMENT_LEAD_ID_KEYS: LeadIdKeys = {
  current: 'lead-graph development key: not a secret, set LEAD_ID_KEY',
  old: [],
};

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Plaintexts are padded to this many bytes (one length byte first), so length tells nothing. */
const BLOCK = 16;

interface DerivedKey {
  encryption: Buffer;
  iv: Buffer;
}

function derive(secret: string): DerivedKey {
  const part = (info: string) => Buffer.from(hkdfSync('sha256', secret, 'lead-graph lead ids', info, 32));
  return { encryption: part('aes-256-gcm'), iv: part('synthetic iv') };
}

export class KeySealer {
  private readonly current: DerivedKey;
  private readonly all: readonly DerivedKey[];

  constructor(keys: LeadIdKeys) {
    this.current = derive(keys.current);
    this.all = [this.current, ...keys.old.map(derive)];
  }

  /**
   * `plain` sealed for `context` (the lead's own id: a sealed part moved to another lead does not
   * open), as base64url; the same input always gives the same output.
   */
  seal(plain: string, context: string): string {
    const text = Buffer.from(plain, 'utf8');
    if (text.length >= 256) throw new RangeError('KeySealer seals at most 255 bytes');
    const padded = Buffer.alloc(Math.ceil((text.length + 1) / BLOCK) * BLOCK);
    padded[0] = text.length;
    text.copy(padded, 1);
    const iv = createHmac('sha256', this.current.iv)
      .update(context)
      .update('\0')
      .update(padded)
      .digest()
      .subarray(0, IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.encryption, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(padded), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  }

  /** The plaintext, when `sealed` was sealed for `context` with any configured key; else null. */
  open(sealed: string, context: string): string | null {
    if (!/^[A-Za-z0-9_-]+$/.test(sealed)) return null;
    const bytes = Buffer.from(sealed, 'base64url');
    const bodyLength = bytes.length - IV_BYTES - TAG_BYTES;
    if (bodyLength < BLOCK || bodyLength % BLOCK !== 0) return null;
    const iv = bytes.subarray(0, IV_BYTES);
    const body = bytes.subarray(IV_BYTES, IV_BYTES + bodyLength);
    const tag = bytes.subarray(IV_BYTES + bodyLength);
    for (const key of this.all) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key.encryption, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(tag);
        const padded = Buffer.concat([decipher.update(body), decipher.final()]);
        const length = padded[0] ?? 0;
        if (length + 1 > padded.length) return null;
        return padded.subarray(1, 1 + length).toString('utf8');
      } catch {
        // Not this key (or forged): try the next.
      }
    }
    return null;
  }
}
