// Subscriptions through real sockets (graphql-ws over ws) on one graph without Redis (the
// in-memory bus): the totals feed under Zen's budget with a moved clock, lead changes from
// writes and from the poller, authentication and scopes, limits, and what a disconnect leaves.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { once } from 'node:events';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { Config } from '../../../src/config.js';
import { HttpDrain } from '../../../src/http/shutdown.js';
import { errorCodes, startTestGraph, type TestGraph } from '../../support/graph.js';
import { serveLive, subscribe, type LiveTestServer } from '../../support/subscriptions.js';
import { leanCoreId } from '../../support/lead-ids.js';
import { createBesChannelsLead } from '../../support/writes.js';

const NOON_SAO_PAULO = Date.parse('2026-11-23T15:00:00Z'); // 12:00 on 2026-11-23 in America/Sao_Paulo
const TODAY = '2026-11-23';
const READ_KEY = 'read-key-0123456789abcdef';
const WRITE_KEY = 'write-key-0123456789abcdef';
const NO_READ_KEY = 'no-read-key-0123456789abcdef';
/** A LeanCore financial entity (the simulator's seed). */
const CREDITO_AGIL = '8d0f1c52-7a4e-4f7e-9a51-2f4a3c9b1e10';

const TOTALS = `subscription($date: Date!) {
  distributionTotalsChanged(date: $date) { date fetchedAt stale nextRefreshAt users { name totalLeads } }
}`;
const LEAD_CHANGED = `subscription($id: ID!) {
  leadChanged(id: $id) { leadId vendor kind source changedFields changedAt lead { id companyName } }
}`;
const LEADS_CHANGED = `subscription($vendor: Vendor!) {
  leadsChanged(vendor: $vendor) { leadId kind source changedFields lead { id companyName } }
}`;

interface TotalsEvent {
  distributionTotalsChanged: {
    fetchedAt: string;
    stale: boolean;
    nextRefreshAt: string;
    users: { totalLeads: number }[];
  };
}
interface LeadEvent {
  leadChanged?: {
    leadId: string;
    kind: string;
    source: string;
    changedFields: string[];
    lead: { companyName: string };
  };
  leadsChanged?: {
    leadId: string;
    kind: string;
    source: string;
    changedFields: string[];
    lead: { companyName: string };
  };
}

const sha256 = (key: string) => createHash('sha256').update(key).digest();
let clock = NOON_SAO_PAULO;
let t: TestGraph;
let signingKey: CryptoKey;
let jwks: Server;
const ISSUER = 'https://id.example.com/';
const AUDIENCE = 'lead-graph';
/** A token of our identity provider granting `scope`. */
const token = (scope: string) =>
  new SignJWT({ scope })
    .setProtectedHeader({ alg: 'ES256', kid: 'live-test' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject('dashboard')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(signingKey);
let live: LiveTestServer;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  signingKey = pair.privateKey;
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'live-test', alg: 'ES256', use: 'sig' };
  jwks = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [publicJwk] }));
  });
  jwks.listen(0, '127.0.0.1');
  await once(jwks, 'listening');
  const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
  t = await startTestGraph({
    now: () => clock,
    configure: (config): Config => ({
      ...config,
      auth: {
        disabled: false,
        apiKeys: [
          { sha256: sha256(WRITE_KEY), scopes: ['leads:read', 'leads:write'] },
          { sha256: sha256(READ_KEY), scopes: ['leads:read'] },
          // No environment makes such a key today (API_KEYS grants read at least); a JWT without
          // the leads:read scope is the same caller.
          { sha256: sha256(NO_READ_KEY), scopes: [] },
        ],
        jwt: { jwksUrl, issuer: ISSUER, audience: AUDIENCE },
      },
      subscriptions: { maxPerConnection: 3, maxPerProcess: 1_000, maxConnections: 100 },
    }),
  });
  t.sims.zen.now = () => clock;
  live = await serveLive(t);
});
afterAll(async () => {
  await live.close();
  await t.stop();
  jwks.close();
});
beforeEach(() => {
  for (const sim of [t.sims.beschannels, t.sims.zen]) sim.resetRequests();
});

