// Prometheus instruments after real operations against the simulators: vendor calls by result,
// token issues, operations by type and result, Zen's budget; nothing personal in any label.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json } from '../../../src/simulators/server.js';
import { startTestGraph, type TestGraph } from '../../support/graph.js';
import { SEARCH } from '../../support/search.js';

const NOON_SAO_PAULO = Date.parse('2026-11-23T15:00:00Z');
const PHONE = '3136434030';

let t: TestGraph;
afterEach(() => t.stop());

/** Each sample of a metric as `labels → value`, labels sorted into one string. */
async function samples(name: string): Promise<Record<string, number>> {
  const metric = t.graph.metrics.registry.getSingleMetric(name);
  if (!metric) return {};
  const { values } = await metric.get();
  return Object.fromEntries(
    values
      .filter((v) => !('metricName' in v) || v.metricName === name || v.metricName === `${name}_count`)
      .map((v) => [
        Object.entries(v.labels)
          .filter(([label]) => label !== 'le')
          .map(([label, value]) => `${label}=${String(value)}`)
          .sort()
          .join(','),
        v.value,
      ]),
  );
}

describe('metrics', () => {
  it('counts vendor calls by vendor and result, and their durations', async () => {
    t = await startTestGraph({ crmcomContactSearch: true });
    t.sims.crmcom.inject({ path: '/leads/list', response: json(503, { message: 'down' }) });
    await t.execute(SEARCH, { phone: PHONE, vendors: ['LEANCORE', 'CRMCOM'] });

    const calls = await samples('leadgraph_vendor_calls_total');
    expect(calls['result=ok,vendor=leancore']).toBe(t.sims.leancore.requests.length);
    expect(calls['result=ok,vendor=crmcom']).toBe(1); // the login
    expect(calls['result=error,vendor=crmcom']).toBe(1); // one call, its retries included
    const durations = await samples('leadgraph_vendor_call_duration_seconds');
    expect(durations['vendor=leancore']).toBe(t.sims.leancore.requests.length);
    expect(durations['vendor=crmcom']).toBe(2);
  });

  it('says timeout and rate_limited apart from other errors', async () => {
    t = await startTestGraph({ timeoutMs: 300, crmcomContactSearch: true });
    t.sims.leancore.inject({ hang: true, times: 3 });
    t.sims.crmcom.inject({
      path: '/leads/list',
      response: json(429, { message: 'slow down' }, { 'retry-after': '600' }),
    });
    await t.execute(SEARCH, { phone: PHONE, vendors: ['LEANCORE', 'CRMCOM'] });
    // The search answers at its own deadline; the call itself ends (and is counted) at the client's.
    await vi.waitFor(async () => {
      const calls = await samples('leadgraph_vendor_calls_total');
      expect(calls['result=timeout,vendor=leancore']).toBe(1);
      expect(calls['result=rate_limited,vendor=crmcom']).toBe(1);
    });
  });

  it('counts a token issue once however many calls use it', async () => {
    t = await startTestGraph({ crmcomContactSearch: true });
    await t.execute(SEARCH, { phone: PHONE, vendors: ['BESCHANNELS', 'CRMCOM'] });
    await t.execute(SEARCH, { phone: PHONE, vendors: ['BESCHANNELS', 'CRMCOM'] });
    expect(await samples('leadgraph_vendor_token_refreshes_total')).toEqual({
      'vendor=beschannels': 1,
      'vendor=crmcom': 1,
    });
  });

  it('counts operations by type and result (ok, partial, error)', async () => {
    t = await startTestGraph();
    await t.execute(SEARCH, { phone: PHONE, vendors: ['LEANCORE'] });
    await t.execute('{ vendors { vendor } lead(id: "nonsense") { id } }');
    await t.execute('{ lead(id: "nonsense") { id } }');
    await t.execute('mutation { deleteLead(id: "nonsense") }');
    await t.execute('{ noSuchField }');

    const operations = await samples('leadgraph_graphql_operations_total');
    expect(operations).toMatchObject({
      'operation_type=query,result=ok': 1,
      'operation_type=query,result=partial': 1,
      'operation_type=query,result=error': 1,
      'operation_type=mutation,result=error': 1,
      'operation_type=unknown,result=error': 1,
    });
    const durations = await samples('leadgraph_graphql_operation_duration_seconds');
    expect(durations['operation_type=query']).toBe(3);
  });

  it("shows Zen's budget: 0 before a call, the rest of the window after one", async () => {
    let clock = NOON_SAO_PAULO;
    t = await startTestGraph({ now: () => clock });
    t.sims.zen.now = () => clock;
    expect(await samples('leadgraph_zen_budget_seconds')).toEqual({ '': 0 });
    await t.execute('{ distributionTotals(date: "2026-11-23") { date } }');
    expect(await samples('leadgraph_zen_budget_seconds')).toEqual({ '': 300 });
    clock += 60_000;
    expect(await samples('leadgraph_zen_budget_seconds')).toEqual({ '': 240 });
  });

  it('exposes default process metrics and no personal data anywhere in the text', async () => {
    t = await startTestGraph({ crmcomContactSearch: true });
    await t.execute(SEARCH, { phone: PHONE, email: 'valentina@example.com', vendors: ['LEANCORE', 'CRMCOM'] });
    const { body, contentType } = await t.graph.metrics.text();
    expect(contentType).toMatch(/^text\/plain/);
    expect(body).toMatch(/^process_cpu_user_seconds_total /m);
    expect(body).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect(body).not.toContain(PHONE);
    expect(body).not.toContain('valentina');
  });
});
