import { describe, expect, it } from 'vitest';
import { useTestGraph } from '../../support/graph.js';

const t = useTestGraph();

describe('query limits', () => {
  it('refuses an operation nested deeper than the limit, before any vendor call', async () => {
    const nested = (depth: number): string =>
      depth === 0 ? 'id' : `id financialEntity { assignedLeads { ${nested(depth - 1)} } }`;
    const result = await t.execute(`{ searchLeads(phone: "3136434030") { leads { ${nested(5)} } } }`);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.message).toMatch(/depth/i);
    expect(t.sims.leancore.requests).toHaveLength(0);
  });

  it('refuses an operation with too many aliases', async () => {
    const fields = Array.from({ length: 31 }, (_, i) => `v${i}: vendors { vendor }`).join(' ');
    const result = await t.execute(`{ ${fields} }`);
    expect(result.errors?.[0]?.message).toMatch(/aliases/i);
  });

  it('lets an ordinary operation through', async () => {
    const result = await t.execute(`{ searchLeads(phone: "3136434030") { leads { id financialEntity { id } } } }`);
    expect(result.errors).toBeUndefined();
  });

  it('exempts every introspection field from the depth limit, `__type` as well as `__schema`', async () => {
    const ofType = (depth: number): string => (depth === 0 ? 'name' : `name ofType { ${ofType(depth - 1)} }`);
    const byType = await t.execute(`{ __type(name: "Lead") { fields { type { ${ofType(7)} } } } }`);
    expect(byType.errors).toBeUndefined();
    expect((byType.data?.['__type'] as { fields: unknown[] }).fields.length).toBeGreaterThan(5);
    const inFragment = await t.execute(
      `query { ...T } fragment T on Query { __type(name: "Lead") { fields { type { ${ofType(7)} } } } }`,
    );
    expect(inFragment.errors).toBeUndefined();
    const bySchema = await t.execute(`{ __schema { types { fields { type { ${ofType(7)} } } } } }`);
    expect(bySchema.errors).toBeUndefined();
    // The rest of a document that asks `__type` is still bounded.
    const nested = (depth: number): string =>
      depth === 0 ? 'id' : `id financialEntity { assignedLeads { ${nested(depth - 1)} } }`;
    const mixed = await t.execute(
      `{ __type(name: "Lead") { name } searchLeads(phone: "3136434030") { leads { ${nested(5)} } } }`,
    );
    expect(mixed.errors?.[0]?.message).toMatch(/depth/i);
    expect(t.sims.leancore.requests).toHaveLength(0);
  });
});