const metric = async (name: string) => {
  const text = (await t.graph.metrics.text()).body;
  return text
    .split('\n')
    .filter((line) => line.startsWith(name))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
};

describe('distributionTotalsChanged', () => {
  it('gives the current answer, then one event per refresh that differs, within Zen’s budget', async () => {
    const { client, dispose } = live.client({ 'x-api-key': READ_KEY });
    const totals = subscribe<TotalsEvent>(client, TOTALS, { date: TODAY });
    const [first] = await totals.received(1);
    expect(first!.errors).toBeUndefined();
    const initial = first!.data!.distributionTotalsChanged;
    expect(initial).toMatchObject({ stale: false, fetchedAt: new Date(clock).toISOString() });
    expect(initial.nextRefreshAt).toBe(new Date(clock + 5 * 60_000).toISOString());
    expect(t.sims.zen.calls).toEqual([TODAY]);

    // Inside the window nothing is asked.
    clock += 60_000;
    await t.graph.live.totals.refreshDue();
    expect(t.sims.zen.calls).toHaveLength(1);

    // The window ends and Zen's answer changed: one call, one event.
    t.sims.zen.setTotals(TODAY, { data: TODAY, usuarios: [{ nome: 'Ana', total_lead: '42' }] });
    clock += 4 * 60_000 + 1_000;
    await t.graph.live.totals.refreshDue();
    expect(t.sims.zen.calls).toHaveLength(2);
    const [, second] = await totals.received(2);
    expect(second!.data!.distributionTotalsChanged).toMatchObject({ stale: false, users: [{ totalLeads: 42 }] });

    // The next window's answer is the same: asked, but nothing is sent.
    clock += 5 * 60_000 + 1_000;
    await t.graph.live.totals.refreshDue();
    expect(t.sims.zen.calls).toHaveLength(3);
    // One more change goes through, so the unchanged one above would have arrived before it.
    t.sims.zen.setTotals(TODAY, { data: TODAY, usuarios: [{ nome: 'Ana', total_lead: '43' }] });
    clock += 5 * 60_000 + 1_000;
    await t.graph.live.totals.refreshDue();
    const results = await totals.received(3);
    expect(results.map((r) => r.data!.distributionTotalsChanged.users[0]!.totalLeads)).toEqual([
      initial.users[0]!.totalLeads,
      42,
      43,
    ]);
    expect(await metric('leadgraph_subscription_events_sent_total{field="distributionTotalsChanged"}')).toBe(2);
    await dispose();
    await vi.waitFor(() => expect(t.graph.live.totals.watchedDates).toEqual([]));
  });
});

