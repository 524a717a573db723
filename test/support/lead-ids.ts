// LeanCore's canonical ids as a test graph answers them: the phone sealed with the development key
// (no LEAD_ID_KEY in tests; decision 0111).
import { DEVELOPMENT_LEAD_ID_KEYS, KeySealer } from '../../src/datasources/shared/sealed-keys.js';

const sealer = new KeySealer(DEVELOPMENT_LEAD_ID_KEYS);

/** `leancore:<lead id>:<sealed phone>`: the id a test graph answers for this lead found by this phone. */
export function leanCoreId(leadId: string, phoneDigits: string): string {
  return `leancore:${leadId}:${sealer.seal(phoneDigits, leadId)}`;
}

/** The canonical form of an old-form id `leancore:<lead id>:<phone digits>`. */
export function canonicalLeanCoreId(oldForm: string): string {
  const [, leadId, digits] = /^leancore:(.+):(\d+)$/.exec(oldForm) ?? [];
  if (!leadId || !digits) throw new Error(`${oldForm} is not an old-form LeanCore id`);
  return leanCoreId(leadId, digits);
}
