// The same-person score of two leads: one comparison per field, each with a level and a weight
// (in bits, Fellegi–Sunter style: log2 of how much likelier the level is for one person than
// for two), summed. docs/identity.md explains each weight and how to tune the threshold.
import type { LeadModel, MatchComparison, MatchField, MatchLevel } from '../../model/models.js';
import { normalizeEmail } from '../../model/normalize.js';
import { mailboxOf, sharedMailboxKind } from './mailboxes.js';
import { compareNames, identityWords, nameWords } from './names.js';

/** The weight of each level of each field. MISSING is 0 for every field: no evidence either way. */
export const MATCH_WEIGHTS = {
  PHONE: { SAME: 7, DIFFERENT: -1 },
  EMAIL: { SAME: 9, SAME_MAILBOX: 8.5, SHARED_MAILBOX: 2, DIFFERENT: -1 },
  NAME: { SAME: 5, SIMILAR: 4, PARTIAL: 2, DIFFERENT: -12 },
  COMPANY: { SAME: 1, DIFFERENT: -0.5 },
} as const;

/**
 * The default merge threshold. A name alone (5) or with the company (6) stays below it; a
 * phone (7) or an email (9) reaches it when nothing else disagrees; a contradicting name (−12)
 * keeps any pair below it (9 + 7 + 1 − 12 = 5).
 */
export const DEFAULT_MATCH_THRESHOLD = 7;

export interface PairScore {
  comparisons: MatchComparison[];
  score: number;
}

/** What the score reads of a lead, worked out once per lead. */
export interface IdentityProfile {
  lead: LeadModel;
  /** Its name as written, or null. */
  name: string | null;
  nameWords: string[];
  email: string | null;
  mailbox: string | null;
  sharedMailbox: 'role' | 'household' | null;
  phone: string | null;
  companyWords: string[];
}

/** Legal forms and filler that say nothing about which company it is. */
const COMPANY_FILLER = new Set(
  'sa sas s a de cv rl srl ltda ltd limitada spa eirl sac saa inc llc corp co cia y e the grupo'.split(' '),
);

/** A lead's name: its full name, or its first and last names. */
export function leadName(lead: LeadModel): string | null {
  const name = lead.fullName?.trim() || [lead.firstName, lead.lastName].filter(Boolean).join(' ').trim();
  return name || null;
}

export function profileOf(lead: LeadModel): IdentityProfile {
  const name = leadName(lead);
  const words = name ? identityWords(name) : [];
  const email = normalizeEmail(lead.email);
  const mailbox = email ? mailboxOf(email) : null;
  return {
    lead,
    name: words.length > 0 ? name : null,
    nameWords: words,
    email,
    mailbox,
    sharedMailbox: mailbox ? sharedMailboxKind(mailbox) : null,
    phone: lead.phone,
    companyWords: lead.companyName ? nameWords(lead.companyName).filter((w) => !COMPANY_FILLER.has(w)) : [],
  };
}

const missing = (field: MatchField): MatchComparison => ({
  field,
  level: 'MISSING',
  weight: 0,
  similarity: null,
  detail: null,
});

function comparison(field: MatchField, level: Exclude<MatchLevel, 'MISSING'>, detail: string | null = null) {
  const weights: Partial<Record<MatchLevel, number>> = MATCH_WEIGHTS[field];
  return { field, level, weight: weights[level] ?? 0, similarity: null, detail };
}

export function comparePhones(a: IdentityProfile, b: IdentityProfile): MatchComparison {
  if (!a.phone || !b.phone) return missing('PHONE');
  return a.phone === b.phone ? comparison('PHONE', 'SAME', a.phone) : comparison('PHONE', 'DIFFERENT');
}

export function compareEmails(a: IdentityProfile, b: IdentityProfile): MatchComparison {
  if (!a.mailbox || !b.mailbox) return missing('EMAIL');
  if (a.mailbox !== b.mailbox) return comparison('EMAIL', 'DIFFERENT');
  if (a.sharedMailbox) return comparison('EMAIL', 'SHARED_MAILBOX', a.mailbox);
  return comparison('EMAIL', a.email === b.email ? 'SAME' : 'SAME_MAILBOX', a.mailbox);
}

export function compareNamesOf(a: IdentityProfile, b: IdentityProfile): MatchComparison {
  if (a.nameWords.length === 0 || b.nameWords.length === 0) return missing('NAME');
  const { level, similarity } = compareNames(a.nameWords, b.nameWords);
  return { ...comparison('NAME', level), similarity };
}

/** The same company when the words of one (legal forms aside) are all words of the other. */
export function compareCompanies(a: IdentityProfile, b: IdentityProfile): MatchComparison {
  if (a.companyWords.length === 0 || b.companyWords.length === 0) return missing('COMPANY');
  const [small, large] = a.companyWords.length <= b.companyWords.length ? [a, b] : [b, a];
  const same = small.companyWords.every((word) => large.companyWords.includes(word));
  return comparison('COMPANY', same ? 'SAME' : 'DIFFERENT');
}

/** Scores a pair of leads: phone, email, name and company, in that order. */
export function scorePair(a: IdentityProfile, b: IdentityProfile): PairScore {
  const comparisons = [comparePhones(a, b), compareEmails(a, b), compareNamesOf(a, b), compareCompanies(a, b)];
  return { comparisons, score: comparisons.reduce((sum, c) => sum + c.weight, 0) };
}

/** One line a person can read: "same phone +7, names differ −12, …". */
export function summarize(comparisons: readonly MatchComparison[]): string {
  const parts = comparisons
    .filter((c) => c.level !== 'MISSING')
    .map((c) => `${describe(c)} ${c.weight >= 0 ? '+' : ''}${signed(c.weight)}`);
  return parts.join(', ') || 'nothing to compare';
}

/** A number as people write it, with a true minus sign: `−12`. */
export function signed(x: number): string {
  return x < 0 ? `−${-x}` : `${x}`;
}

function describe(c: MatchComparison): string {
  switch (c.field) {
    case 'PHONE':
      return c.level === 'SAME' ? `same phone ${c.detail ?? ''}`.trim() : 'different phones';
    case 'EMAIL':
      if (c.level === 'SAME') return `same email ${c.detail ?? ''}`.trim();
      if (c.level === 'SAME_MAILBOX') return `same mailbox ${c.detail ?? ''}`.trim();
      if (c.level === 'SHARED_MAILBOX') return `shared mailbox ${c.detail ?? ''}`.trim();
      return 'different emails';
    case 'NAME':
      if (c.level === 'DIFFERENT') return 'names differ';
      return `names ${c.level === 'SAME' ? 'agree' : c.level === 'SIMILAR' ? 'similar' : 'partly agree'} ${c.similarity ?? ''}`.trim();
    case 'COMPANY':
      return c.level === 'SAME' ? 'same company' : 'different companies';
  }
}
