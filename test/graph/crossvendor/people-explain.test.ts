// Person.links and Person.keptApart (why leads are one person, or two) over HTTP, against the
// simulators: Valentina Ríos across three CRMs, and a company switchboard LeanCore holds for
// two of its staff, one of them twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeanCoreSeedLead } from '../../../src/simulators/leancore-seed.js';
import { leanCoreId } from '../../support/lead-ids.js';
import type { TestGraph } from '../../support/graph.js';
import { useHttpTestGraph, type HttpTestServer } from '../../support/http.js';

const EXPLAINED = `query ($phone: String) { people(phone: $phone) {
  leads { id }
  links { leads { id } comparisons { field level weight similarity detail } score threshold basis }
  keptApart { leads { id } comparisons { field level weight } score threshold reason contradiction summary }
} }`;

interface Comparison {
  field: string;
  level: string;
  weight: number;
  similarity?: number | null;
  detail?: string | null;
}
interface ExplainedPerson {
  leads: { id: string }[];
  links: { leads: { id: string }[]; comparisons: Comparison[]; score: number; threshold: number; basis: string }[];
  keptApart: {
    leads: { id: string }[];
    comparisons: Comparison[];
    score: number;
    threshold: number;
    reason: string;
    contradiction: string[] | null;
    summary: string;
  }[];
}

const SWITCHBOARD = '576017423000'; // a Bogotá landline, as LeanCore stores it
const COMPANY = 'Constructora Andina S.A.S.';
// LeanCore holds Ana on the switchboard; BesChannels holds Luis on it, and Ana again by her
// mobile and the same address (found by the follow-up search on her email).
const ANA_ID = leanCoreId('a0000000-0000-4000-8000-00000000000a', SWITCHBOARD);
const LUIS_ID = 'beschannels:9901';
const ANA_AGAIN_ID = 'beschannels:9902';

/** Adds the switchboard's leads to the simulators for the tests of the block. */
function withSwitchboard(t: TestGraph): void {
  beforeAll(() => {
    const ana: LeanCoreSeedLead = {
      ...t.sims.leancore.leads[2]!,
      id: 'a0000000-0000-4000-8000-00000000000a',
      name: 'Ana',
      lastname: 'Pérez',
      email: 'ana@constructora.co',
      phone: SWITCHBOARD,
      business_name: COMPANY,
    };
    const bes = t.sims.beschannels.leads[0]!;
    t.sims.leancore.leads.push(ana);
    t.sims.beschannels.leads.push(
      {
        ...bes,
        leads_id: 9901,
        FullName: 'Luis Gómez',
        MobilePhone: '+57 601 742 3000',
        Email: 'luis@constructora.co',
        Company: COMPANY,
      },
      {
        ...bes,
        leads_id: 9902,
        FullName: 'ANA PEREZ',
        MobilePhone: '315 777 8899',
        Email: 'ana@constructora.co',
        Company: COMPANY,
      },
    );
  });
  afterAll(() => {
    t.sims.leancore.leads.splice(-1);
    t.sims.beschannels.leads.splice(-2);
  });
}

async function people(http: HttpTestServer, phone: string): Promise<ExplainedPerson[]> {
  const response = await http.post({ query: EXPLAINED, variables: { phone } });
  expect(response.status).toBe(200);
  expect(response.json.errors).toBeUndefined();
  return (response.json.data as { people: ExplainedPerson[] }).people;
}

