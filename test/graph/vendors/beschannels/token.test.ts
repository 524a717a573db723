// The BesChannels access token: one issue call however many requests wait, refresh ahead of
// expiry on an injected clock, one replay when the vendor refuses the token, never for writes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../../src/logger.js';
import { errorCodes, startTestGraph, type TestGraph, type TestGraphOptions } from '../../../support/graph.js';

const TOKEN_PATH = '/api/get-access-token';
const DETAILS_PATH = '/leads/open-api/leads-details';
const MINUTE = 60_000;

let t: TestGraph | undefined;
let clock = Date.parse('2026-11-23T10:00:00Z');
const now = () => clock;

async function start(options: TestGraphOptions = {}): Promise<TestGraph> {
  clock = Date.parse('2026-11-23T10:00:00Z');
  t = await startTestGraph({ now, ...options });
  return t;
}
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

const lead = (graph: TestGraph, id = 'beschannels:5878') =>
  graph.execute<{ lead: { id: string; remoteData: unknown } }>(`query($id: ID!) { lead(id: $id) { id remoteData } }`, {
    id,
  });
const tokensUsed = (graph: TestGraph) =>
  graph.sims.beschannels.requestsTo(DETAILS_PATH).map((r) => r.query['access_token']);

describe('BesChannels token', () => {
  it('makes one token call for 100 concurrent queries on a cold start', async () => {
    const graph = await start();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => lead(graph, `beschannels:${5878 + (i % 6)}`)),
    );
    expect(results.flatMap(errorCodes)).toEqual([]);
    expect(graph.sims.beschannels.requestsTo(TOKEN_PATH)).toHaveLength(1);
    expect(graph.sims.beschannels.requestsTo(DETAILS_PATH)).toHaveLength(100);
    expect(new Set(tokensUsed(graph)).size).toBe(1);
  });

  it('keeps the token while it lives and refreshes it ahead of its 2-hour expiry', async () => {
    const graph = await start();
    await lead(graph);
    clock += 110 * MINUTE; // 10 minutes left: still ours to use
    await lead(graph);
    expect(graph.sims.beschannels.requestsTo(TOKEN_PATH)).toHaveLength(1);

    clock += 6 * MINUTE; // 4 minutes left: inside the refresh-ahead window
    const result = await lead(graph);
    expect(errorCodes(result)).toEqual([]);
    // The live token still serves this query while its successor is asked for in the background.
    await vi.waitFor(() => expect(graph.sims.beschannels.requestsTo(TOKEN_PATH)).toHaveLength(2));
    await lead(graph);
    const [first, second, third, fourth] = tokensUsed(graph);
    expect([second, third]).toEqual([first, first]);
    expect(fourth).not.toBe(first); // less than 20 minutes left: BesChannels issued a new token
  });

  it('gets a new token and replays a read once when BesChannels says the token expired', async () => {
    const graph = await start();
    await lead(graph);
    graph.sims.beschannels.expireTokens();
    graph.sims.beschannels.resetRequests();

    const result = await lead(graph);
    expect(errorCodes(result)).toEqual([]);
    expect(graph.sims.beschannels.requestsTo(TOKEN_PATH)).toHaveLength(1);
    const [refused, replayed] = tokensUsed(graph);
    expect(tokensUsed(graph)).toHaveLength(2);
    expect(replayed).not.toBe(refused);
  });

  it('gives up with UPSTREAM_UNAUTHORIZED when the fresh token is refused too', async () => {
    const graph = await start();
    await lead(graph);
    graph.sims.beschannels.resetRequests();
    graph.sims.beschannels.refuseTokens = true;

    const result = await lead(graph);
    expect(errorCodes(result)).toEqual(['UPSTREAM_UNAUTHORIZED']);
    expect(result.data?.lead ?? null).toBeNull();
    // One replay, not a loop: two reads, one new token.
    expect(graph.sims.beschannels.requestsTo(DETAILS_PATH)).toHaveLength(2);
    expect(graph.sims.beschannels.requestsTo(TOKEN_PATH)).toHaveLength(1);
  });

  it('recognises a refused token of an unknown code by a message naming access_token', async () => {
    const graph = await start();
    await lead(graph);
    graph.sims.beschannels.resetRequests();
    graph.sims.beschannels.inject({
      response: { status: 200, json: { code: 90017, msg: 'access_token 校验失败', data: null } },
      times: 1,
    });
    const replayed = await lead(graph);
    expect(errorCodes(replayed)).toEqual([]);
    expect(graph.sims.beschannels.requestsTo(TOKEN_PATH)).toHaveLength(1);
    expect(graph.sims.beschannels.requestsTo(DETAILS_PATH)).toHaveLength(2);
  });

  it('replays after an HTTP 401 that names the token, and not after one that does not', async () => {
    const graph = await start();
    await lead(graph);
    graph.sims.beschannels.resetRequests();
    graph.sims.beschannels.inject({ response: { status: 401, json: { msg: 'access_token expired' } }, times: 1 });
    expect(errorCodes(await lead(graph))).toEqual([]);
    expect(graph.sims.beschannels.requestsTo(TOKEN_PATH)).toHaveLength(1);

    graph.sims.beschannels.resetRequests();
    graph.sims.beschannels.inject({ response: { status: 401, json: { msg: 'IP not allowed' } }, times: 1 });
    expect(errorCodes(await lead(graph, 'beschannels:5879'))).toEqual(['UPSTREAM_UNAUTHORIZED']);
    expect(graph.sims.beschannels.requestsTo(TOKEN_PATH)).toHaveLength(0);
    expect(graph.sims.beschannels.requestsTo(DETAILS_PATH)).toHaveLength(1);
  });

  it('never refreshes the token on other business errors', async () => {
    const graph = await start();
    await lead(graph);
    graph.sims.beschannels.resetRequests();
    graph.sims.beschannels.inject({
      response: { status: 200, json: { code: 45009, msg: '接口调用频率超过限制', data: null } },
      times: 1,
    });
    const result = await lead(graph);
    expect(errorCodes(result)).toEqual(['RATE_LIMITED']);
    expect(result.errors?.[0]?.extensions).toMatchObject({ vendorCode: 45009, vendorMessage: '接口调用频率超过限制' });
    expect(graph.sims.beschannels.requestsTo(TOKEN_PATH)).toHaveLength(0);
    expect(graph.sims.beschannels.requestsTo(DETAILS_PATH)).toHaveLength(1);
  });

  it('does not replay a write after a refused token, and the next write gets a new token', async () => {
    const graph = await start();
    await lead(graph);
    graph.sims.beschannels.expireTokens();
    graph.sims.beschannels.resetRequests();
    const create = `mutation { createLead(input: { fullName: "林晓", phone: "+86 137 0000 1111" }) { id } }`;

    const refused = await graph.execute(create);
    expect(errorCodes(refused)).toEqual(['UPSTREAM_UNAUTHORIZED']);
    expect(refused.data).toBeNull();
    // Said as it is: the token was only dropped; no new one was asked for yet.
    expect(refused.errors?.[0]?.message).toBe(
      'BesChannels rejected our access token, so it did not act on this write; ' +
        'the token was dropped and the next call asks for a new one: the write can be sent again',
    );
    expect(graph.sims.beschannels.requestsTo(TOKEN_PATH)).toHaveLength(0);
    expect(graph.sims.beschannels.requestsTo('/create-leads')).toHaveLength(1);
    expect(graph.sims.beschannels.leads.some((l) => l.FullName === '林晓')).toBe(false);

    const sent = await graph.execute<{ createLead: { id: string } }>(create);
    expect(errorCodes(sent)).toEqual([]);
    expect(graph.sims.beschannels.requestsTo(TOKEN_PATH)).toHaveLength(1);
    expect(graph.sims.beschannels.requestsTo('/create-leads')).toHaveLength(2);
  });

  it('reports bad app credentials as UPSTREAM_UNAUTHORIZED without leaking the secret', async () => {
    const graph = await start({
      configure: (config) => ({
        ...config,
        vendors: {
          ...config.vendors,
          beschannels: { ...config.vendors.beschannels!, appSecret: 'not-the-right-app-secret' },
        },
      }),
    });
    const results = await Promise.all([lead(graph), lead(graph, 'beschannels:5879')]);
    for (const result of results) {
      expect(errorCodes(result)).toEqual(['UPSTREAM_UNAUTHORIZED']);
      expect(result.errors?.[0]?.extensions).toMatchObject({ vendor: 'BESCHANNELS', vendorCode: 40013 });
      expect(JSON.stringify(result)).not.toContain('not-the-right-app-secret');
    }
    expect(graph.sims.beschannels.requestsTo(TOKEN_PATH)).toHaveLength(1);
    expect(graph.sims.beschannels.requestsTo(DETAILS_PATH)).toHaveLength(0);
  });

  it('never shows the token in answers, remoteData or errors', async () => {
    const graph = await start();
    const ok = await lead(graph);
    graph.sims.beschannels.inject({
      response: { status: 200, json: { code: 40010, msg: 'bad call', data: null } },
      times: 1,
    });
    const failed = await lead(graph, 'beschannels:5879');
    expect(errorCodes(failed)).toEqual(['UPSTREAM_REJECTED']);
    const [token] = graph.sims.beschannels.issuedTokens();
    expect(token).toBeDefined();
    expect(JSON.stringify([ok, failed])).not.toContain(token!);
  });
});

