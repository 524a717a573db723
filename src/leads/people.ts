// The same person across CRMs: which leads are one person, why, and what is best known about
// them. Pure functions over LeadModel (no vendor calls); src/leads/people-search.ts gathers the
// leads, src/leads/identity/ scores a pair of them. docs/identity.md has the whole rule.
//
// MATCHING RULE (deterministic; leads are first ordered by vendor precedence, then by id):
//  1. Candidates: two leads that share a phone (E.164) or a mailbox (the address once the
//     provider's normalisation is applied: Gmail's dots and plus tags) are compared, field by
//     field (identity/score.ts): each comparison has a level and a weight, the score is their sum.
//  2. Links: candidate pairs at or above the threshold (PERSON_MATCH_THRESHOLD, default 7) join
//     their groups, strongest first (ties in lead order). The default weights make a phone or a
//     personal email a link when nothing disagrees, a role or household mailbox a link only with
//     a matching name, and a name that contradicts (Ana / Luis, Juan / Juana) a veto.
//  3. Guard: a link is checked against every lead of the two groups it would join: it is refused
//     when the name of any lead of one differs from the name of any lead of the other, or when one
//     group has no name at all and the two groups share no mailbox. So one lead cannot chain two
//     people together.
//  4. A lead with neither name nor email ("blank") is not scored: it joins the ONE person left on
//     its phone; when several people hold that phone it stays apart (it could be any of them).
//     Blanks on a phone nobody else holds are one person.
//  Every link is kept with its comparisons (`Person.links`), and so is every candidate pair that
//  ended in two people, with the reason (`Person.keptApart`).
//
// BEST-KNOWN VALUES (fullName, email, phone), each with the vendor and lead it came from:
//  the value held by the most leads of the person (names compared ignoring case, accents and
//  word order, see `nameKey`); ties go to the more complete name (more words, names only), then
//  to the earlier lead in lead order. The value is shown as that lead wrote it (its own fullName;
//  its normalised email and E.164 phone).
//
// LEAD ORDER: vendor precedence (the `Vendor` enum's order: LeanCore, BesChannels, CRM.COM, Zen),
//  then global id. People are ordered by their first lead.
import type {
  LeadModel,
  PersonKeptApartModel,
  PersonLinkModel,
  PersonModel,
  SourcedValueModel,
  Vendor,
  VendorOutcome,
} from '../model/models.js';
import { ALL_VENDORS } from '../model/vendors.js';
import { normalizeEmail } from '../model/normalize.js';
import { compareNames, identityWords, nameWords } from './identity/names.js';
import {
  DEFAULT_MATCH_THRESHOLD,
  leadName,
  profileOf,
  scorePair,
  signed,
  summarize,
  type IdentityProfile,
  type PairScore,
} from './identity/score.js';

export { leadName, nameWords };

/** The leads of one person and the explanation of how they were grouped. */
export interface LeadGroup {
  leads: LeadModel[];
  links: PersonLinkModel[];
  keptApart: PersonKeptApartModel[];
}

export interface MatchSettings {
  /** Score at or above which a candidate pair is one person. @default 7 */
  threshold?: number;
}

/** Vendor precedence: the order of the `Vendor` enum. */
export const VENDOR_PRECEDENCE: readonly Vendor[] = ALL_VENDORS;

