// BesChannels answers its documents do not show (issue 10): the paths they touch, run in every
// dialect the simulator speaks.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BesChannelsDialect } from '../../../../src/simulators/beschannels.js';
import { errorCodes, startTestGraph, type TestGraph } from '../../../support/graph.js';
import { SEARCH, type SearchData } from '../../../support/search.js';

let t: TestGraph;
beforeAll(async () => {
  t = await startTestGraph();
});
afterAll(() => t.stop());
beforeEach(() => {
  t.sims.beschannels.setDialect();
  t.sims.beschannels.clearFaults();
  t.sims.beschannels.resetRequests();
});
const sim = () => t.sims.beschannels;

/** Each dialect, the code its simulator sends, and the phone of a lead created and deleted in it. */
const NOT_FOUND_DIALECTS: [BesChannelsDialect['notFound'], number, string][] = [
  ['known-code', 40004, '+86 137 0000 0001'],
  ['unknown-code-zh', 50004, '+86 137 0000 0002'],
  ['unknown-code-en', 1004, '+86 137 0000 0003'],
];

describe.each(NOT_FOUND_DIALECTS)('"no such lead" answered as %s', (notFound, vendorCode, phone) => {
  beforeEach(() => sim().setDialect({ notFound }));

  it('lead(id:) of a lead BesChannels does not have is NOT_FOUND, with the code it sent', async () => {
    const result = await t.execute(`{ lead(id: "beschannels:999") { id } }`);
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect(result.errors?.[0]?.extensions).toMatchObject({ vendor: 'BESCHANNELS', vendorCode });
  });

  it('deleteLead, then lead(id:) of that lead is NOT_FOUND', async () => {
    const created = await t.execute<{ createLead: { id: string } }>(
      `mutation($phone: String!) { createLead(input: { vendor: BESCHANNELS, fullName: "Borrar Pronto", phone: $phone }) { id } }`,
      { phone },
    );
    expect(errorCodes(created)).toEqual([]);
    const id = created.data!.createLead.id;
    const deleted = await t.execute(`mutation($id: ID!) { deleteLead(id: $id) }`, { id });
    expect(errorCodes(deleted)).toEqual([]);
    const read = await t.execute(`query($id: ID!) { lead(id: $id) { id } }`, { id });
    expect(errorCodes(read)).toEqual(['NOT_FOUND']);
    expect(read.errors?.[0]?.extensions).toMatchObject({ vendor: 'BESCHANNELS', vendorCode });
  });

  it('a search BesChannels has no match for is its NOT_FOUND outcome, not ERROR', async () => {
    for (const variables of [{ phone: '3009998877' }, { email: 'nadie@example.co' }]) {
      const result = await t.execute<SearchData>(SEARCH, { ...variables, vendors: ['BESCHANNELS'] });
      expect(errorCodes(result)).toEqual([]);
      expect(result.data?.searchLeads).toEqual({
        leads: [],
        outcomes: [{ vendor: 'BESCHANNELS', status: 'NOT_FOUND', leadCount: 0, code: null, message: null }],
      });
    }
    expect(sim().requestsTo('/leads-details')).toHaveLength(2);
  });

  it('people(phone:) answers with the vendors that have the person and does not count BesChannels as missing', async () => {
    const result = await t.execute<{
      people: { vendors: string[]; missingVendors: { vendor: string }[] }[];
    }>(`{ people(phone: "300 123 4567") { vendors missingVendors { vendor } } }`);
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.people).toHaveLength(1);
    expect(result.data?.people[0]?.vendors).toContain('LEANCORE');
    expect(result.data?.people[0]?.vendors).not.toContain('BESCHANNELS');
    expect(result.data?.people[0]?.missingVendors).toEqual([]);
    expect(sim().requestsTo('/leads-details').length).toBeGreaterThan(0);
  });
});

