// The same-person rule against the labelled pairs (issue 22's targets), and the pairs file is
// what the generator makes (so a reviewer can read the one and trust the other).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, isHardNegative, loadPairs } from '../../../identity/evaluate.js';
import { generatePairs, HARD_NEGATIVE_KINDS, PAIRS_FILE, serialize } from '../../../identity/generate.js';

const pairs = loadPairs();
const result = evaluate(pairs);

describe('the labelled evaluation set', () => {
  it('is what the seeded generator writes, at least 300 pairs of every kind', () => {
    expect(readFileSync(PAIRS_FILE, 'utf8')).toBe(serialize(generatePairs()));
    expect(pairs.length).toBeGreaterThanOrEqual(300);
    const kinds = new Set(pairs.map((p) => p.kind));
    for (const kind of HARD_NEGATIVE_KINDS) expect(kinds).toContain(kind);
    expect(pairs.filter((p) => p.label === 'same').length).toBeGreaterThan(150);
  });
});

describe('the same-person rule on it', () => {
  it('has precision ≥ 0.99 and recall ≥ 0.95', () => {
    expect(result.precision).toBeGreaterThanOrEqual(0.99);
    expect(result.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('merges no pair of any hard-negative kind', () => {
    const falseMerges = result.kinds.filter((k) => isHardNegative(k.kind) && k.errors > 0);
    expect(falseMerges.map((k) => [k.kind, k.errorIds])).toEqual([]);
  });

  it('gets the issue’s own failures right: Jonathan / Jonatan is one person', () => {
    const jonathan = pairs.find((p) => p.a.name === 'Jonathan Mejía Ocampo');
    expect(jonathan).toBeDefined();
    const kind = result.kinds.find((k) => k.kind === jonathan?.kind);
    expect(kind?.errorIds).not.toContain(jonathan?.id);
  });
});
