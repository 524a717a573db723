// Traces over OTLP/HTTP, received by a small local receiver: a span per operation and per vendor
// call, with templates and codes only (no phone, email or query string).
import { afterEach, describe, expect, it } from 'vitest';
import { startTracing, type Tracing } from '../../../src/observability/tracing.js';
import { json } from '../../../src/simulators/server.js';
import { startTestGraph, type TestGraph } from '../../support/graph.js';
import { startHiveGateway, type HiveGateway } from '../../support/hive-gateway.js';
import { serveHttp, type HttpTestServer } from '../../support/http.js';
import { startOtlpReceiver } from '../../support/otlp-receiver.js';
import { SEARCH } from '../../support/search.js';

const PHONE = '3136434030';
const EMAIL = 'valentina.rios@example.com';

let t: TestGraph | undefined;
let tracing: Tracing | undefined;
let receiver: Awaited<ReturnType<typeof startOtlpReceiver>> | undefined;
let http: HttpTestServer | undefined;
let gateway: HiveGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  await http?.close();
  gateway = http = undefined;
  await t?.stop();
  await tracing?.shutdown();
  await receiver?.close();
  t = tracing = receiver = undefined;
});

describe('tracing', () => {
  it('is off when no endpoint is configured', async () => {
    expect(await startTracing(undefined)).toBeUndefined();
  });

  it('exports a span per operation and per vendor call, with status and templates only', async () => {
    receiver = await startOtlpReceiver();
    tracing = await startTracing({ endpoint: receiver.url, serviceName: 'lead-graph-test' });
    t = await startTestGraph({ tracer: tracing!.tracer, crmcomContactSearch: true });
    t.sims.crmcom.inject({ path: '/leads/list', response: json(503, { message: 'down' }) });
    await t.execute(`query FindByContact${SEARCH.slice('query '.length)}`, {
      phone: PHONE,
      email: EMAIL,
      vendors: ['LEANCORE', 'CRMCOM'],
    });
    await tracing!.shutdown(); // flushes the batch

    const operation = receiver.spans.find((s) => s.name === 'query FindByContact');
    expect(operation?.serviceName).toBe('lead-graph-test');
    expect(operation?.attributes).toMatchObject({
      'graphql.operation.type': 'query',
      'graphql.operation.name': 'FindByContact',
      'leadgraph.result': 'ok',
    });
    const vendorSpans = receiver.spans.filter((s) => s.attributes['leadgraph.vendor'] !== undefined);
    expect(vendorSpans.map((s) => s.name).sort()).toEqual(
      [
        ...t.sims.leancore.requests.map((r) => `GET leancore ${r.path.slice(1)}`),
        'POST crmcom authentication/token',
        'GET crmcom leads/list',
      ].sort(),
    );
    const failed = vendorSpans.find((s) => s.name === 'GET crmcom leads/list');
    expect(failed?.attributes).toMatchObject({
      'http.request.method': 'GET',
      'url.template': 'leads/list',
      'http.response.status_code': 503,
      'error.type': 'UPSTREAM_ERROR',
    });
    expect(failed?.status.code).toBe(2); // ERROR
    const login = vendorSpans.find((s) => s.name === 'POST crmcom authentication/token');
    expect(login?.attributes['http.response.status_code']).toBe(200);

    const exported = receiver.bodies.join('\n');
    for (const personal of [PHONE, EMAIL, encodeURIComponent(EMAIL), t.sims.crmcom.credentials.password]) {
      expect(exported).not.toContain(personal);
    }
  });

  it('continues an incoming W3C traceparent: a router’s trace, through Hive Gateway, holds our spans', async () => {
    receiver = await startOtlpReceiver();
    tracing = await startTracing({ endpoint: receiver.url, serviceName: 'lead-graph-test' });
    t = await startTestGraph({ tracer: tracing!.tracer });
    http = await serveHttp(t);
    gateway = await startHiveGateway({ leadsUrl: http.graphqlUrl });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const routerSpanId = '00f067aa0ba902b7';
    const { json } = await gateway.post(
      { query: 'query Traced { lead(id: "beschannels:5881") { id } }' },
      { traceparent: `00-${traceId}-${routerSpanId}-01` },
    );
    expect(json.errors).toBeUndefined();
    // Without one, a trace of its own.
    await http.post({ query: 'query Untraced { vendors { vendor } }' });
    await tracing!.shutdown();

    const operations = receiver.spans.filter((s) => s.attributes['graphql.operation.type'] === 'query');
    const untraced = operations.find((s) => s.name === 'query Untraced');
    const operation = operations.find((s) => s !== untraced);
    expect(operation?.traceId).toBe(traceId);
    expect(operation?.parentSpanId).toBe(routerSpanId);
    const vendorSpans = receiver.spans.filter((s) => s.attributes['leadgraph.vendor'] !== undefined);
    expect(vendorSpans.length).toBeGreaterThan(0);
    for (const span of vendorSpans) expect(span.traceId).toBe(traceId);
    expect(untraced?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(untraced?.traceId).not.toBe(traceId);
  });
});
