// What `npm run bench` sends: one GraphQL operation per scenario, on the simulators' sample leads.

export type ScenarioKey = 'totals-herd' | 'lead' | 'aliases' | 'leads' | 'entities' | 'search';

export interface Scenario {
  key: ScenarioKey;
  name: string;
  /** What the figures of this scenario say, for the report. */
  about: string;
  query: string;
  variables?: Record<string, unknown>;
  /**
   * Cold, all at once: this many requests, one per connection, and no warm-up (the thundering
   * herd Zen's single flight must absorb). Otherwise a timed run on the usual connections.
   */
  herd?: number;
  /** The floor (the bare Apollo Server making the one LeanCore call) does the same vendor work. */
  hasFloor?: true;
}

const LEANCORE = [
  'leancore:fd3705e1-3149-4c41-bfe7-cf0bee79cfad:573136434030',
  'leancore:2b7c9e41-0d3a-4f65-8c21-9e7d5a3b1c40:573001234567',
  'leancore:7f3d2a10-5b6c-4d8e-9f01-a2b3c4d5e6f7:525512345678',
];
const BESCHANNELS = ['beschannels:5878', 'beschannels:5879', 'beschannels:5880', 'beschannels:5883'];
const CRMCOM = [
  'crmcom:7E4D45DD4000EB8B71CC5656A6C93C03',
  'crmcom:68B216C3A0E14173B48ED3FF4EB11182',
  'crmcom:4C1B2A9E8F7D4E6A9B0C1D2E3F405162',
  'crmcom:number=2042',
];
const MIXED = LEANCORE.flatMap((id, i) => [id, BESCHANNELS[i], CRMCOM[i]]).filter((id) => id !== undefined);
const cycle = (ids: readonly string[], length: number) => Array.from({ length }, (_, i) => ids[i % ids.length]);

export const LEAD_BY_ID = LEANCORE[0] as string;
/** The `lead` selection the server and the bare baseline both answer. */
export const LEAD_QUERY = `query Lead($id: ID!) { lead(id: $id) { id vendor fullName phone email status } }`;

/** A past day: Zen answers it, and the server keeps it for a day. */
const ZEN_DATE = '2026-11-20';

/**
 * In this order: the herd last, so that the heap its 1,000 requests at once leave behind is not
 * counted against the scenarios after it (it is cold only for Zen's cache, which no other uses).
 */
export const SCENARIOS: readonly Scenario[] = [
  {
    key: 'lead',
    name: 'lead by id',
    about: 'one LeanCore lead: one vendor call',
    query: LEAD_QUERY,
    variables: { id: LEAD_BY_ID },
    hasFloor: true,
  },
  {
    key: 'aliases',
    name: 'lead ×5 aliases',
    about: 'the same lead under five aliases: one vendor call expected',
    query: `query Aliases($id: ID!) {
      a: lead(id: $id) { id fullName } b: lead(id: $id) { id fullName } c: lead(id: $id) { id phone }
      d: lead(id: $id) { id email } e: lead(id: $id) { id status }
    }`,
    variables: { id: LEAD_BY_ID },
    hasFloor: true,
  },
  {
    key: 'leads',
    name: 'leads(ids:) 30 ids, 3 vendors',
    about: '30 ids over LeanCore, BesChannels and CRM.COM (10 distinct leads)',
    query: `query Leads($ids: [ID!]!) { leads(ids: $ids) { id vendor fullName phone } }`,
    variables: { ids: cycle(MIXED, 30) },
  },
  {
    key: 'entities',
    name: '_entities 100 representations',
    about: 'a router resolving 100 Lead references over 3 vendors (10 distinct leads)',
    query: `query Entities($r: [_Any!]!) { _entities(representations: $r) { ... on Lead { id fullName email } } }`,
    variables: { r: cycle(MIXED, 100).map((id) => ({ __typename: 'Lead', id })) },
  },
  {
    key: 'search',
    name: 'searchLeads on every vendor',
    about: 'one phone searched at LeanCore, BesChannels and CRM.COM',
    query: `query Search($phone: String) {
      searchLeads(phone: $phone) { leads { id vendor fullName } outcomes { vendor status code } }
    }`,
    variables: { phone: '313 643 4030' },
  },
  {
    key: 'totals-herd',
    name: 'distributionTotals ×1000 at once',
    about: '1,000 concurrent requests for one day, cold: one Zen call expected',
    query: `query Totals($date: Date!) { distributionTotals(date: $date) { date stale nextRefreshAt users { name totalLeads } } }`,
    variables: { date: ZEN_DATE },
    herd: 1_000,
  },
];

/** Issue 20's store stall: one lead of each non-Zen vendor, the reads whose calls read the holds. */
export const STORE_STALL_READS: Pick<Scenario, 'name' | 'query' | 'variables'> = {
  name: 'a lead of each of LeanCore, BesChannels, CRM.COM',
  query: `query Reads($lc: ID!, $bes: ID!, $crm: ID!) {
    lc: lead(id: $lc) { id fullName } bes: lead(id: $bes) { id fullName } crm: lead(id: $crm) { id fullName }
  }`,
  variables: { lc: LEANCORE[0], bes: BESCHANNELS[0], crm: CRMCOM[0] },
};