describe('lead changes', () => {
  it('a write through the graph reaches leadChanged and leadsChanged subscribers (GRAPH_WRITE)', async () => {
    const id = await createBesChannelsLead(t);
    const { client, dispose } = live.client({ 'x-api-key': READ_KEY });
    const one = subscribe<LeadEvent>(client, LEAD_CHANGED, { id });
    const all = subscribe<LeadEvent>(client, LEADS_CHANGED, { vendor: 'BESCHANNELS' });
    await vi.waitFor(() => expect(live.endpoint.active).toBe(2));
    const update = await fetch(live.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': WRITE_KEY },
      body: JSON.stringify({
        query: 'mutation($id: ID!) { updateLead(id: $id, input: { companyName: "Nueva S.A." }) { id } }',
        variables: { id },
      }),
    });
    expect(update.status).toBe(200);
    const [event] = await one.received(1);
    expect(event!.data!.leadChanged).toMatchObject({
      leadId: id,
      kind: 'UPDATED',
      source: 'GRAPH_WRITE',
      changedFields: ['companyName'],
      lead: { companyName: 'Nueva S.A.' },
    });
    const received = await all.received(1);
    expect(received.map((r) => r.data!.leadsChanged!.leadId)).toContain(id);
    await dispose();
  });

  it('leadChanged by an alias (an old-form LeanCore id) follows the lead by its canonical id', async () => {
    const digits = '573136434030';
    const uuid = 'fd3705e1-3149-4c41-bfe7-cf0bee79cfad';
    const { client, dispose } = live.client({ 'x-api-key': READ_KEY });
    const one = subscribe<LeadEvent>(client, LEAD_CHANGED, { id: `leancore:${uuid}:${digits}` });
    await vi.waitFor(() => expect(live.endpoint.active).toBe(1));
    const assigned = await t.execute(
      `mutation($id: ID!) { assignLeadToFinancialEntity(leadId: $id, financialEntityId: "${CREDITO_AGIL}") { id } }`,
      { id: leanCoreId(uuid, digits) },
    );
    expect(errorCodes(assigned)).toEqual([]);
    const [event] = await one.received(1);
    expect(event!.data!.leadChanged).toMatchObject({ leadId: leanCoreId(uuid, digits), source: 'GRAPH_WRITE' });
    await dispose();
  });

  it('leadChanged by crmcom:number=<n> looks the lead up once and follows it by its id', async () => {
    const eleni = 'crmcom:68B216C3A0E14173B48ED3FF4EB11182';
    const shows = () => t.sims.crmcom.requests.filter((r) => r.query['lead_identifier'] === 'number=116');
    const before = shows().length;
    const { client, dispose } = live.client({ 'x-api-key': READ_KEY });
    const one = subscribe<LeadEvent>(client, LEAD_CHANGED, { id: 'crmcom:number=116' });
    await vi.waitFor(() => expect(live.endpoint.active).toBe(1));
    await vi.waitFor(() => expect(shows().length).toBe(before + 1));
    await vi.waitFor(() => expect(t.graph.live.leads.watchedVendors).toContain('CRMCOM'));
    t.graph.live.publishWrite({ leadId: eleni, kind: 'DELETED', lead: null, changedFields: [] });
    const [event] = await one.received(1);
    expect(event!.data!.leadChanged).toMatchObject({ leadId: eleni, kind: 'DELETED', source: 'GRAPH_WRITE' });
    await dispose();
  });

  it('the poller reads the vendor while someone subscribes, once per interval, and stops with the last one (VENDOR_POLL)', async () => {
    const lists = () => t.sims.beschannels.requestsTo('/leads-list').length;
    clock += 31_000; // past any interval an earlier test's subscriber claimed
    const a = live.client({ 'x-api-key': READ_KEY });
    const b = live.client({ 'x-api-key': READ_KEY });
    const first = subscribe<LeadEvent>(a.client, LEADS_CHANGED, { vendor: 'BESCHANNELS' });
    const second = subscribe<LeadEvent>(b.client, LEADS_CHANGED, { vendor: 'BESCHANNELS' });
    await vi.waitFor(() => expect(live.endpoint.active).toBe(2));
    expect(t.graph.live.leads.polledVendors).toEqual(['BESCHANNELS']);
    // The first read starts with the first subscriber; two subscribers, one read.
    await vi.waitFor(() => expect(lists()).toBe(1));
    await t.graph.live.leads.pollNow('BESCHANNELS');
    expect(lists()).toBe(1); // the interval is taken

    const lead = [...t.sims.beschannels.leads].sort((x, y) => x.leads_id - y.leads_id)[0]!;
    const leadId = `beschannels:${lead.leads_id}`;
    lead.Company = `Cambiada ${clock}`;
    clock += 31_000; // BesChannels' interval is 30 s
    await t.graph.live.leads.pollNow('BESCHANNELS');
    expect(lists()).toBe(2);
    for (const subscription of [first, second]) {
      await vi.waitFor(() => expect(subscription.results.map((r) => r.data!.leadsChanged!.leadId)).toContain(leadId));
      const events = subscription.results.filter((r) => r.data!.leadsChanged!.leadId === leadId);
      expect(events.map((r) => r.data!.leadsChanged)).toEqual([
        {
          leadId,
          kind: 'UPDATED',
          source: 'VENDOR_POLL',
          changedFields: ['companyName'],
          lead: { id: leadId, companyName: lead.Company },
        },
      ]);
    }

    first.unsubscribe();
    await vi.waitFor(() => expect(live.endpoint.active).toBe(1));
    expect(t.graph.live.leads.polledVendors).toEqual(['BESCHANNELS']);
    // The last subscriber goes away without saying so (its socket closes).
    await b.dispose();
    await vi.waitFor(() => expect(live.endpoint.active).toBe(0));
    expect(t.graph.live.leads.polledVendors).toEqual([]);
    expect(t.graph.live.leads.watchedVendors).toEqual([]);
    clock += 31_000;
    await t.graph.live.leads.pollNow('BESCHANNELS');
    expect(lists()).toBe(2);
    expect(await metric('leadgraph_subscriptions_active')).toBe(0);
    await a.dispose();
  });
});