describe('BesChannels token in logs', () => {
  it('never logs the token or the app secret, even at debug level and on failures', async () => {
    const lines: string[] = [];
    const graph = await start({ logger: createLogger('debug', { write: (line: string) => lines.push(line) }) });
    await lead(graph);
    graph.sims.beschannels.inject({ response: { status: 500, json: { code: -1, msg: 'oops' } }, times: 1 });
    await lead(graph, 'beschannels:5879'); // a failed attempt, retried
    graph.sims.beschannels.expireTokens();
    await lead(graph, 'beschannels:5880'); // a refused token, replayed
    await graph.execute(`mutation { createLead(input: { phone: "+57 313 643 4030" }) { id } }`); // a business error

    const tokens = graph.sims.beschannels.issuedTokens();
    expect(tokens).toHaveLength(2);
    const logged = lines.join('\n');
    expect(logged).toContain('access_token=%5BREDACTED%5D'); // the path is logged, its token masked
    expect(logged).toContain('retrying vendor call');
    for (const secret of [...tokens, graph.sims.beschannels.appSecret]) expect(logged).not.toContain(secret);
  });
});

describe('BesChannels simulator token rule', () => {
  it('returns the same token with more than 20 minutes left and a new one with less', async () => {
    const graph = await start();
    const ask = async () => {
      const response = await fetch(`${graph.sims.beschannels.url}/api/get-access-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ app_id: graph.sims.beschannels.appId, app_secret: graph.sims.beschannels.appSecret }),
      });
      return ((await response.json()) as { data: { access_token: string; expire_time: number } }).data;
    };
    const first = await ask();
    expect(first.expire_time).toBe(7200);
    clock += 90 * MINUTE;
    expect(await ask()).toEqual({ access_token: first.access_token, expire_time: 1800 });
    clock += 15 * MINUTE;
    const renewed = await ask();
    expect(renewed.access_token).not.toBe(first.access_token);
    expect(renewed.expire_time).toBe(7200);
  });
});
