// Gathers the leads `people` and `Lead.person` group (src/leads/people.ts has the matching rule):
// every enabled lead vendor is searched through the searchLeads fan-out, first by the keys
// asked, then once more by the phones and emails those leads brought that were not asked yet
// (at most MAX_FOLLOW_UP_KEYS of them), so a person known by phone in one CRM and by email in
// another is found whole. Searches are shared within one GraphQL request.
import { BadUserInputError, PeopleSearchIncompleteError } from '../errors.js';
import type { DataSources } from '../datasources/index.js';
import type { LeadModel, LeadSearchModel, PersonModel, VendorOutcome, VendorOutcomeStatus } from '../model/models.js';
import { normalizeEmail } from '../model/normalize.js';
import { matchPeople, describePerson } from './people.js';
import { parseSearchKeys, searchByKeys, type SearchArgs } from './search.js';

/** Keys found on leads and searched in the second round, at most. */
export const MAX_FOLLOW_UP_KEYS = 6;

/** Outcomes that mean the vendor's leads may be missing (not "has none" or "cannot look up"). */
const FAILED: ReadonlySet<VendorOutcomeStatus> = new Set(['ERROR', 'TIMEOUT', 'RATE_LIMITED']);

interface Key {
  kind: 'phone' | 'email';
  value: string;
}

interface Gathered {
  leads: LeadModel[];
  failures: VendorOutcome[];
}

/** `Query.people`: the people whose leads carry the phone or email asked. */
export async function findPeople(
  dataSources: DataSources,
  args: Pick<SearchArgs, 'phone' | 'email'>,
): Promise<PersonModel[]> {
  const { phone, email } = parseSearchKeys(args, dataSources.defaultPhoneRegion); // BAD_USER_INPUT before any call
  const keys: Key[] = [];
  if (phone) keys.push({ kind: 'phone', value: phone });
  if (email) keys.push({ kind: 'email', value: email });
  const gathered = await gather(dataSources, keys, []);
  const people = matchPeople(gathered.leads, { threshold: dataSources.personMatchThreshold })
    .filter((group) =>
      group.leads.some((lead) => (phone && lead.phone === phone) || (email && normalizeEmail(lead.email) === email)),
    )
    .map((group) => describePerson(group, gathered.failures));
  const failure = gathered.failures[0];
  // "Nobody" would be a guess: say which vendor could not be asked.
  if (people.length === 0 && failure) throw new PeopleSearchIncompleteError(failure);
  return people;
}

/** `Lead.person`: the person this lead belongs to, with the other vendors' leads of them. */
export async function personOfLead(dataSources: DataSources, lead: LeadModel): Promise<PersonModel> {
  const keys: Key[] = [];
  if (lead.phone) keys.push({ kind: 'phone', value: lead.phone });
  const email = normalizeEmail(lead.email);
  if (email) keys.push({ kind: 'email', value: email });
  const gathered = keys.length > 0 ? await gather(dataSources, keys, [lead]) : { leads: [lead], failures: [] };
  const own = matchPeople(gathered.leads, { threshold: dataSources.personMatchThreshold }).find((group) =>
    group.leads.some((l) => l.id === lead.id),
  ) ?? { leads: [lead], links: [], keptApart: [] };
  return describePerson(own, gathered.failures);
}

async function gather(dataSources: DataSources, keys: Key[], known: LeadModel[]): Promise<Gathered> {
  const asked = new Set(keys.map(keyId));
  const first = await Promise.all(keys.map((key) => search(dataSources, key)));
  const firstLeads = [...known, ...first.flatMap((r) => r.leads)];
  const followUp: Key[] = [];
  for (const lead of firstLeads) {
    const email = normalizeEmail(lead.email);
    for (const key of [
      lead.phone ? { kind: 'phone' as const, value: lead.phone } : null,
      email ? { kind: 'email' as const, value: email } : null,
    ]) {
      if (key && !asked.has(keyId(key)) && followUp.length < MAX_FOLLOW_UP_KEYS) {
        asked.add(keyId(key));
        followUp.push(key);
      }
    }
  }
  const second = await Promise.all(followUp.map((key) => search(dataSources, key)));
  const results = [...first, ...second];
  const failures = new Map<string, VendorOutcome>();
  for (const outcome of results.flatMap((r) => r.outcomes)) {
    if (FAILED.has(outcome.status) && !failures.has(outcome.vendor)) failures.set(outcome.vendor, outcome);
  }
  return {
    leads: [...firstLeads, ...second.flatMap((r) => r.leads)],
    failures: [...failures.values()],
  };
}

/**
 * Each search asks every lead vendor, and `Lead.person` on a long list asks one per lead and
 * key: past this many distinct searches in one request, the rest are refused rather than sent.
 */
export const MAX_SEARCHES_PER_REQUEST = 50;

/** One search per key and request, however many leads ask for it (Lead.person on a list). */
function search(dataSources: DataSources, key: Key): Promise<LeadSearchModel> {
  const searches = dataSources.searchesByKey;
  let result = searches.get(keyId(key));
  if (!result) {
    if (searches.size >= MAX_SEARCHES_PER_REQUEST) {
      return Promise.reject(
        new BadUserInputError(
          `One request may look people up by at most ${MAX_SEARCHES_PER_REQUEST} phones and emails: ask for fewer leads' persons`,
          'person',
        ),
      );
    }
    result = searchByKeys(dataSources, {
      phone: key.kind === 'phone' ? key.value : null,
      email: key.kind === 'email' ? key.value : null,
    });
    searches.set(keyId(key), result);
  }
  return result;
}

function keyId(key: Key): string {
  return `${key.kind}:${key.value}`;
}
