// Runs the same-person rule on the labelled pairs (test/identity/pairs.json): each pair's two
// leads go through `groupLeads` as a people search would hand them over, and the answer (one
// person or two) is checked against the label. Shared by `npm run eval:identity` and the test.
import { readFileSync } from 'node:fs';
import { groupLeads, type MatchSettings } from '../../src/leads/people.js';
import type { LeadModel } from '../../src/model/models.js';
import { normalizeEmail, normalizePhone } from '../../src/model/normalize.js';
import { HARD_NEGATIVE_KINDS, PAIRS_FILE, type EvalLead, type EvalPair, type Region } from './generate.js';

export interface KindResult {
  kind: string;
  label: 'same' | 'different';
  pairs: number;
  /** Pairs the rule got wrong: splits of one person, or merges of two. */
  errors: number;
  errorIds: string[];
}

export interface Evaluation {
  pairs: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
  kinds: KindResult[];
}

export function loadPairs(): EvalPair[] {
  return JSON.parse(readFileSync(PAIRS_FILE, 'utf8')) as EvalPair[];
}

/** A lead as a vendor's mapper builds it: phone to E.164 (LeanCore's bare digits too), email lower-cased. */
export function toLead(raw: EvalLead, key: string, region: Region): LeadModel {
  return {
    id: `${raw.vendor.toLowerCase()}:${key}`,
    vendor: raw.vendor,
    remoteId: key,
    firstName: raw.first ?? null,
    lastName: raw.last ?? null,
    fullName: raw.name ?? null,
    companyName: raw.company ?? null,
    email: normalizeEmail(raw.email),
    phone: normalizePhone(raw.phone, { defaultRegion: region, bareDigitsAreInternational: raw.vendor === 'LEANCORE' }),
    status: null,
    score: null,
    address: null,
    owner: null,
    financialEntity: null,
    customFields: [],
    remoteData: null,
  };
}

export function evaluate(pairs: readonly EvalPair[], settings: MatchSettings = {}): Evaluation {
  const kinds = new Map<string, KindResult>();
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const pair of pairs) {
    const a = toLead(pair.a, `${pair.id}-a`, pair.region);
    const b = toLead(pair.b, `${pair.id}-b`, pair.region);
    const merged = groupLeads([a, b], settings).length === 1;
    const kind = kinds.get(pair.kind) ?? { kind: pair.kind, label: pair.label, pairs: 0, errors: 0, errorIds: [] };
    kinds.set(pair.kind, kind);
    kind.pairs += 1;
    if (merged && pair.label === 'same') tp += 1;
    if (merged !== (pair.label === 'same')) {
      kind.errors += 1;
      kind.errorIds.push(pair.id);
      if (merged) fp += 1;
      else fn += 1;
    }
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  return {
    pairs: pairs.length,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    kinds: [...kinds.values()],
  };
}

export function isHardNegative(kind: string): boolean {
  return (HARD_NEGATIVE_KINDS as readonly string[]).includes(kind);
}
