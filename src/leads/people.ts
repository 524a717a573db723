// The same person across CRMs: which leads are one person, and what is best known about them.
// Pure functions over LeadModel (no vendor calls); src/leads/people-search.ts gathers the leads.
//
// MATCHING RULE (deterministic; leads are first ordered by vendor precedence, then by id):
//  1. Email: leads whose emails are equal, ignoring case and surrounding spaces, are one person.
//     Always: an email address is personal enough to be proof on its own.
//  2. Phone: leads whose phones are the same E.164 number are one person UNLESS something
//     contradicts it, because a phone can be a company switchboard or a shared family line:
//       - both sides have names and some name on one side is incompatible with some name on
//         the other (see `namesCompatible`), or
//       - at least one side has no name, both sides have emails, and they share none.
//     So "a shared phone with a different email and a different name" is never enough, and
//     neither is a shared phone with a different name alone; a shared phone with the same
//     (compatible) name links even when the emails differ (one person, two addresses).
//  3. Links are transitive (A=B by email, B=C by phone → A, B, C are one person), but a phone
//     link is checked against the whole groups it would join (every name and email of both),
//     so a lead with no name and no email on a switchboard number cannot chain two different
//     people together. Email links (rule 1) are applied first, then phone links, phone by phone
//     (in E.164 order) and, for one phone, pair by pair in lead order.
//  4. A lead (or group) with neither name nor email links by phone only to the ONE person left
//     on that phone; when the phone is shared by several people kept apart, it stays apart too
//     (it could be any of them). Such leads on one phone with nobody else are one person.
//  A "side" is a group built so far: its names are its leads' names, its emails its leads' emails.
//
// BEST-KNOWN VALUES (fullName, email, phone), each with the vendor and lead it came from:
//  the value held by the most leads of the person (names compared ignoring case, accents and
//  word order, see `nameKey`); ties go to the more complete name (more words, names only), then
//  to the earlier lead in lead order. The value is shown as that lead wrote it (its own fullName;
//  its normalised email and E.164 phone).
//
// LEAD ORDER: vendor precedence (the `Vendor` enum's order: LeanCore, BesChannels, CRM.COM, Zen),
//  then global id. People are ordered by their first lead.
import type { LeadModel, PersonModel, SourcedValueModel, Vendor, VendorOutcome } from '../model/models.js';
import { ALL_VENDORS } from '../model/vendors.js';
import { normalizeEmail } from '../model/normalize.js';

/** Vendor precedence: the order of the `Vendor` enum. */
export const VENDOR_PRECEDENCE: readonly Vendor[] = ALL_VENDORS;

