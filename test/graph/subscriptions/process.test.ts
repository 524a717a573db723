// The entry point as a supervisor stops it, with a subscriber connected: SIGTERM closes the
// WebSocket with 1001 within the drain, the subscription's end is logged, the process exits 0.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeanCoreSimulator } from '../../../src/simulators/leancore.js';
import { readyUrl, useProcesses } from '../../support/process.js';
import { subscribe } from '../../support/subscriptions.js';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const run = useProcesses();
let leancore: LeanCoreSimulator;

beforeAll(async () => {
  leancore = new LeanCoreSimulator();
  await leancore.start();
});
afterAll(() => leancore.close());

describe('stopping with subscribers', () => {
  it('SIGTERM closes every WebSocket with 1001 within the drain, then exits 0', async () => {
    const server = run(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      PORT: '0',
      SHUTDOWN_DELAY_MS: '0',
      LEANCORE_BASE_URL: leancore.url,
      LEANCORE_TOKEN: leancore.token,
    });
    const url = await readyUrl(server);
    let closed: (code: number) => void = () => {};
    const closedWith = new Promise<number>((resolve) => (closed = resolve));
    const client = createClient({
      url: `${url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      on: { closed: (event) => closed((event as { code: number }).code) },
    });
    const subscription = subscribe(client, 'subscription { leadsChanged(vendor: LEANCORE) { leadId } }');
    await server.waitFor(/"msg":"subscription started"/, 10_000);
    server.child.kill('SIGTERM');
    expect(await closedWith).toBe(1001);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output()).toMatch(/"msg":"subscription ended"/);
    expect(subscription.ended).toBe(true);
    await client.dispose();
  }, 60_000);
});
