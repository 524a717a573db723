// `npm run eval:identity`: the same-person rule on the labelled pairs of test/identity/pairs.json,
// with precision, recall and F1, and the errors by case kind. `-- --threshold 8` tries another
// threshold; `-- --verbose` prints each wrong pair with its comparisons.
import { parseArgs } from 'node:util';
import { profileOf, scorePair, summarize } from '../src/leads/identity/score.js';
import { evaluate, isHardNegative, loadPairs, toLead } from '../test/identity/evaluate.js';

const { values } = parseArgs({
  options: { threshold: { type: 'string' }, verbose: { type: 'boolean', default: false } },
});
const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
const pairs = loadPairs();
const result = evaluate(pairs, threshold === undefined ? {} : { threshold });
const f = (x: number) => x.toFixed(3);

console.log(
  `${result.pairs} pairs (${pairs.filter((p) => p.label === 'same').length} same person, ${pairs.filter((p) => p.label === 'different').length} different)${threshold === undefined ? '' : `, threshold ${threshold}`}`,
);
console.log(
  `precision ${f(result.precision)}  recall ${f(result.recall)}  F1 ${f(result.f1)}  (${result.falsePositives} false merges, ${result.falseNegatives} splits)`,
);
console.log('');
console.log('kind                       label      pairs  errors  rate');
for (const k of [...result.kinds].sort((x, y) => x.label.localeCompare(y.label) || x.kind.localeCompare(y.kind))) {
  const tag = k.label === 'different' ? (isHardNegative(k.kind) ? 'different*' : 'different') : 'same';
  const rate = k.label === 'same' ? `recall ${f(1 - k.errors / k.pairs)}` : `false merges ${k.errors}`;
  console.log(
    `${k.kind.padEnd(26)} ${tag.padEnd(10)} ${String(k.pairs).padStart(5)}  ${String(k.errors).padStart(6)}  ${rate}${k.errors ? `  (${k.errorIds.join(', ')})` : ''}`,
  );
}
console.log('* hard negative: must have no false merge');
if (values.verbose) {
  for (const pair of pairs.filter((p) => result.kinds.some((k) => k.errorIds.includes(p.id)))) {
    const [a, b] = [toLead(pair.a, 'a', pair.region), toLead(pair.b, 'b', pair.region)];
    const scored = scorePair(profileOf(a), profileOf(b));
    console.log(`\n${pair.id} (${pair.label}): ${JSON.stringify(pair.a)} / ${JSON.stringify(pair.b)}`);
    console.log(`  ${scored.score}: ${summarize(scored.comparisons)}`);
  }
}