interface Connection {
  leadsConnection: {
    edges: {
      node: { id: string; fullName: string; phone: string; owner: { id: string | null; name: string | null } };
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    totalCount: number | null;
  };
}
const ALL_LEADS = [5878, 5879, 5880, 5881, 5882, 5883].map((n) => `beschannels:${n}`);

const LIST_DIALECTS: Pick<BesChannelsDialect, 'listItems' | 'flatOwner' | 'listTotal'>[] = (
  [
    ['field-list', 'id'],
    ['flat', 'id'],
    ['flat', 'label'],
  ] as const
).flatMap(([listItems, flatOwner]) =>
  (['number', 'string', 'missing'] as const).map((listTotal) => ({ listItems, flatOwner, listTotal })),
);

describe.each(LIST_DIALECTS)(
  'leadsConnection with $listItems items ($flatOwner owners), total $listTotal',
  (dialect) => {
    beforeEach(() => sim().setDialect(dialect));
    // Without a total, only a short (or empty) page says it was the last.
    const expectedTotal = dialect.listTotal === 'missing' ? null : 6;

    it.each([2, 4, 6])('pages through every lead exactly once, %i at a time', async (first) => {
      const ids: string[] = [];
      let after: string | null = null;
      let last: Connection['leadsConnection'] | undefined;
      for (let pages = 0; pages < 10 && (last === undefined || last.pageInfo.hasNextPage); pages++) {
        const variables: Record<string, unknown> = { first, after };
        const result = await t.execute<Connection>(
          `query($first: Int, $after: String) { leadsConnection(vendor: BESCHANNELS, first: $first, after: $after) {
            edges { node { id fullName phone owner { id name } } } pageInfo { hasNextPage endCursor } totalCount } }`,
          variables,
        );
        expect(errorCodes(result)).toEqual([]);
        last = result.data!.leadsConnection;
        expect(last.totalCount).toBe(expectedTotal);
        ids.push(...last.edges.map((e) => e.node.id));
        after = last.pageInfo.endCursor ?? after;
      }
      expect(last?.pageInfo.hasNextPage).toBe(false);
      expect(ids).toEqual(ALL_LEADS);
    });

    it('maps what every item shape carries', async () => {
      const result = await t.execute<Connection>(
        `{ leadsConnection(vendor: BESCHANNELS, first: 3) { edges { node { id fullName phone owner { id name } } } } }`,
      );
      expect(errorCodes(result)).toEqual([]);
      const valentina = result.data!.leadsConnection.edges[2]!.node;
      const owner = dialect.flatOwner === 'label' && dialect.listItems === 'flat' ? { id: null } : { id: '1031' };
      expect(valentina).toMatchObject({
        id: 'beschannels:5880',
        fullName: 'Valentina Ríos',
        phone: '+573136434030',
        owner: {
          ...owner,
          name: dialect.listItems === 'flat' && dialect.flatOwner === 'id' ? null : 'Carolina Méndez',
        },
      });
    });
  },
);

describe.each(['remark', 'id-object', 'id', 'null'] as const)('addLeadRemark answered with %s', (addRemark) => {
  beforeEach(() => sim().setDialect({ addRemark }));
  const add = (content: string) =>
    t.execute<{ addLeadRemark: { id: string; content: string; author: { id: string } | null } }>(
      `mutation($content: String!) { addLeadRemark(leadId: "beschannels:5883", content: $content) { id content author { id } } }`,
      { content },
    );

  it('stores exactly one remark and returns it', async () => {
    const content = `Llamar el lunes (${addRemark})`;
    const before = sim().remarks.length;
    const result = await add(content);
    expect(errorCodes(result)).toEqual([]);
    const stored = sim().remarks.filter((r) => r.content === content);
    expect(stored).toHaveLength(1);
    expect(sim().remarks).toHaveLength(before + 1);
    expect(sim().requestsTo('/add-remarks')).toHaveLength(1);
    expect(result.data?.addLeadRemark).toEqual({ id: String(stored[0]!.id), content, author: { id: '1025' } });
  });

  it('returns the remark just added when the same text was added before', async () => {
    const content = `Repetido (${addRemark})`;
    const first = await add(content);
    const second = await add(content);
    expect(errorCodes(second)).toEqual([]);
    const stored = sim().remarks.filter((r) => r.content === content);
    expect(stored).toHaveLength(2);
    expect(first.data?.addLeadRemark.id).toBe(String(stored[0]!.id));
    expect(second.data?.addLeadRemark.id).toBe(String(stored[1]!.id));
  });
});

describe('addLeadRemark when a success answer carries no remark and the list does not show it', () => {
  it('says the remark was stored, so the client does not send it again', async () => {
    sim().inject({ path: '/add-remarks', response: { status: 200, json: { code: 0, msg: 'ok', data: null } } });
    const result = await t.execute(
      `mutation { addLeadRemark(leadId: "beschannels:5883", content: "Fantasma") { id } }`,
    );
    expect(errorCodes(result)).toEqual(['UPSTREAM_ERROR']);
    expect(result.errors?.[0]?.message).toMatch(/stored the remark on beschannels:5883 \(do not send it again\)/);
    expect(sim().requestsTo('/add-remarks')).toHaveLength(1);
  });
});