export function compareLeads(a: LeadModel, b: LeadModel): number {
  const byVendor = VENDOR_PRECEDENCE.indexOf(a.vendor) - VENDOR_PRECEDENCE.indexOf(b.vendor);
  if (byVendor !== 0) return byVendor;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A lead's name: its full name, or its first and last names. */
export function leadName(lead: LeadModel): string | null {
  const name = lead.fullName?.trim() || [lead.firstName, lead.lastName].filter(Boolean).join(' ').trim();
  return name || null;
}

/** The words of a name, lower-cased and without accents (`"Ríos  GÓMEZ"` → `["rios", "gomez"]`). */
export function nameWords(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Names compared ignoring case, accents, punctuation and word order. */
export function nameKey(name: string): string {
  return [...nameWords(name)].sort().join(' ');
}

/**
 * Two names can be the same person's when every word of one is a word of the other:
 * "Valentina Ríos" and "VALENTINA RIOS GÓMEZ" can; "Ana Pérez" and "Luis Gómez" cannot,
 * nor can "Ana Pérez" and "Ana Gómez".
 */
export function namesCompatible(a: string, b: string): boolean {
  const wa = new Set(nameWords(a));
  const wb = new Set(nameWords(b));
  if (wa.size === 0 || wb.size === 0) return true;
  const [small, large] = wa.size <= wb.size ? [wa, wb] : [wb, wa];
  return [...small].every((word) => large.has(word));
}

interface Group {
  leads: LeadModel[];
  names: string[];
  emails: Set<string>;
}

/** A group that says nothing about who it is: no name, no email. */
function isBlank(group: Group): boolean {
  return group.names.length === 0 && group.emails.size === 0;
}

/** May a shared phone join these two groups? (rule 2, checked over whole groups: rule 3) */
function phoneLinkAllowed(a: Group, b: Group): boolean {
  if (a.names.length > 0 && b.names.length > 0) {
    return a.names.every((x) => b.names.every((y) => namesCompatible(x, y)));
  }
  if (a.emails.size > 0 && b.emails.size > 0) return [...a.emails].some((email) => b.emails.has(email));
  return true;
}

/** Groups leads into people by the matching rule above; every lead is in exactly one group. */
export function groupLeads(leads: readonly LeadModel[]): LeadModel[][] {
  const unique = [...new Map(leads.map((lead) => [lead.id, lead])).values()].sort(compareLeads);
  const groupOf = new Map<string, Group>();
  for (const lead of unique) {
    const name = leadName(lead);
    const email = normalizeEmail(lead.email);
    groupOf.set(lead.id, {
      leads: [lead],
      names: name && nameWords(name).length > 0 ? [name] : [],
      emails: new Set(email ? [email] : []),
    });
  }
  const merge = (a: LeadModel, b: LeadModel, allowed: (x: Group, y: Group) => boolean): void => {
    const ga = groupOf.get(a.id);
    const gb = groupOf.get(b.id);
    if (!ga || !gb || ga === gb || !allowed(ga, gb)) return;
    ga.leads.push(...gb.leads);
    ga.names.push(...gb.names);
    for (const email of gb.emails) ga.emails.add(email);
    for (const lead of gb.leads) groupOf.set(lead.id, ga);
  };

  // Rule 1: emails, unconditionally.
  const firstWithEmail = new Map<string, LeadModel>();
  for (const lead of unique) {
    const email = normalizeEmail(lead.email);
    if (!email) continue;
    const first = firstWithEmail.get(email);
    if (first) merge(first, lead, () => true);
    else firstWithEmail.set(email, lead);
  }
  // Rule 2 (and 3): phone by phone (in order), the groups holding it, in lead order. Groups
  // that say who they are (a name or an email) link pairwise where allowed; then groups that
  // say nothing link to the one person left on that phone, but not when several are left.
  const withPhone = new Map<string, LeadModel[]>();
  for (const lead of unique) {
    if (lead.phone) withPhone.set(lead.phone, [...(withPhone.get(lead.phone) ?? []), lead]);
  }
  for (const phone of [...withPhone.keys()].sort()) {
    const leadsOf = withPhone.get(phone) ?? [];
    const groupsNow = () => [...new Set(leadsOf.map((lead) => groupOf.get(lead.id) as Group))];
    const speaking = groupsNow().filter((g) => !isBlank(g));
    for (const [i, a] of speaking.entries()) {
      for (const b of speaking.slice(i + 1)) merge(a.leads[0] as LeadModel, b.leads[0] as LeadModel, phoneLinkAllowed);
    }
    const people = groupsNow().filter((g) => !isBlank(g));
    const blanks = groupsNow().filter(isBlank);
    const target = people.length === 1 ? people[0] : people.length === 0 ? blanks[0] : undefined;
    for (const blank of blanks) {
      if (target) merge(target.leads[0] as LeadModel, blank.leads[0] as LeadModel, () => true);
    }
  }

  const groups = [...new Set(groupOf.values())].map((g) => [...g.leads].sort(compareLeads));
  return groups.sort((a, b) => compareLeads(a[0] as LeadModel, b[0] as LeadModel));
}

/** Groups leads into people and works out what is best known about each. */
export function groupPeople(leads: readonly LeadModel[], missingVendors: VendorOutcome[] = []): PersonModel[] {
  return groupLeads(leads).map((group) => describePerson(group, missingVendors));
}

/** One person from leads already known to be theirs (in lead order). */
export function describePerson(leads: LeadModel[], missingVendors: VendorOutcome[] = []): PersonModel {
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
