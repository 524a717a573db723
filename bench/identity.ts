// The same-person score's cost per pair (issue 22: ≤ 50 µs), on the labelled pairs of
// test/identity/pairs.json, beside a floor in the same run: comparing the two leads' normalised
// phone and email strings, all an equality rule does. CPU-bound, in this process, before the
// HTTP scenarios. `npm run bench:identity` runs it alone.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { profileOf, scorePair } from '../src/leads/identity/score.js';
import type { LeadModel } from '../src/model/models.js';
import { toLead } from '../test/identity/evaluate.js';
import type { EvalPair } from '../test/identity/generate.js';

export interface IdentityBench {
  pairs: number;
  /** scorePair on leads read once (profiles built per lead, as `people` does). */
  scoreMicrosPerPair: number;
  /** Reading both leads (names folded, mailboxes) and scoring them: the cost with no reuse. */
  profileAndScoreMicrosPerPair: number;
  /** Equal phone or equal email, on the same leads: the floor. */
  floorMicrosPerPair: number;
}

/** Runs `work` over every pair until `ms` have passed; µs per pair. */
function timePerPair(pairs: number, ms: number, work: () => number): number {
  let sink = 0;
  for (let i = 0; i < 200; i += 1) sink += work(); // warm-up: let V8 optimise
  let rounds = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(ms) * 1_000_000n;
  let now = start;
  while (now < end) {
    sink += work();
    rounds += 1;
    now = process.hrtime.bigint();
  }
  if (sink === Number.MIN_VALUE) console.log(sink); // keeps the work observable
  return Number(now - start) / 1_000 / (rounds * pairs);
}

export function benchIdentity(ms = 1_000): IdentityBench {
  const raw = JSON.parse(readFileSync('test/identity/pairs.json', 'utf8')) as EvalPair[];
  const leads: [LeadModel, LeadModel][] = raw.map((p) => [
    toLead(p.a, `${p.id}-a`, p.region),
    toLead(p.b, `${p.id}-b`, p.region),
  ]);
  const profiles = leads.map(([a, b]) => [profileOf(a), profileOf(b)] as const);
  const round = (x: number) => Math.round(x * 1_000) / 1_000;
  return {
    pairs: raw.length,
    scoreMicrosPerPair: round(
      timePerPair(raw.length, ms, () => profiles.reduce((s, [a, b]) => s + scorePair(a, b).score, 0)),
    ),
    profileAndScoreMicrosPerPair: round(
      timePerPair(raw.length, ms, () =>
        leads.reduce((s, [a, b]) => s + scorePair(profileOf(a), profileOf(b)).score, 0),
      ),
    ),
    floorMicrosPerPair: round(
      timePerPair(raw.length, ms, () =>
        leads.reduce(
          (s, [a, b]) =>
            s + ((a.phone !== null && a.phone === b.phone) || (a.email !== null && a.email === b.email) ? 1 : 0),
          0,
        ),
      ),
    ),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(benchIdentity());
