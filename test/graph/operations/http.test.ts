// The operator's side over real HTTP: /health, /ready (Redis up, Redis unreachable, stopping),
// /metrics after a few operations (and its token), the request id in header and log lines, and
// traces whose vendor-call spans sit under their operation's span.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../../src/config.js';
import { healthRoutes } from '../../../src/http/health.js';
import { HttpDrain } from '../../../src/http/shutdown.js';
import { createLogger, type Logger } from '../../../src/logger.js';
import { startTracing, type Tracing } from '../../../src/observability/tracing.js';
import { startTestGraph, type TestGraph, type TestGraphOptions } from '../../support/graph.js';
import { serveHttp, type HttpTestServer } from '../../support/http.js';
import { startOtlpReceiver } from '../../support/otlp-receiver.js';

const PHONE = '3136434030';
const SEARCH = `query FindByPhone { searchLeads(phone: "${PHONE}", vendors: [LEANCORE]) { leads { fullName } } }`;

let t: TestGraph | undefined;
let http: HttpTestServer | undefined;
let drain: HttpDrain;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await http?.close();
  await t?.stop();
  for (const cleanup of cleanups.splice(0)) await cleanup();
  t = http = undefined;
});

/** Log lines as objects, from a logger at debug level. */
function capturingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('debug', {
    write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  return { logger, lines };
}

async function serve(
  options: TestGraphOptions & { config?: Partial<Config>; logger?: Logger } = {},
): Promise<HttpTestServer> {
  const { config: overrides = {}, logger = createLogger('silent'), ...graphOptions } = options;
  t = await startTestGraph({ ...graphOptions, logger, configure: (config) => ({ ...config, ...overrides }) });
  drain = new HttpDrain();
  http = await serveHttp(t, {
    logger,
    drain,
    openRoutes: healthRoutes({ config: t.config, logger, graph: t.graph, drain }),
  });
  return http;
}

const get = async (url: string, headers: Record<string, string> = {}) => {
  const response = await fetch(url, { headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
};

describe('GET /health', () => {
  it('answers 200 with no credentials and no CSRF header, without calling anything', async () => {
    const server = await serve();
    const answer = await get(`${server.url}/health`);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ status: 'ok' });
    expect(t!.sims.leancore.requests).toHaveLength(0);
  });
});

describe('GET /ready', () => {
  it('is 200 with the in-memory store', async () => {
    const server = await serve();
    const answer = await get(`${server.url}/ready`);
    expect([answer.status, JSON.parse(answer.text)]).toEqual([200, { status: 'ready' }]);
  });

  it('is 200 when Redis answers', async () => {
    const server = await serve({
      config: { redisUrl: 'redis://127.0.0.1:6379', redisKeyPrefix: `lead-graph-test:${randomUUID()}:` },
    });
    const answer = await get(`${server.url}/ready`);
    expect([answer.status, JSON.parse(answer.text)]).toEqual([200, { status: 'ready' }]);
  });

  it('is 503 with a JSON reason when Redis cannot be reached, and says no more than that', async () => {
    const server = await serve({ config: { redisUrl: 'redis://127.0.0.1:1', redisKeyPrefix: 'lead-graph-test:' } });
    const answer = await get(`${server.url}/ready`);
    expect(answer.status).toBe(503);
    expect(answer.headers.get('content-type')).toMatch(/application\/json/);
    expect(JSON.parse(answer.text)).toEqual({ status: 'unavailable', reason: 'Redis does not answer' });
  });

  it('is 503 once a stop has begun', async () => {
    const server = await serve();
    // Stopping another listener marks this app as stopping while this one still answers.
    const other: Server = createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    await drain.drain(other, 1_000);
    const answer = await get(`${server.url}/ready`);
    expect([answer.status, JSON.parse(answer.text)]).toEqual([503, { status: 'unavailable', reason: 'shutting down' }]);
    expect((await get(`${server.url}/health`)).status).toBe(200);
  });
});

describe('GET /metrics', () => {
  it('serves Prometheus text that counts what was done', async () => {
    const server = await serve();
    await server.post({ query: SEARCH });
    await server.post({ query: SEARCH });
    await server.post({ query: '{ lead(id: "nonsense") { id } }' });
    const answer = await get(`${server.url}/metrics`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const leancoreCalls = t!.sims.leancore.requests.length;
    expect(answer.text).toContain('leadgraph_graphql_operations_total{operation_type="query",result="ok"} 2');
    expect(answer.text).toContain('leadgraph_graphql_operations_total{operation_type="query",result="error"} 1');
    expect(answer.text).toContain(`leadgraph_vendor_calls_total{vendor="leancore",result="ok"} ${leancoreCalls}`);
    expect(answer.text).toContain(`leadgraph_vendor_call_duration_seconds_count{vendor="leancore"} ${leancoreCalls}`);
    expect(answer.text).toContain('leadgraph_graphql_operation_duration_seconds_count{operation_type="query"} 3');
    expect(answer.text).toMatch(/^leadgraph_zen_budget_seconds 0$/m);
    expect(answer.text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(answer.text).not.toContain(PHONE);
  });

  it('asks for METRICS_TOKEN as a bearer token when one is set', async () => {
    const token = 'metrics-token-for-the-test';
    const server = await serve({ config: { metricsToken: token } });
    const refused = await get(`${server.url}/metrics`);
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.text)).toMatchObject({ status: 'unauthorized' });
    expect((await get(`${server.url}/metrics`, { authorization: 'Bearer wrong-token-of-some-length' })).status).toBe(
      401,
    );
    const allowed = await get(`${server.url}/metrics`, { authorization: `Bearer ${token}` });
    expect(allowed.status).toBe(200);
    expect(allowed.text).toContain('leadgraph_graphql_operations_total');
  });
});

describe('request logs', () => {
  it('takes the caller’s x-request-id, echoes it, and puts it on every line of the operation', async () => {
    const { logger, lines } = capturingLogger();
    const server = await serve({ logger });
    const answer = await server.post({ query: SEARCH }, { 'x-request-id': 'trace-me-42' });
    expect(answer.headers.get('x-request-id')).toBe('trace-me-42');

    const mine = lines.filter((l) => l['requestId'] === 'trace-me-42');
    const operation = mine.find((l) => l['msg'] === 'graphql operation');
    expect(operation).toMatchObject({
      operationName: 'FindByPhone',
      operationType: 'query',
      result: 'ok',
      errorCodes: [],
      vendors: ['LEANCORE'],
    });
    expect(typeof operation?.['durationMs']).toBe('number');
    expect(mine.filter((l) => l['msg'] === 'vendor call')).toHaveLength(t!.sims.leancore.requests.length);
    expect(JSON.stringify(lines)).not.toContain(PHONE);
  });

  it('makes up an id when none (or a malformed one) is sent, and logs error codes', async () => {
    const { logger, lines } = capturingLogger();
    const server = await serve({ logger });
    for (const sent of [undefined, 'not an id; with spaces', 'x'.repeat(300)]) {
      const answer = await server.post(
        { query: '{ lead(id: "nonsense") { id } }' },
        sent ? { 'x-request-id': sent } : {},
      );
      const id = answer.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(lines.find((l) => l['requestId'] === id && l['msg'] === 'graphql operation')).toMatchObject({
        result: 'error',
        errorCodes: ['BAD_USER_INPUT'],
        vendors: [],
      });
    }
  });
});

describe('traces over HTTP', () => {
  it('puts each vendor call span under its operation span', async () => {
    const receiver = await startOtlpReceiver();
    const tracing: Tracing = (await startTracing({ endpoint: receiver.url, serviceName: 'lead-graph' }))!;
    cleanups.push(() => receiver.close());
    const server = await serve({ tracer: tracing.tracer });
    await server.post({ query: SEARCH });
    await tracing.shutdown();

    const operation = receiver.spans.find((s) => s.name === 'query FindByPhone');
    const calls = receiver.spans.filter((s) => s.attributes['leadgraph.vendor'] === 'LEANCORE');
    expect(calls).toHaveLength(t!.sims.leancore.requests.length);
    for (const call of calls) {
      expect(call.traceId).toBe(operation?.traceId);
      expect(call.parentSpanId).toBe(operation?.spanId);
    }
  });
});
