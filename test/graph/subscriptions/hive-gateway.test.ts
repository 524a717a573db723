// A subscription through the Hive Gateway runtime in front of our subgraph: the client speaks
// GraphQL over SSE to the gateway, the gateway passes the subscription through to Lead Graph
// over graphql-ws (WebSocket passthrough, @graphql-mesh/transport-ws), with the client's API key
// in the connection parameters (examples/gateway/gateway.config.ts's `subscriptionsPassthrough`).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import wsTransport from '@graphql-mesh/transport-ws';
import httpTransport from '@graphql-mesh/transport-http';
import { subscriptionsPassthrough } from '../../../examples/gateway/gateway.config.js';
import type { Config } from '../../../src/config.js';
import { errorCodes, startTestGraph, type TestGraph } from '../../support/graph.js';
import { startHiveGateway, type HiveGateway } from '../../support/hive-gateway.js';
import { serveLive, type LiveTestServer } from '../../support/subscriptions.js';
import { createBesChannelsLead } from '../../support/writes.js';

const READ_KEY = 'gateway-live-read-key-0123456789';
const sha256 = (key: string) => createHash('sha256').update(key).digest();

let t: TestGraph;
let live: LiveTestServer;
let gateway: HiveGateway;

beforeAll(async () => {
  t = await startTestGraph({
    configure: (config): Config => ({
      ...config,
      auth: { disabled: false, apiKeys: [{ sha256: sha256(READ_KEY), scopes: ['leads:read'] }] },
    }),
  });
  live = await serveLive(t);
  gateway = await startHiveGateway({
    leadsUrl: live.graphqlUrl,
    config: { transports: { http: httpTransport, ws: wsTransport }, transportEntries: subscriptionsPassthrough },
  });
});
afterAll(async () => {
  await gateway.close();
  await live.close();
  await t.stop();
});

/** Opens an SSE subscription at the gateway; `events` fills as `next` events arrive. */
function sseSubscribe(query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const controller = new AbortController();
  const events: { data?: Record<string, unknown>; errors?: unknown[] }[] = [];
  const done = (async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
      body: JSON.stringify({ query, variables }),
      signal: controller.signal,
    });
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = response.body!.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      buffer += decoder.decode(read.value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = message
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trim())
          .join('');
        if (message.includes('event: next') && data) events.push(JSON.parse(data) as (typeof events)[0]);
      }
    }
  })().catch((error: unknown) => {
    if ((error as Error).name !== 'AbortError') throw error;
  });
  return { events, close: () => controller.abort(), done };
}

describe('through Hive Gateway (WebSocket passthrough)', () => {
  it('a write reaches a subscriber at the gateway, and leaving the gateway ends the subscription here', async () => {
    const id = await createBesChannelsLead(t);
    const subscription = sseSubscribe(
      'subscription($id: ID!) { leadChanged(id: $id) { leadId source changedFields lead { companyName } } }',
      { id },
      { 'x-api-key': READ_KEY },
    );
    await vi.waitFor(() => expect(live.endpoint.active).toBe(1), { timeout: 5_000 });
    const result = await t.execute(
      'mutation($id: ID!) { updateLead(id: $id, input: { companyName: "Vía Gateway" }) { id } }',
      {
        id,
      },
    );
    expect(errorCodes(result)).toEqual([]);
    await vi.waitFor(() => expect(subscription.events).toHaveLength(1), { timeout: 5_000 });
    expect(subscription.events[0]).toEqual({
      data: {
        leadChanged: {
          leadId: id,
          source: 'GRAPH_WRITE',
          changedFields: ['companyName'],
          lead: { companyName: 'Vía Gateway' },
        },
      },
    });
    subscription.close();
    await subscription.done;
    await vi.waitFor(() => expect(live.endpoint.active).toBe(0), { timeout: 5_000 });
    expect(t.graph.live.leads.watchedVendors).toEqual([]);
  });

  it('a client without a key reaches no subscription (the subgraph refuses the connection)', async () => {
    const subscription = sseSubscribe('subscription { leadsChanged(vendor: BESCHANNELS) { leadId } }', {}, {});
    await vi.waitFor(() => expect(subscription.events.length).toBeGreaterThan(0), { timeout: 5_000 });
    expect(subscription.events[0]!.errors).toBeDefined();
    expect(live.endpoint.active).toBe(0);
    subscription.close();
    await subscription.done;
  });
});
