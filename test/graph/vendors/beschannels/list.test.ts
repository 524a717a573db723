// BesChannels through the unified queries: leadsConnection paging, leads(ids:) mixed with
// LeanCore, and _entities.
import { describe, expect, it } from 'vitest';
import { errorCodes, startTestGraph, useTestGraph } from '../../../support/graph.js';
import { leanCoreId } from '../../../support/lead-ids.js';

const t = useTestGraph();

interface Connection {
  leadsConnection: {
    edges: { cursor: string; node: { id: string; fullName: string } }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    totalCount: number | null;
  };
}
const page = (first: number, after?: string | null) =>
  t.execute<Connection>(
    `query($first: Int, $after: String) { leadsConnection(vendor: BESCHANNELS, first: $first, after: $after) {
        edges { cursor node { id fullName } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } }`,
    { first, after },
  );

describe('leadsConnection(vendor: BESCHANNELS)', () => {
  it('pages through every lead with opaque cursors and the total BesChannels gives', async () => {
    const ids: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 3; i++) {
      const result = await page(2, after);
      expect(errorCodes(result)).toEqual([]);
      const connection = result.data!.leadsConnection;
      expect(connection.totalCount).toBe(6);
      expect(connection.pageInfo.hasNextPage).toBe(i < 2);
      // Relay's PageInfo: a previous page exists after the first; the cursors are the edges' own.
      expect(connection.pageInfo.hasPreviousPage).toBe(i > 0);
      expect(connection.pageInfo.startCursor).toBe(connection.edges[0]?.cursor);
      expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor);
      ids.push(...connection.edges.map((e) => e.node.id));
      after = connection.pageInfo.endCursor;
    }
    expect(ids).toEqual([5878, 5879, 5880, 5881, 5882, 5883].map((n) => `beschannels:${n}`));
    expect(t.sims.beschannels.requestsTo('/leads-list').map((r) => r.body)).toEqual([
      { page: 1, page_size: 2 },
      { page: 2, page_size: 2 },
      { page: 3, page_size: 2 },
    ]);
    // Lists carry every field: reading the leads costs no details call.
    expect(t.sims.beschannels.requestsTo('/leads-details')).toEqual([]);
  });

  it('serves a window that straddles two vendor pages when `first` changes between pages', async () => {
    const first = await page(2);
    const next = await page(3, first.data!.leadsConnection.pageInfo.endCursor);
    expect(errorCodes(next)).toEqual([]);
    expect(next.data!.leadsConnection.edges.map((e) => e.node.id)).toEqual([
      'beschannels:5880',
      'beschannels:5881',
      'beschannels:5882',
    ]);
    expect(next.data!.leadsConnection.pageInfo.hasNextPage).toBe(true);
  });

  it('past the last lead: no edges, both cursors null, a previous page', async () => {
    const result = await page(2, Buffer.from('BESCHANNELS:6').toString('base64url'));
    expect(errorCodes(result)).toEqual([]);
    expect(result.data!.leadsConnection.edges).toEqual([]);
    expect(result.data!.leadsConnection.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: null,
      endCursor: null,
    });
  });

  it('refuses a cursor of another vendor and a bad page size before calling BesChannels', async () => {
    const leancoreCursor = Buffer.from('LEANCORE:2').toString('base64url');
    const badCursor = await page(2, leancoreCursor);
    expect(errorCodes(badCursor)).toEqual(['BAD_USER_INPUT']);
    expect(badCursor.errors?.[0]?.extensions?.['field']).toBe('after');
    const tooMany = await page(101);
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(t.sims.beschannels.requests).toEqual([]);
  });
});

const VALENTINA_LEANCORE = leanCoreId('fd3705e1-3149-4c41-bfe7-cf0bee79cfad', '573136434030');
const ANDRES_LEANCORE = leanCoreId('2b7c9e41-0d3a-4f65-8c21-9e7d5a3b1c40', '573001234567');