describe('authentication, scopes and limits', () => {
  it('a connection without valid credentials is closed with 4401', async () => {
    const { client, closedWith } = live.client({ 'x-api-key': 'not-a-key' });
    subscribe(client, LEADS_CHANGED, { vendor: 'BESCHANNELS' });
    expect(await closedWith()).toBe(4401);
  });

  it('a caller that cannot read cannot subscribe (FORBIDDEN); a read-only key can', async () => {
    const { client, dispose } = live.client({ 'x-api-key': NO_READ_KEY });
    const refused = subscribe(client, LEADS_CHANGED, { vendor: 'BESCHANNELS' });
    await vi.waitFor(() => expect(refused.ended).toBe(true));
    expect(refused.error).toEqual([expect.objectContaining({ extensions: { code: 'FORBIDDEN' } })]);
    const readOnly = live.client({ 'x-api-key': READ_KEY });
    const allowed = subscribe(readOnly.client, LEADS_CHANGED, { vendor: 'LEANCORE' });
    await vi.waitFor(() => expect(live.endpoint.active).toBe(1));
    expect(allowed.ended).toBe(false);
    await Promise.all([dispose(), readOnly.dispose()]);
  });

  it('a JWT without leads:read cannot subscribe (FORBIDDEN); one with it can, over the same check as HTTP', async () => {
    const writeOnly = live.client({ authorization: `Bearer ${await token('leads:write')}` });
    const refused = subscribe(writeOnly.client, LEADS_CHANGED, { vendor: 'LEANCORE' });
    await vi.waitFor(() => expect(refused.ended).toBe(true));
    expect(refused.error).toEqual([expect.objectContaining({ extensions: { code: 'FORBIDDEN' } })]);
    const reader = live.client({ authorization: `Bearer ${await token('leads:read')}` });
    const allowed = subscribe(reader.client, LEADS_CHANGED, { vendor: 'LEANCORE' });
    await vi.waitFor(() => expect(live.endpoint.active).toBe(1));
    expect(allowed.ended).toBe(false);
    const forged = live.client({ authorization: 'Bearer not.a.token' });
    subscribe(forged.client, LEADS_CHANGED, { vendor: 'LEANCORE' });
    expect(await forged.closedWith()).toBe(4401);
    await Promise.all([writeOnly.dispose(), reader.dispose()]);
    await vi.waitFor(() => expect(live.endpoint.active).toBe(0));
  });

  it('queries and mutations are refused over WebSocket; variables that do not fit and a bad id are BAD_USER_INPUT', async () => {
    const { client, dispose } = live.client({ 'x-api-key': WRITE_KEY });
    const mutation = subscribe(client, 'mutation { deleteLead(id: "beschannels:5881") }');
    await vi.waitFor(() => expect(mutation.ended).toBe(true));
    expect(mutation.error).toEqual([expect.objectContaining({ extensions: { code: 'BAD_REQUEST' } })]);
    // Variables that do not fit are refused before the subscription starts, with a code, as over HTTP.
    const noVendor = subscribe(client, LEADS_CHANGED, {});
    await vi.waitFor(() => expect(noVendor.ended).toBe(true));
    expect(noVendor.error).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT' } }]);
    const wrongVendor = subscribe(client, LEADS_CHANGED, { vendor: 'NOPE' });
    await vi.waitFor(() => expect(wrongVendor.ended).toBe(true));
    expect(wrongVendor.error).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT' } }]);
    const badId = subscribe(client, LEAD_CHANGED, { id: 'nope' });
    const [result] = await badId.received(1);
    expect(errorCodes(result!)).toEqual(['BAD_USER_INPUT']);
    await dispose();
  });

  it('more subscriptions than SUBSCRIPTIONS_MAX_PER_CONNECTION on one connection are refused (OVERLOADED)', async () => {
    const { client, dispose } = live.client({ 'x-api-key': READ_KEY });
    for (let i = 0; i < 3; i++) subscribe(client, LEADS_CHANGED, { vendor: 'LEANCORE' });
    await vi.waitFor(() => expect(live.endpoint.active).toBe(3));
    const fourth = subscribe(client, LEADS_CHANGED, { vendor: 'LEANCORE' });
    await vi.waitFor(() => expect(fourth.ended).toBe(true));
    expect(fourth.error).toEqual([
      expect.objectContaining({ extensions: { code: 'OVERLOADED', limit: 'SUBSCRIPTIONS_MAX_PER_CONNECTION' } }),
    ]);
    await dispose();
    await vi.waitFor(() => expect(live.endpoint.active).toBe(0));
  });

  it('an id reused in one packet (subscribe, complete, subscribe) leaves nothing behind when the socket closes', async () => {
    const socket = new WebSocket(live.wsUrl, 'graphql-transport-ws');
    await once(socket, 'open');
    const acked = once(socket, 'message');
    socket.send(JSON.stringify({ type: 'connection_init', payload: { 'x-api-key': READ_KEY } }));
    await acked;
    const messages: { id?: string; type: string; payload?: unknown }[] = [];
    socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as (typeof messages)[number]));
    const subscribeX = JSON.stringify({
      id: 'x',
      type: 'subscribe',
      payload: { query: LEADS_CHANGED, variables: { vendor: 'BESCHANNELS' } },
    });
    // ws sends frames written while its socket is corked in one TCP write: graphql-ws reads them
    // while the first subscribe still waits for its context.
    const raw = (socket as unknown as { _socket: Socket })._socket;
    raw.cork();
    socket.send(subscribeX);
    socket.send(JSON.stringify({ id: 'x', type: 'complete' }));
    socket.send(subscribeX);
    raw.uncork();
    // Both subscribes have been dealt with: the second refused (it is), or both started (it was not).
    await vi.waitFor(() => expect(messages.some((m) => m.type === 'error') || live.endpoint.active === 2).toBe(true));
    const closed = once(socket, 'close');
    socket.close();
    await closed;
    await vi.waitFor(() => expect(live.endpoint.active).toBe(0));
    expect(t.graph.live.leads.watchedVendors).toEqual([]);
  });

  it('subscribes sent together cannot pass the per-connection limit while their contexts are made', async () => {
    const { client, dispose } = live.client({ 'x-api-key': READ_KEY });
    const all = Array.from({ length: 6 }, () => subscribe(client, LEADS_CHANGED, { vendor: 'LEANCORE' }));
    await vi.waitFor(() => expect(all.filter((s) => s.ended)).toHaveLength(3));
    expect(live.endpoint.active).toBe(3);
    await dispose();
    await vi.waitFor(() => expect(live.endpoint.active).toBe(0));
  });
});

