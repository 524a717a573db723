// One id per lead: whatever alias a lead is asked by (`lead`, `leads`, `_entities`), the id we
// answer is its canonical one; an alias in an `_entities` representation is accepted, and counted
// (decision 0110).
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { errorCodes, useTestGraph } from '../../support/graph.js';
import { leanCoreId } from '../../support/lead-ids.js';

const ELENI = 'crmcom:68B216C3A0E14173B48ED3FF4EB11182';
const ELENI_BY_NUMBER = 'crmcom:number=116';
/** An id issued before LeanCore's ids were sealed (decision 0111): it still resolves. */
const VALENTINA_OLD_FORM = 'leancore:fd3705e1-3149-4c41-bfe7-cf0bee79cfad:573136434030';
const VALENTINA = leanCoreId('fd3705e1-3149-4c41-bfe7-cf0bee79cfad', '573136434030');

const logLines: Record<string, unknown>[] = [];
const t = useTestGraph({
  logger: pino(
    { level: 'info' },
    { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) },
  ),
});

async function aliasReferences(vendor: string): Promise<number> {
  const { body } = await t.graph.metrics.text();
  const line = body
    .split('\n')
    .find((l) => l.startsWith(`leadgraph_entity_references_by_alias_total{vendor="${vendor}"}`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('one id per lead', () => {
  it('answers the canonical id to lead(id:) and leads(ids:) asked by an alias', async () => {
    const result = await t.execute(`query ($id: ID!) { lead(id: $id) { id } leads(ids: [$id, $id]) { id } }`, {
      id: ELENI_BY_NUMBER,
    });
    expect(errorCodes(result)).toEqual([]);
    expect(result.data).toEqual({ lead: { id: ELENI }, leads: [{ id: ELENI }, { id: ELENI }] });
  });

  it('answers the sealed id to an old-form LeanCore id, which shows no phone digits', async () => {
    const result = await t.execute(`query ($id: ID!) { lead(id: $id) { id phone } leads(ids: [$id]) { id } }`, {
      id: VALENTINA_OLD_FORM,
    });
    expect(errorCodes(result)).toEqual([]);
    expect(result.data).toEqual({ lead: { id: VALENTINA, phone: '+573136434030' }, leads: [{ id: VALENTINA }] });
    expect(VALENTINA).not.toMatch(/3136434030/);
  });

  it('accepts an alias in an _entities representation, answers the canonical id, and counts it', async () => {
    const before = await aliasReferences('crmcom');
    expect(await aliasReferences('leancore')).toBe(0);
    const result = await t.execute(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Lead { id } } }`, {
      r: [
        { __typename: 'Lead', id: ELENI_BY_NUMBER },
        { __typename: 'Lead', id: ELENI },
        { __typename: 'Lead', id: VALENTINA_OLD_FORM },
        { __typename: 'Lead', id: VALENTINA },
        { __typename: 'Lead', id: ELENI_BY_NUMBER },
      ],
    });
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.['_entities']).toEqual([
      { id: ELENI },
      { id: ELENI },
      { id: VALENTINA },
      { id: VALENTINA },
      { id: ELENI },
    ]);
    // The canonical references are not counted: only the aliases are.
    expect((await aliasReferences('crmcom')) - before).toBe(2);
    expect(await aliasReferences('leancore')).toBe(1);
    // Logged once per vendor and request, with the canonical id only: an old LeanCore id shows a phone.
    const aliasLines = logLines.filter((l) => String(l['msg']).startsWith('_entities referenced a lead by an alias'));
    expect(aliasLines.map((l) => [l['vendor'], l['canonicalId']]).sort()).toEqual([
      ['CRMCOM', ELENI],
      ['LEANCORE', VALENTINA],
    ]);
    expect(JSON.stringify(logLines)).not.toContain('3136434030');
  });
});