describe('leads(ids:) across vendors', () => {
  it('answers a mix of LeanCore and BesChannels ids in order, calling each vendor once per distinct lead', async () => {
    const ids = [
      VALENTINA_LEANCORE,
      'beschannels:5880',
      'beschannels:5878',
      ANDRES_LEANCORE,
      'beschannels:5880',
      VALENTINA_LEANCORE,
    ];
    const result = await t.execute<{ leads: { id: string; vendor: string; phone: string }[] }>(
      `query($ids: [ID!]!) { leads(ids: $ids) { id vendor phone } }`,
      { ids },
    );
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.leads.map((l) => l.id)).toEqual(ids);
    expect(result.data?.leads[1]).toEqual({ id: 'beschannels:5880', vendor: 'BESCHANNELS', phone: '+573136434030' });
    expect(t.sims.leancore.requestsTo('/lead')).toHaveLength(2);
    const asked = t.sims.beschannels.requestsTo('/leads-details').map((r) => (r.body as { leads_id: number }).leads_id);
    expect(asked.sort()).toEqual([5878, 5880]);
  });

  it('gives null with a NOT_FOUND error at its path for a lead BesChannels does not have', async () => {
    const result = await t.execute<{ leads: ({ id: string } | null)[] }>(
      `{ leads(ids: ["beschannels:5879", "beschannels:404"]) { id } }`,
    );
    expect(result.data?.leads).toEqual([{ id: 'beschannels:5879' }, null]);
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect(result.errors?.[0]?.path).toEqual(['leads', 1]);
  });

  it('refuses the whole field when any id is malformed, before calling any vendor', async () => {
    const result = await t.execute(
      `{ leads(ids: ["beschannels:5878", "${VALENTINA_LEANCORE}", "beschannels:5x"]) { id } }`,
    );
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.extensions?.['field']).toBe('ids[2]');
    expect(t.sims.beschannels.requests).toEqual([]);
    expect(t.sims.leancore.requests).toEqual([]);
  });
});

describe('bounded parallelism', () => {
  it('keeps at most VENDOR_MAX_CONCURRENCY BesChannels calls in flight for leads(ids:)', async () => {
    const limited = await startTestGraph({
      configure: (config) => ({
        ...config,
        vendors: { ...config.vendors, beschannels: { ...config.vendors.beschannels!, maxConcurrency: 2 } },
      }),
    });
    try {
      limited.sims.beschannels.inject({ delayMs: 20 }); // every answer a little slow, so calls overlap
      const ids = [5878, 5879, 5880, 5881, 5882, 5883].map((n) => `beschannels:${n}`);
      const result = await limited.execute(`query($ids: [ID!]!) { leads(ids: $ids) { id } }`, { ids });
      expect(errorCodes(result)).toEqual([]);
      expect(limited.sims.beschannels.requestsTo('/leads-details')).toHaveLength(6);
      expect(limited.sims.beschannels.peakInFlight).toBe(2);
    } finally {
      await limited.stop();
    }
  });
});

describe('_entities', () => {
  it('resolves BesChannels lead references through the batched loader', async () => {
    const result = await t.execute<{ _entities: { id: string; fullName: string; owner: { name: string } }[] }>(
      `query($representations: [_Any!]!) { _entities(representations: $representations) {
          ... on Lead { id fullName owner { name } } } }`,
      {
        representations: [
          { __typename: 'Lead', id: 'beschannels:5883' },
          { __typename: 'Lead', id: 'beschannels:5879' },
          { __typename: 'Lead', id: 'beschannels:5883' },
        ],
      },
    );
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?._entities).toEqual([
      { id: 'beschannels:5883', fullName: '张伟', owner: { name: '李娜' } },
      { id: 'beschannels:5879', fullName: '陈志强', owner: { name: '李娜' } },
      { id: 'beschannels:5883', fullName: '张伟', owner: { name: '李娜' } },
    ]);
    expect(t.sims.beschannels.requestsTo('/leads-details')).toHaveLength(2);
  });
});

describe('vendors', () => {
  it('reports what BesChannels can do', async () => {
    const result = await t.execute<{ vendors: { vendor: string; enabled: boolean; capabilities: unknown }[] }>(
      `{ vendors { vendor enabled capabilities { lookupById lookupByPhone lookupByEmail list writes } } }`,
    );
    expect(result.data?.vendors.find((v) => v.vendor === 'BESCHANNELS')).toEqual({
      vendor: 'BESCHANNELS',
      enabled: true,
      capabilities: { lookupById: true, lookupByPhone: true, lookupByEmail: true, list: true, writes: true },
    });
  });
});