describe('cost', () => {
  it('a subscription whose selection costs more than MAX_QUERY_COST is refused before it starts, as a query is', async () => {
    const strict = await serveLive(t, { maxQueryCost: 2 });
    const { client, dispose } = strict.client({ 'x-api-key': READ_KEY });
    // leadChanged (1) + lead (1) + lead.owner (1): 3.
    const costly = subscribe(
      client,
      'subscription($id: ID!) { leadChanged(id: $id) { lead { id owner { __typename } } } }',
      {
        id: 'beschannels:5881',
      },
    );
    await vi.waitFor(() => expect(costly.ended).toBe(true));
    expect(costly.error).toMatchObject([{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED', cost: 3, maxCost: 2 } }]);
    const cheap = subscribe(client, 'subscription($id: ID!) { leadChanged(id: $id) { lead { id } } }', {
      id: 'beschannels:5881',
    });
    await vi.waitFor(() => expect(strict.endpoint.active).toBe(1));
    expect(cheap.ended).toBe(false);
    await dispose();
    await strict.close();
  });
});

describe('per process', () => {
  it('more than SUBSCRIPTIONS_MAX_PER_PROCESS over all connections are refused (OVERLOADED)', async () => {
    const small = await serveLive(t, {
      subscriptions: { maxPerConnection: 10, maxPerProcess: 2, maxConnections: 100 },
    });
    const [a, b] = [small.client({ 'x-api-key': READ_KEY }), small.client({ 'x-api-key': READ_KEY })];
    subscribe(a.client, LEADS_CHANGED, { vendor: 'LEANCORE' });
    subscribe(b.client, LEADS_CHANGED, { vendor: 'LEANCORE' });
    await vi.waitFor(() => expect(small.endpoint.active).toBe(2));
    const third = subscribe(b.client, LEADS_CHANGED, { vendor: 'LEANCORE' });
    await vi.waitFor(() => expect(third.ended).toBe(true));
    expect(third.error).toEqual([
      expect.objectContaining({ extensions: { code: 'OVERLOADED', limit: 'SUBSCRIPTIONS_MAX_PER_PROCESS' } }),
    ]);
    expect(await metric('leadgraph_subscriptions_refused_total{limit="per_process"}')).toBe(1);
    await small.close();
  });
});

describe('connections', () => {
  it('more WebSocket connections than SUBSCRIPTIONS_MAX_CONNECTIONS are refused with 503 at the upgrade', async () => {
    const small = await serveLive(t, {
      subscriptions: { maxPerConnection: 10, maxPerProcess: 100, maxConnections: 2 },
    });
    const open = async () => {
      const socket = new WebSocket(small.wsUrl, 'graphql-transport-ws');
      return await new Promise<{ socket: WebSocket; status: number }>((resolve, reject) => {
        socket.once('open', () => resolve({ socket, status: 101 }));
        socket.once('unexpected-response', (_req, res) => resolve({ socket, status: res.statusCode ?? 0 }));
        socket.once('error', reject);
      });
    };
    const [a, b] = [await open(), await open()];
    expect([a.status, b.status]).toEqual([101, 101]);
    const refusedBefore = await metric('leadgraph_subscriptions_refused_total{limit="connections"}');
    expect((await open()).status).toBe(503);
    expect(await metric('leadgraph_subscriptions_refused_total{limit="connections"}')).toBe(refusedBefore + 1);
    const closed = once(a.socket, 'close');
    a.socket.close();
    await closed;
    await vi.waitFor(() => expect(small.endpoint.connections).toBe(1));
    const again = await open();
    expect(again.status).toBe(101);
    for (const { socket } of [b, again]) socket.close();
    await small.close();
  });
});

describe('stop', () => {
  it('the drain closes every WebSocket with 1001 (clients reconnect elsewhere) and leaves no feed running', async () => {
    const stopping = await serveLive(t);
    const { client, closedWith } = stopping.client({ 'x-api-key': READ_KEY });
    const subscription = subscribe(client, LEADS_CHANGED, { vendor: 'LEANCORE' });
    await vi.waitFor(() => expect(stopping.endpoint.active).toBe(1));
    const drain = new HttpDrain();
    drain.alsoClose((timeoutMs) => stopping.endpoint.close(timeoutMs));
    const { cut } = await drain.drain(stopping.http.server, 1_000);
    expect(cut).toBe(0);
    expect(await closedWith()).toBe(1001);
    expect(subscription.ended).toBe(true);
    expect(stopping.endpoint.active).toBe(0);
    expect(t.graph.live.leads.watchedVendors).toEqual([]);
    await stopping.close();
  });
});

describe('heartbeat', () => {
  it('the server pings each connection (here every 50 ms) and cuts one that stops answering', async () => {
    const beating = await serveLive(t, { heartbeatMs: 50 });
    const socket = new WebSocket(beating.wsUrl, 'graphql-transport-ws');
    await once(socket, 'open');
    await once(socket, 'ping');
    // A client that no longer answers pings (ws answers them by itself: stop it reading).
    expect(beating.endpoint.connections).toBe(1);
    socket.pause();
    await vi.waitFor(() => expect(beating.endpoint.connections).toBe(0), { timeout: 2_000 });
    socket.terminate();
    await beating.close();
  });
});
