// Store keys and Redis Cluster slots: every operation that touches several keys finds them in
// one slot, whatever the key prefix, because they share one hash tag.
import calculateSlot from 'cluster-key-slot';
import { describe, expect, it } from 'vitest';
import {
  hashTagOf,
  JOURNAL_EPOCH_KEY,
  journalEntryKey,
  storeKey,
} from '../../../../../src/datasources/shared/store/index.js';
import { TokenCache } from '../../../../../src/datasources/shared/token-cache.js';
import { zenKeys } from '../../../../../src/datasources/zen/totals.js';

const PREFIXES = ['lead-graph:', 'lead-graph-test:6f1c9e2a-0d3b-4c55-9a57-1d0f6b1e2c3d:', ''];
const slots = (keys: readonly string[], prefix: string) => new Set(keys.map((key) => calculateSlot(prefix + key)));

describe('storeKey', () => {
  it('puts the group in one hash tag, the parts after it', () => {
    expect(storeKey('zen:ZEN:ab12', 'lock', '2026-12-03')).toBe('{zen:ZEN:ab12}:lock:2026-12-03');
    expect(storeKey('journal')).toBe('{journal}');
    expect(hashTagOf('lead-graph:{journal}:epoch')).toBe('journal');
    // Redis's own rule: the first {…}, and only when it is not empty.
    expect(hashTagOf('a{}b{c}')).toBe('a{}b{c}');
    expect(hashTagOf('plain:key')).toBe('plain:key');
  });

  it('refuses a group that would end the tag early or leave it empty', () => {
    expect(() => storeKey('a}b', 'x')).toThrow(/without braces/);
    expect(() => storeKey('', 'x')).toThrow(/non-empty/);
  });

  it('gives keys of one group one slot, and keys of other groups other slots', () => {
    const keys = ['budget', 'lock', 'totals:2026-12-03'].map((part) => storeKey('zen:ZEN:1', part));
    expect(slots(keys, 'lead-graph:').size).toBe(1);
    const groups = Array.from({ length: 50 }, (_, i) => storeKey(`group-${i}`, 'x'));
    expect(slots(groups, 'lead-graph:').size).toBeGreaterThan(40);
  });
});

describe('each operation that touches several keys finds them in one slot', () => {
  it.each(PREFIXES)('Zen: a token’s budget, and each day’s lock and cached totals (prefix %j)', (prefix) => {
    const token = TokenCache.keyFor('ZEN', 'zen-token');
    const days = ['2026-12-01', '2026-12-02', '2026-12-03'];
    const keys = days.flatMap((day) => Object.values(zenKeys(token, day)));
    expect(new Set(keys).size).toBe(8); // one budget, one held failure, a lock and totals per day
    expect(slots(keys, prefix).size).toBe(1);
    // Another token's keys are its own group (they may or may not share the slot).
    expect(hashTagOf(zenKeys(TokenCache.keyFor('ZEN', 'other'), days[0]!).budget)).not.toBe(hashTagOf(keys[0]!));
  });

  it.each(PREFIXES)('the write journal: every entry and the epoch marker (prefix %j)', (prefix) => {
    const entries = ['createLead', 'updateLead', 'assignLead'].flatMap((mutation) =>
      ['a', 'b', 'c'].map((client) => journalEntryKey(mutation, `${client}-digest`)),
    );
    expect(slots([JOURNAL_EPOCH_KEY, ...entries], prefix).size).toBe(1);
  });

  it('the prefix adds no tag of its own (config refuses braces in REDIS_KEY_PREFIX)', () => {
    for (const prefix of PREFIXES) expect(prefix).not.toMatch(/[{}]/);
    expect(hashTagOf(`lead-graph:${JOURNAL_EPOCH_KEY}`)).toBe('journal');
  });
});
