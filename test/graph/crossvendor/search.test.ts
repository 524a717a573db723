// searchLeads fan-out and Query.vendors at run time, against the simulators over HTTP.
import { describe, expect, it } from 'vitest';
import { errorCodes, useTestGraph } from '../../support/graph.js';
import { SEARCH, type SearchData } from '../../support/search.js';
import { leanCoreId } from '../../support/lead-ids.js';

const VALENTINA_ID = leanCoreId('fd3705e1-3149-4c41-bfe7-cf0bee79cfad', '573136434030');

// A short vendor bound so a hanging vendor costs half a second.
const t = useTestGraph({ timeoutMs: 500 });

const leancoreOutcome = (data: SearchData | null | undefined) =>
  data?.searchLeads.outcomes.find((o) => o.vendor === 'LEANCORE');

describe('searchLeads outcomes with LeanCore', () => {
  it('OK: the lead, and one LeanCore call with the phone as LeanCore writes it', async () => {
    const result = await t.execute<SearchData>(SEARCH, { phone: '+57 313 643 4030', vendors: ['LEANCORE'] });
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.searchLeads.leads).toEqual([{ id: VALENTINA_ID, vendor: 'LEANCORE' }]);
    expect(leancoreOutcome(result.data)).toMatchObject({ status: 'OK', leadCount: 1, code: null });
    expect(t.sims.leancore.requestsTo('/lead').map((r) => r.query['phone'])).toEqual(['573136434030']);
  });

  it('asks only the enabled lead vendors when `vendors` is omitted, one outcome each', async () => {
    const result = await t.execute<SearchData>(SEARCH, { phone: '3136434030' });
    const configured = {
      LEANCORE: t.config.vendors.leancore,
      BESCHANNELS: t.config.vendors.beschannels,
      CRMCOM: t.config.vendors.crmcom,
    };
    const expected = Object.entries(configured)
      .filter(([, config]) => config !== undefined)
      .map(([vendor]) => vendor);
    expect(expected).toContain('LEANCORE');
    expect(result.data?.searchLeads.outcomes.map((o) => o.vendor)).toEqual(expected);
  });

  it('NOT_FOUND when LeanCore has no lead for the phone', async () => {
    const result = await t.execute<SearchData>(SEARCH, { phone: '3009998877', vendors: ['LEANCORE'] });
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.searchLeads).toEqual({
      leads: [],
      outcomes: [{ vendor: 'LEANCORE', status: 'NOT_FOUND', leadCount: 0, code: null, message: null }],
    });
  });

  it('TIMEOUT when LeanCore hangs; the operation still succeeds', async () => {
    t.sims.leancore.inject({ hang: true });
    const result = await t.execute<SearchData>(SEARCH, { phone: '3136434030', vendors: ['LEANCORE'] });
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.searchLeads.leads).toEqual([]);
    expect(leancoreOutcome(result.data)).toMatchObject({ status: 'TIMEOUT', code: 'UPSTREAM_TIMEOUT' });
  });

  it('ERROR when LeanCore answers something that is not JSON', async () => {
    t.sims.leancore.inject({ response: { status: 200, text: '<html>maintenance</html>' } });
    const result = await t.execute<SearchData>(SEARCH, { phone: '3136434030', vendors: ['LEANCORE'] });
    expect(errorCodes(result)).toEqual([]);
    expect(leancoreOutcome(result.data)).toMatchObject({ status: 'ERROR', code: 'UPSTREAM_ERROR' });
  });

  it('ERROR when LeanCore answers a lead it cannot be (no id)', async () => {
    t.sims.leancore.inject({ response: { status: 200, json: { name: 'Sin id' } } });
    const result = await t.execute<SearchData>(SEARCH, { phone: '3136434030', vendors: ['LEANCORE'] });
    expect(leancoreOutcome(result.data)).toMatchObject({ status: 'ERROR', code: 'UPSTREAM_ERROR' });
  });

  it('RATE_LIMITED on a 429 whose Retry-After is longer than the budget, without waiting for it', async () => {
    t.sims.leancore.inject({
      response: { status: 429, json: { message: 'Demasiadas solicitudes' }, headers: { 'retry-after': '3600' } },
    });
    const result = await t.execute<SearchData>(SEARCH, { phone: '3136434030', vendors: ['LEANCORE'] });
    expect(errorCodes(result)).toEqual([]);
    expect(leancoreOutcome(result.data)).toMatchObject({ status: 'RATE_LIMITED', code: 'RATE_LIMITED' });
    expect(leancoreOutcome(result.data)?.message).toContain('3600');
    expect(t.sims.leancore.requestsTo('/lead')).toHaveLength(1);
  });

  it('ERROR with UPSTREAM_UNAUTHORIZED on a 401, and the token never shows', async () => {
    t.sims.leancore.inject({ response: { status: 401, json: { message: 'Token inválido o ausente' } } });
    const result = await t.execute<SearchData>(SEARCH, { phone: '3136434030', vendors: ['LEANCORE'] });
    expect(errorCodes(result)).toEqual([]);
    expect(leancoreOutcome(result.data)).toMatchObject({ status: 'ERROR', code: 'UPSTREAM_UNAUTHORIZED' });
    expect(JSON.stringify(result)).not.toContain(t.sims.leancore.token);
  });

  it('UNSUPPORTED for an email search: LeanCore looks leads up by phone only, and is not called', async () => {
    const result = await t.execute<SearchData>(SEARCH, { email: 'valentina.rios@example.co', vendors: ['LEANCORE'] });
    expect(errorCodes(result)).toEqual([]);
    expect(leancoreOutcome(result.data)).toMatchObject({ status: 'UNSUPPORTED', code: 'UNSUPPORTED' });
    expect(t.sims.leancore.requests).toHaveLength(0);
  });

  it('phone and email together: LeanCore answers for the phone it can look up', async () => {
    const result = await t.execute<SearchData>(SEARCH, {
      phone: '3136434030',
      email: 'valentina.rios@example.co',
      vendors: ['LEANCORE'],
    });
    expect(leancoreOutcome(result.data)).toMatchObject({ status: 'OK', leadCount: 1 });
  });

  it('partial failure: a vendor that is not configured is reported, the other vendors still answer', async () => {
    const result = await t.execute<SearchData>(SEARCH, { phone: '3136434030', vendors: ['LEANCORE', 'ZEN'] });
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.searchLeads.leads.map((l) => l.id)).toEqual([VALENTINA_ID]);
    expect(result.data?.searchLeads.outcomes.map((o) => [o.vendor, o.status])).toEqual([
      ['LEANCORE', 'OK'],
      ['ZEN', t.config.vendors.zen ? 'UNSUPPORTED' : 'NOT_CONFIGURED'],
    ]);
  });

  it('bad input fails before any vendor call', async () => {
    const result = await t.execute<SearchData>(SEARCH, { phone: '12', vendors: ['LEANCORE'] });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.extensions?.['field']).toBe('phone');
    expect(t.sims.leancore.requests).toHaveLength(0);
  });
});

