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
});