describe('with the default threshold', () => {
  const { t, http } = useHttpTestGraph({ timeoutMs: 2_000, crmcomContactSearch: true });
  withSwitchboard(t);

  it('explains each link of Valentina’s three leads: comparisons, score, threshold', async () => {
    const [valentina, ...others] = await people(http, '313 643 4030');
    expect(others).toEqual([]);
    expect(valentina?.leads).toHaveLength(3);
    expect(valentina?.links).toHaveLength(2);
    for (const link of valentina?.links ?? []) {
      expect(link.comparisons.map((c) => c.field)).toEqual(['PHONE', 'EMAIL', 'NAME', 'COMPANY']);
      expect(link.score).toBe(link.comparisons.reduce((sum, c) => sum + c.weight, 0));
      expect(link.threshold).toBe(7);
      expect(link.score).toBeGreaterThanOrEqual(link.threshold);
      expect(link.basis).toBe('SCORE');
      expect(link.comparisons[0]).toEqual({
        field: 'PHONE',
        level: 'SAME',
        weight: 7,
        similarity: null,
        detail: '+573136434030',
      });
    }
    // Every lead is in a link: two links span three leads.
    const linked = new Set(valentina?.links.flatMap((l) => l.leads.map((lead) => lead.id)));
    expect([...linked].sort()).toEqual(valentina?.leads.map((l) => l.id).sort());
    expect(valentina?.keptApart).toEqual([]);
  });

  it('keeps two people on one switchboard apart, and says why on both sides', async () => {
    const found = await people(http, '601 742 3000');
    expect(found.map((p) => p.leads.map((l) => l.id))).toEqual([[ANA_ID, ANA_AGAIN_ID], [LUIS_ID]]);
    const [ana, luis] = found as [ExplainedPerson, ExplainedPerson];

    // Ana's two leads: different phones −1, same email +9, names agree +5, same company +1.
    expect(ana.links).toHaveLength(1);
    expect(ana.links[0]?.leads.map((l) => l.id)).toEqual([ANA_ID, ANA_AGAIN_ID]);
    expect(ana.links[0]?.comparisons.map((c) => [c.field, c.level, c.weight, c.detail])).toEqual([
      ['PHONE', 'DIFFERENT', -1, null],
      ['EMAIL', 'SAME', 9, 'ana@constructora.co'],
      ['NAME', 'SAME', 5, null],
      ['COMPANY', 'SAME', 1, null],
    ]);
    expect(ana.links[0]).toMatchObject({ score: 14, threshold: 7, basis: 'SCORE' });

    // Luis and Ana on the switchboard: the shared line is outweighed by names that differ.
    const expected = {
      comparisons: [
        { field: 'PHONE', level: 'SAME', weight: 7 },
        { field: 'EMAIL', level: 'DIFFERENT', weight: -1 },
        { field: 'NAME', level: 'DIFFERENT', weight: -12 },
        { field: 'COMPANY', level: 'SAME', weight: 1 },
      ],
      score: -5,
      threshold: 7,
      reason: 'BELOW_THRESHOLD',
      contradiction: null,
      summary: 'same phone +576017423000 +7, different emails −1, names differ −12, same company +1: −5 is below 7',
    };
    expect(luis.links).toEqual([]);
    expect(luis.keptApart).toEqual([{ leads: [{ id: LUIS_ID }, { id: ANA_ID }], ...expected }]);
    // Ana's side lists the same pair, her lead first.
    expect(ana.keptApart).toEqual([{ leads: [{ id: ANA_ID }, { id: LUIS_ID }], ...expected }]);
  });
});

describe('with PERSON_MATCH_THRESHOLD above a link’s score', () => {
  const { t, http } = useHttpTestGraph({
    timeoutMs: 2_000,
    configure: (config) => ({ ...config, personMatchThreshold: 14.5 }),
  });
  withSwitchboard(t);

  it('keeps Ana’s two leads apart too, below the threshold in force', async () => {
    const found = await people(http, '601 742 3000');
    expect(found.map((p) => p.leads.map((l) => l.id))).toEqual([[ANA_ID], [LUIS_ID]]);
    // Ana's lead found by her email is in no person of the answer (it holds neither key asked),
    // but the pair is explained on her switchboard lead.
    const again = found[0]?.keptApart.find((k) => k.leads[1]?.id === ANA_AGAIN_ID);
    expect(again).toMatchObject({ score: 14, threshold: 14.5, reason: 'BELOW_THRESHOLD' });
    expect(again?.summary).toBe(
      'different phones −1, same email ana@constructora.co +9, names agree 1 +5, same company +1: 14 is below 14.5',
    );
  });
});