describe('searchLeads on a graph without LeanCore', () => {
  const bare = useTestGraph({ configure: (config) => ({ ...config, vendors: {} }) });

  it('NOT_CONFIGURED when LeanCore is asked for by name; nothing is called', async () => {
    const result = await bare.execute<SearchData>(SEARCH, { phone: '3136434030', vendors: ['LEANCORE'] });
    expect(errorCodes(result)).toEqual([]);
    expect(result.data?.searchLeads.outcomes).toEqual([
      {
        vendor: 'LEANCORE',
        status: 'NOT_CONFIGURED',
        leadCount: 0,
        code: 'VENDOR_NOT_CONFIGURED',
        message: 'LeanCore is not configured on this server',
      },
    ]);
    expect(bare.sims.leancore.requests).toHaveLength(0);
  });

  it('asks nobody when `vendors` is omitted and no vendor is enabled', async () => {
    const result = await bare.execute<SearchData>(SEARCH, { phone: '3136434030' });
    expect(result.data?.searchLeads).toEqual({ leads: [], outcomes: [] });
  });
});

interface VendorsData {
  vendors: {
    vendor: string;
    enabled: boolean;
    lastError: { code: string; message: string; at: string } | null;
    rateLimit: { requests: number; perSeconds: number; description: string } | null;
  }[];
}
const VENDORS = `{ vendors { vendor enabled lastError { code message at } rateLimit { requests perSeconds description } } }`;

describe('Query.vendors at run time', () => {
  const fresh = useTestGraph();

  const leancore = (data: VendorsData | null | undefined) => data?.vendors.find((v) => v.vendor === 'LEANCORE');

  it('no last error before any failure; a 404 (no such lead) is an answer, not an error', async () => {
    await fresh.execute(SEARCH, { phone: '3009998877', vendors: ['LEANCORE'] });
    const result = await fresh.execute<VendorsData>(VENDORS);
    expect(errorCodes(result)).toEqual([]);
    expect(leancore(result.data)).toMatchObject({ enabled: true, lastError: null, rateLimit: null });
  });

  it('reports the last failed call, and keeps it after later successes', async () => {
    fresh.sims.leancore.inject({ response: { status: 401, json: { message: 'Token inválido' } }, times: 1 });
    await fresh.execute(SEARCH, { phone: '3136434030', vendors: ['LEANCORE'] });
    await fresh.execute(SEARCH, { phone: '3136434030', vendors: ['LEANCORE'] });
    const result = await fresh.execute<VendorsData>(VENDORS);
    const lastError = leancore(result.data)?.lastError;
    expect(lastError).toMatchObject({ code: 'UPSTREAM_UNAUTHORIZED' });
    expect(lastError?.message).toContain('HTTP 401');
    expect(Number.isNaN(Date.parse(lastError?.at ?? ''))).toBe(false);
    expect(JSON.stringify(result)).not.toContain(fresh.sims.leancore.token);
  });

  it("describes Zen's documented rate limit", async () => {
    const result = await fresh.execute<VendorsData>(VENDORS);
    expect(result.data?.vendors.find((v) => v.vendor === 'ZEN')?.rateLimit).toEqual({
      requests: 1,
      perSeconds: 300,
      description: 'One lead-distribution request every 5 minutes',
    });
  });
});
