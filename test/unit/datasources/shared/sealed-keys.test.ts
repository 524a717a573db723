import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_LEAD_ID_KEYS, KeySealer } from '../../../../src/datasources/shared/sealed-keys.js';

const KEY = 'a-test-lead-id-key-000000000000001';
const NEXT = 'a-test-lead-id-key-000000000000002';
const LEAD = 'fd3705e1-3149-4c41-bfe7-cf0bee79cfad';

describe('KeySealer', () => {
  const sealer = new KeySealer({ current: KEY, old: [] });

  it('seals deterministically, shows no digit of the phone, and opens again', () => {
    const sealed = sealer.seal('573136434030', LEAD);
    expect(sealer.seal('573136434030', LEAD)).toBe(sealed);
    expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('3136434030');
    expect(sealer.open(sealed, LEAD)).toBe('573136434030');
  });

  it('gives the same length whatever the number of digits (15 at most)', () => {
    expect(sealer.seal('57313643', LEAD)).toHaveLength(sealer.seal('573136434030123', LEAD).length);
  });

  it('differs per lead and per key, and opens only for the lead it was sealed for', () => {
    const sealed = sealer.seal('573136434030', LEAD);
    expect(sealer.seal('573136434030', 'another-lead')).not.toBe(sealed);
    expect(new KeySealer({ current: NEXT, old: [] }).seal('573136434030', LEAD)).not.toBe(sealed);
    expect(sealer.open(sealed, 'another-lead')).toBeNull();
  });

  it('refuses a forged, truncated or foreign sealed part', () => {
    const sealed = sealer.seal('573136434030', LEAD);
    const flipped = (sealed[5] === 'A' ? 'B' : 'A') + '';
    expect(sealer.open(sealed.slice(0, 5) + flipped + sealed.slice(6), LEAD)).toBeNull();
    expect(sealer.open(sealed.slice(0, -4), LEAD)).toBeNull();
    expect(sealer.open('not sealed!', LEAD)).toBeNull();
    expect(new KeySealer(DEVELOPMENT_LEAD_ID_KEYS).open(sealed, LEAD)).toBeNull();
  });

  it('after a rotation, opens what the old key sealed (LEAD_ID_OLD_KEYS) and seals with the new one', () => {
    const before = sealer.seal('573136434030', LEAD);
    const rotated = new KeySealer({ current: NEXT, old: [KEY] });
    expect(rotated.open(before, LEAD)).toBe('573136434030');
    expect(rotated.seal('573136434030', LEAD)).not.toBe(before);
    expect(new KeySealer({ current: NEXT, old: [] }).open(before, LEAD)).toBeNull();
  });
});
