import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, startTestGraph, type TestGraph } from './support/graph.js';

let t: TestGraph;
beforeAll(async () => {
  t = await startTestGraph();
});
afterAll(() => t.stop());

describe('LeanCore lead by phone', () => {
  it('finds a lead from a national number and normalises it', async () => {
    const result = await t.execute<{ searchLeads: { leads: { id: string; phone: string; email: string }[] } }>(
      `{ searchLeads(phone: "313 643 4030", vendors: [LEANCORE]) { leads { id phone email } } }`,
    );
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.searchLeads.leads).toEqual([
      {
        id: 'leancore:fd3705e1-3149-4c41-bfe7-cf0bee79cfad:573136434030',
        phone: '+573136434030',
        email: 'valentina.rios@example.co',
      },
    ]);
    expect(t.sims.leancore.requestsTo('/lead').map((r) => r.query['phone'])).toContain('573136434030');
  });
});
