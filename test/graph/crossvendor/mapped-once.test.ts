// Issue 26: `_entities` and `leads(ids:)` name the same lead many times; each vendor is asked once
// per distinct lead (its loader), and the lead it answered is mapped to our model once per request:
// every mention gets the same model.
import { describe, expect, it } from 'vitest';
import { useTestGraph } from '../../support/graph.js';
import { leanCoreId } from '../../support/lead-ids.js';

const IDS = [
  leanCoreId('fd3705e1-3149-4c41-bfe7-cf0bee79cfad', '573136434030'),
  'beschannels:5880',
  'crmcom:7E4D45DD4000EB8B71CC5656A6C93C03',
];

const t = useTestGraph();

describe('a lead named many times in one request', () => {
  it('is one model per distinct lead, whatever the vendor', async () => {
    const { dataSources } = await t.graph.createContext();
    const selection = new Set(['id', 'fullName', 'email']);
    const leads = await Promise.all(dataSources.loadLeads([...IDS, ...IDS, ...IDS], selection));
    expect(leads.map((lead) => lead.id)).toEqual([...IDS, ...IDS, ...IDS]);
    IDS.forEach((_, i) => {
      expect(leads[i + IDS.length]).toBe(leads[i]);
      expect(leads[i + 2 * IDS.length]).toBe(leads[i]);
    });
  });

  it('is one load per selection and id, forgotten once a write may follow', async () => {
    const { dataSources } = await t.graph.createContext();
    const selection = new Set(['id', 'fullName']);
    const first = dataSources.loadLead(IDS[1] as string, selection);
    expect(dataSources.loadLead(IDS[1] as string, selection)).toBe(first);
    expect(dataSources.loadLeads([IDS[1] as string], selection)[0]).toBe(first);
    expect(dataSources.loadLead(IDS[1] as string, new Set(['id']))).not.toBe(first);
    dataSources.leadEditor('BESCHANNELS');
    expect(dataSources.loadLead(IDS[1] as string, selection)).not.toBe(first);
    await first;
  });

  it('is mapped anew in the next request', async () => {
    const load = async () => (await t.graph.createContext()).dataSources.loadLead(IDS[0] as string);
    const [first, second] = [await load(), await load()];
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
  });
});
