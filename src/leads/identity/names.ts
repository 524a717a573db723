// Name comparison for the same-person rule: accents, case, punctuation and word order folded;
// words paired one to one as equal, short form (Alejandro / Alejo), one-letter typo
// (Jonathan / Jonatan) or initial (José / J.); then a level says what the pairing means.
import { distance } from 'fastest-levenshtein';
import { areDifferentNames, isShortFormOf, NOT_NAMES, SURNAMES } from './lexicon.js';

/** The words of a name, lower-cased and without accents (`"Ríos  GÓMEZ"` → `["rios", "gomez"]`). */
export function nameWords(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** The words that say who a name is: no particles (de, del, y) nor titles (Sr., Dra.). */
export function identityWords(name: string): string[] {
  return nameWords(name).filter((word) => !NOT_NAMES.has(word));
}

export type NameLevel = 'SAME' | 'SIMILAR' | 'PARTIAL' | 'DIFFERENT';

export interface NameComparison {
  level: NameLevel;
  /** 0–1: how closely the words agree (Dice over the paired words, each by how it paired). */
  similarity: number;
}

type Pairing = 'equal' | 'short-form' | 'typo' | 'initial';
/** How much a pairing counts towards `similarity`. */
const PAIRING_SIMILARITY: Record<Pairing, number> = { equal: 1, 'short-form': 0.9, typo: 0.85, initial: 0.7 };

/**
 * A one- or two-letter slip, not a different name: words of 5 letters or more (in short names,
 * Chinese ones above all, one letter apart is another name) with the same first letter (people
 * seldom mistype the first), at most one edit (two from 8 letters) or two letters swapped, not the feminine or
 * masculine of the other (Juan / Juana, Francisco / Francisca) nor a known pair of different
 * names (Mario / Marco).
 */
function isTypo(a: string, b: string): boolean {
  if (Math.min(a.length, b.length) < 5 || a[0] !== b[0]) return false;
  if (genderPair(a, b) || genderPair(b, a) || areDifferentNames(a, b)) return false;
  return distance(a, b) <= (Math.min(a.length, b.length) >= 8 ? 2 : 1) || isTransposition(a, b);
}

/** Two neighbouring letters swapped (Óscar / Ósacr), which Levenshtein counts as two edits. */
function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const at = [...a].findIndex((letter, i) => letter !== b[i]);
  return at >= 0 && a[at] === b[at + 1] && a[at + 1] === b[at] && a.slice(at + 2) === b.slice(at + 2);
}

function genderPair(a: string, b: string): boolean {
  if (b === `${a}a`) return true;
  const stem = a.slice(0, -1);
  return a.length === b.length && b.startsWith(stem) && /[ao]$/.test(a) && /[ao]$/.test(b);
}

function pairing(a: string, b: string): Pairing | null {
  if (a === b) return 'equal';
  if (a.length === 1 || b.length === 1) return a[0] === b[0] ? 'initial' : null;
  if (isShortFormOf(a, b)) return 'short-form';
  return isTypo(a, b) ? 'typo' : null;
}

/** Joins two adjacent words the other name writes as one (Chinese "Li Hua" / "Lihua"). */
function joinAsWrittenIn(words: string[], other: ReadonlySet<string>): string[] {
  const joined: string[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const next = words[i + 1];
    const word = words[i] as string;
    if (next !== undefined && other.has(word + next) && !other.has(word)) {
      joined.push(word + next);
      i += 1;
    } else joined.push(word);
  }
  return joined;
}

/**
 * Compares two names (as `identityWords`). SAME: the same words. SIMILAR: every word of the
 * shorter name pairs with one of the other's and a given name is among them (a second surname,
 * a middle name, a short form, a typo or an initial apart). PARTIAL: consistent but thin (one
 * word in common, or only surnames, or a middle name on one side and a second surname on the
 * other). DIFFERENT: words of each side that pair with nothing on the other (Andrés / Felipe,
 * Juan / Juana, two different second surnames).
 */
export function compareNames(wordsA: readonly string[], wordsB: readonly string[]): NameComparison {
  let a = joinAsWrittenIn([...wordsA], new Set(wordsB));
  let b = joinAsWrittenIn([...wordsB], new Set(a));
  if (a.length > b.length) [a, b] = [b, a];
  const freeB = b.map(() => true);
  const pairedA: (Pairing | null)[] = a.map(() => null);
  // Strongest pairings first, so a typo never takes a word an equal word wanted.
  for (const kind of ['equal', 'short-form', 'typo', 'initial'] as const) {
    a.forEach((word, i) => {
      if (pairedA[i]) return;
      const j = b.findIndex((other, k) => freeB[k] && pairing(word, other) === kind);
      if (j >= 0) {
        pairedA[i] = kind;
        freeB[j] = false;
      }
    });
  }
  const paired = pairedA.filter((p): p is Pairing => p !== null);
  const similarity =
    a.length + b.length === 0
      ? 0
      : (2 * paired.reduce((sum, p) => sum + PAIRING_SIMILARITY[p], 0)) / (a.length + b.length);
  const unpairedA = a.filter((_, i) => !pairedA[i]);
  const unpairedB = b.filter((_, j) => freeB[j]);
  // A given name agrees: a paired word of A, longer than an initial, that is not a surname.
  const givenAgrees = a.some((word, i) => pairedA[i] && pairedA[i] !== 'initial' && !SURNAMES.has(word));
  const round = (x: number) => Math.round(x * 100) / 100;

  if (unpairedA.length === 0) {
    if (paired.every((p) => p === 'equal') && unpairedB.length === 0) return { level: 'SAME', similarity: 1 };
    const level = givenAgrees && a.length >= 2 ? 'SIMILAR' : 'PARTIAL';
    return { level, similarity: round(similarity) };
  }
  // Both sides have words of their own: consistent only when one side's all lie between its
  // paired words (a middle name: Juan CARLOS Pérez) and the other's all outside them (a second
  // surname: Juan Pérez GÓMEZ). Extra words at the edges of both are two second surnames
  // (a father and son) or two other given names: different people.
  const inside = (words: string[], paired: boolean[]) => {
    const first = paired.indexOf(true);
    const last = paired.lastIndexOf(true);
    return words.map((_, i) => i > first && i < last);
  };
  const pa = pairedA.map(Boolean);
  const pb = freeB.map((free) => !free);
  const insideA = inside(a, pa);
  const insideB = inside(b, pb);
  const allIn = (flags: boolean[], paired: boolean[]) => flags.every((f, i) => paired[i] || f);
  const allOut = (flags: boolean[], paired: boolean[]) => flags.every((f, i) => paired[i] || !f);
  const complementary =
    paired.length >= 2 && ((allIn(insideA, pa) && allOut(insideB, pb)) || (allOut(insideA, pa) && allIn(insideB, pb)));
  if (givenAgrees && complementary) return { level: 'PARTIAL', similarity: round(similarity) };
  return { level: 'DIFFERENT', similarity: round(similarity) };
}