export function compareLeads(a: LeadModel, b: LeadModel): number {
  const byVendor = VENDOR_PRECEDENCE.indexOf(a.vendor) - VENDOR_PRECEDENCE.indexOf(b.vendor);
  if (byVendor !== 0) return byVendor;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Names compared ignoring case, accents, punctuation and word order. */
export function nameKey(name: string): string {
  return [...nameWords(name)].sort().join(' ');
}

/**
 * Two names can be the same person's unless a given name of one pairs with nothing in the
 * other (identity/names.ts): "Valentina Ríos" and "VALENTINA RIOS GÓMEZ" can, and so can
 * "Alejandro Díaz" and "Alejo Díaz"; "Ana Pérez" and "Luis Gómez" cannot, nor can "Ana Pérez"
 * and "Ana Gómez".
 */
export function namesCompatible(a: string, b: string): boolean {
  return compareNames(identityWords(a), identityWords(b)).level !== 'DIFFERENT';
}

/** A lead that says nothing about who it is: no name, no email. */
function isBlank(profile: IdentityProfile): boolean {
  return profile.nameWords.length === 0 && profile.email === null;
}

interface Candidate {
  a: IdentityProfile;
  b: IdentityProfile;
  result: PairScore;
}

/** Groups leads into people by the matching rule above (every lead in exactly one), with why. */
export function matchPeople(leads: readonly LeadModel[], settings: MatchSettings = {}): LeadGroup[] {
  const threshold = settings.threshold ?? DEFAULT_MATCH_THRESHOLD;
  const unique = [...new Map(leads.map((lead) => [lead.id, lead])).values()].sort(compareLeads);
  const profiles = unique.map(profileOf);
  const groupOf = new Map<IdentityProfile, IdentityProfile[]>(profiles.map((p) => [p, [p]]));
  const links: PersonLinkModel[] = [];
  const refused = new Map<Candidate, [string, string]>();
  const scores = new Map<string, PairScore>();
  const scoreOf = (a: IdentityProfile, b: IdentityProfile): PairScore => {
    const key = `${a.lead.id}\n${b.lead.id}`;
    let result = scores.get(key);
    if (!result) scores.set(key, (result = scorePair(a, b)));
    return result;
  };
  const join = (a: IdentityProfile, b: IdentityProfile) => {
    const ga = groupOf.get(a) as IdentityProfile[];
    const gb = groupOf.get(b) as IdentityProfile[];
    ga.push(...gb);
    for (const p of gb) groupOf.set(p, ga);
  };

  // 1. Candidates: speaking leads (a name or an email) that share a phone or a mailbox.
  const speaking = profiles.filter((p) => !isBlank(p));
  const byKey = new Map<string, IdentityProfile[]>();
  for (const p of speaking) {
    for (const key of [p.phone && `phone:${p.phone}`, p.mailbox && `mailbox:${p.mailbox}`]) {
      if (key) byKey.set(key, [...(byKey.get(key) ?? []), p]);
    }
  }
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  for (const holders of byKey.values()) {
    holders.forEach((a, i) => {
      for (const b of holders.slice(i + 1)) {
        const pairKey = `${a.lead.id}\n${b.lead.id}`;
        if (seen.has(pairKey)) continue;
        seen.add(pairKey);
        candidates.push({ a, b, result: scoreOf(a, b) });
      }
    });
  }
  const position = new Map(profiles.map((p, i) => [p, i]));
  const order = (p: IdentityProfile) => position.get(p) ?? 0;
  candidates.sort((x, y) => y.result.score - x.result.score || order(x.a) - order(y.a) || order(x.b) - order(y.b));

  // 2 and 3. Links, strongest first, each checked against both whole groups.
  for (const candidate of candidates) {
    const { a, b, result } = candidate;
    if (result.score < threshold) break;
    const ga = groupOf.get(a) as IdentityProfile[];
    const gb = groupOf.get(b) as IdentityProfile[];
    if (ga === gb) continue;
    const conflict = firstContradiction(ga, gb, scoreOf);
    if (conflict) {
      refused.set(candidate, conflict);
      continue;
    }
    links.push({
      leads: [a.lead, b.lead],
      comparisons: result.comparisons,
      score: result.score,
      threshold,
      basis: 'SCORE',
    });
    join(a, b);
  }

  // 4. Blanks, phone by phone (in E.164 order): to the one person on their phone, if one.
  const keptApart: Omit<PersonKeptApartModel, 'summary'>[] = [];
  const blanks = profiles.filter(isBlank);
  for (const phone of [...new Set(blanks.map((p) => p.phone).filter((x): x is string => x !== null))].sort()) {
    const onPhone = blanks.filter((p) => p.phone === phone);
    const people = [...new Set(speaking.filter((p) => p.phone === phone).map((p) => groupOf.get(p)))];
    const holders = speaking.filter((p) => p.phone === phone);
    if (people.length > 1) {
      for (const blank of onPhone) {
        for (const holder of holders) {
          const result = scoreOf(blank, holder);
          keptApart.push({
            leads: [blank.lead, holder.lead],
            ...result,
            threshold,
            reason: 'PHONE_HELD_BY_SEVERAL',
            contradiction: null,
          });
        }
      }
      continue;
    }
    const target = holders[0] ?? onPhone[0];
    for (const blank of onPhone) {
      if (!target || groupOf.get(blank) === groupOf.get(target)) continue;
      const result = scoreOf(target, blank);
      links.push({
        leads: [target.lead, blank.lead],
        comparisons: result.comparisons,
        score: result.score,
        threshold,
        basis: 'SOLE_PERSON_ON_PHONE',
      });
      join(target, blank);
    }
  }

  // Candidate pairs that ended in two people.
  for (const candidate of candidates) {
    const { a, b, result } = candidate;
    if (groupOf.get(a) === groupOf.get(b)) continue;
    const contradiction = refused.get(candidate) ?? null;
    keptApart.push({
      leads: [a.lead, b.lead],
      ...result,
      threshold,
      reason: contradiction ? 'CONTRADICTED_BY_GROUP' : 'BELOW_THRESHOLD',
      contradiction,
    });
  }

  const groups = [...new Set(groupOf.values())].map((group) => group.map((p) => p.lead).sort(compareLeads));
  groups.sort((x, y) => compareLeads(x[0] as LeadModel, y[0] as LeadModel));
  return groups.map((group) => {
    const ids = new Set(group.map((lead) => lead.id));
    return {
      leads: group,
      links: links.filter((link) => ids.has(link.leads[0].id)),
      keptApart: keptApart.flatMap((pair) => {
        const [x, y] = pair.leads;
        const own = ids.has(x.id) ? [x, y] : ids.has(y.id) ? [y, x] : null;
        return own ? [{ ...pair, leads: own as [LeadModel, LeadModel], summary: summarizeApart(pair) }] : [];
      }),
    };
  });
}

/**
 * The first pair of leads, one from each group, that contradict each other (in lead order):
 * their names differ; or one group has no name at all and the two groups' emails share no
 * mailbox (the two leads named are then the first with an email on each side).
 */
function firstContradiction(
  ga: IdentityProfile[],
  gb: IdentityProfile[],
  scoreOf: (a: IdentityProfile, b: IdentityProfile) => PairScore,
): [string, string] | null {
  for (const x of ga) {
    for (const y of gb) {
      if (scoreOf(x, y).comparisons[2]?.level === 'DIFFERENT') return [x.lead.id, y.lead.id];
    }
  }
  const nameless = (g: IdentityProfile[]) => g.every((p) => p.nameWords.length === 0);
  const mailboxes = (g: IdentityProfile[]) => g.flatMap((p) => (p.mailbox ? [p.mailbox] : []));
  if (nameless(ga) || nameless(gb)) {
    const [ma, mb] = [mailboxes(ga), mailboxes(gb)];
    const x = ga.find((p) => p.mailbox);
    const y = gb.find((p) => p.mailbox);
    if (x && y && !ma.some((m) => mb.includes(m))) return [x.lead.id, y.lead.id];
  }
  return null;
}

function summarizeApart(pair: Omit<PersonKeptApartModel, 'summary'>): string {
  const compared = summarize(pair.comparisons);
  switch (pair.reason) {
    case 'BELOW_THRESHOLD':
      return `${compared}: ${signed(pair.score)} is below ${signed(pair.threshold)}`;
    case 'CONTRADICTED_BY_GROUP': {
      const [x, y] = pair.contradiction ?? pair.leads.map((lead) => lead.id);
      return `${compared}: ${signed(pair.score)}, but ${x} and ${y} would be one person and contradict each other`;
    }
    case 'PHONE_HELD_BY_SEVERAL':
      return `no name and no email, on a phone several people hold`;
  }
}

/** Groups leads into people by the matching rule above; every lead is in exactly one group. */
export function groupLeads(leads: readonly LeadModel[], settings: MatchSettings = {}): LeadModel[][] {
  return matchPeople(leads, settings).map((group) => group.leads);
}

/** Groups leads into people and works out what is best known about each. */
export function groupPeople(
  leads: readonly LeadModel[],
  missingVendors: VendorOutcome[] = [],
  settings: MatchSettings = {},
): PersonModel[] {
  return matchPeople(leads, settings).map((group) => describePerson(group, missingVendors));
}

/** One person from a group of leads (in lead order) and how it was grouped. */
export function describePerson(group: LeadGroup, missingVendors: VendorOutcome[] = []): PersonModel {
  const { leads } = group;
  const emails = rankValues(leads, (lead) => normalizeEmail(lead.email));
  const phones = rankValues(leads, (lead) => lead.phone);
  const names = rankValues(leads, leadName, nameKey, (name) => nameWords(name).length);
  return {
    leads,
    vendors: VENDOR_PRECEDENCE.filter((vendor) => leads.some((lead) => lead.vendor === vendor)),
    fullName: names[0] ?? null,
    email: emails[0] ?? null,
    phone: phones[0] ?? null,
    emails: emails.map((e) => e.value),
    phones: phones.map((p) => p.value),
    missingVendors,
    links: group.links,
    keptApart: group.keptApart,
  };
}

/**
 * The distinct values of the leads (by `key`), best first: held by more leads, then larger
 * `completeness`, then held by an earlier lead. Each comes as its earliest lead wrote it.
 */
function rankValues(
  leads: LeadModel[],
  valueOf: (lead: LeadModel) => string | null,
  key: (value: string) => string = (value) => value,
  completeness: (value: string) => number = () => 0,
): SourcedValueModel[] {
  const ranked = new Map<string, { value: SourcedValueModel; count: number; first: number }>();
  leads.forEach((lead, index) => {
    const value = valueOf(lead);
    if (!value) return;
    const k = key(value);
    const seen = ranked.get(k);
    if (seen) seen.count += 1;
    else ranked.set(k, { value: { value, vendor: lead.vendor, leadId: lead.id }, count: 1, first: index });
  });
  return [...ranked.values()]
    .sort((a, b) => b.count - a.count || completeness(b.value.value) - completeness(a.value.value) || a.first - b.first)
    .map((r) => r.value);
}
