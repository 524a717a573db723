// Stopping as a supervisor does it, on real processes: `npm start` and the entry point, signals,
// draining an in-flight request, the drain bound, a second signal.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LeanCoreSimulator } from '../../../src/simulators/leancore.js';
import { readyUrl, useProcesses, type RunningProcess } from '../../support/process.js';

const PHONE = '3136434030';
const run = useProcesses();
let leancore: LeanCoreSimulator;

beforeAll(async () => {
  leancore = new LeanCoreSimulator();
  await leancore.start();
});
afterAll(() => leancore.close());
afterEach(() => {
  leancore.clearFaults();
  leancore.resetRequests();
});

/** The entry point on the test's own LeanCore simulator (so the test can slow it down). */
const startServer = (env: Record<string, string> = {}) =>
  run(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    PORT: '0',
    LEANCORE_BASE_URL: leancore.url,
    LEANCORE_TOKEN: leancore.token,
    ...env,
  });

const search = (url: string) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ searchLeads(phone: "${PHONE}", vendors: [LEANCORE]) { leads { fullName } } }` }),
  });

/** Whether anything still listens at `url`. */
const listening = (url: string) =>
  fetch(`${url}/health`).then(
    () => true,
    () => false,
  );

describe('npm start', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops the server when the npm process gets ${signal}`, async () => {
      const npm = run('npm', ['start'], { PORT: '0' });
      const url = await readyUrl(npm);
      expect(await listening(url)).toBe(true);
      npm.child.kill(signal);
      expect(await npm.exited).toEqual({ code: 0, signal: null });
      // Nothing orphaned keeps the port: within 10 s nobody answers there.
      await vi.waitFor(async () => expect(await listening(url)).toBe(false), { timeout: 10_000, interval: 100 });
    }, 90_000);
  }
});

describe('the production build', () => {
  it('npm run build compiles to dist/, and node dist/index.js serves (schema found) and stops with exit 0', async () => {
    const build = run('npm', ['run', 'build'], {});
    expect((await build.exited).code, build.output()).toBe(0);
    const server = run(process.execPath, ['dist/index.js'], {
      PORT: '0',
      LEANCORE_BASE_URL: leancore.url,
      LEANCORE_TOKEN: leancore.token,
    });
    const url = await readyUrl(server);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect(await (await search(url)).json()).toEqual({
      data: { searchLeads: { leads: [{ fullName: 'Valentina Ríos Gómez' }] } },
    });
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  }, 180_000);
});

describe('stopping', () => {
  it('finishes an in-flight request that outlives the signal, then exits 0', async () => {
    leancore.inject({ delayMs: 3_000 });
    const server = startServer();
    const url = await readyUrl(server);
    const answer = search(url);
    await vi.waitFor(() => expect(leancore.requests).toHaveLength(1), { timeout: 10_000, interval: 20 });
    server.child.kill('SIGTERM');
    const response = await answer;
    // The signal was handled while the request was still waiting on the vendor.
    expect(server.output()).toMatch(/"msg":"shutting down"/);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: { searchLeads: { leads: [{ fullName: 'Valentina Ríos Gómez' }] } },
    });
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output()).toMatch(/"msg":"stopped"/);
    expect(await listening(url)).toBe(false);
  }, 90_000);

  it('cuts what is still running at SHUTDOWN_TIMEOUT_MS and still exits 0', async () => {
    leancore.inject({ hang: true });
    const server = startServer({ SHUTDOWN_TIMEOUT_MS: '300', LEANCORE_TIMEOUT_MS: '15000' });
    const url = await readyUrl(server);
    const answer = search(url).then(
      () => 'answered',
      () => 'connection closed',
    );
    await vi.waitFor(() => expect(leancore.requests).toHaveLength(1), { timeout: 10_000, interval: 20 });
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(await answer).toBe('connection closed');
    expect(server.output()).toMatch(/"cutRequests":1/);
  }, 90_000);

  it('exits at once on a second signal', async () => {
    leancore.inject({ hang: true });
    const server = startServer({ SHUTDOWN_TIMEOUT_MS: '600000' });
    const url = await readyUrl(server);
    void search(url).catch(() => undefined);
    await vi.waitFor(() => expect(leancore.requests).toHaveLength(1), { timeout: 10_000, interval: 20 });
    server.child.kill('SIGTERM');
    await server.waitFor(/"msg":"shutting down"/);
    server.child.kill('SIGTERM');
    // Without the second signal it would wait for the hanging request for 10 minutes.
    expect(await server.exited).toEqual({ code: 143, signal: null });
  }, 90_000);
});

describe('the drain a load balancer can follow', () => {
  it('after SIGTERM, answers /ready 503 at once and serves new connections for SHUTDOWN_DELAY_MS, then stops', async () => {
    const delayMs = 8_000;
    const server = startServer({ SHUTDOWN_DELAY_MS: String(delayMs) });
    const url = await readyUrl(server);
    expect((await fetch(`${url}/ready`)).status).toBe(200);
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    await server.waitFor(/"msg":"shutting down"/);
    // A load balancer that has not noticed yet still opens connections here: they are served,
    // and each answer closes its connection so the client's next one goes elsewhere.
    const ready = await fetch(`${url}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable', reason: 'shutting down' });
    const response = await search(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('connection')).toBe('close');
    expect(await response.json()).toEqual({
      data: { searchLeads: { leads: [{ fullName: 'Valentina Ríos Gómez' }] } },
    });
    expect(server.child.exitCode).toBeNull();
    expect(await server.exited).toEqual({ code: 0, signal: null });
    // The listener closed only after the delay (a lower bound, which no slow machine breaks).
    expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(delayMs);
    expect(await listening(url)).toBe(false);
  }, 90_000);
});

describe('an exit that never waits on the log sink', () => {
  /** The server with its stdout's reader gone once it is ready (as when its parent was killed). */
  const startWithoutLogReader = async (env: Record<string, string>) => {
    const server = startServer(env);
    const url = await readyUrl(server);
    server.child.stdout.destroy();
    return { server, url };
  };
  /** Its exit, which must come within a generous bound (the logs hold it at most 1 s). */
  const exitWithin = (server: RunningProcess, ms = 20_000) =>
    Promise.race([server.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), ms))]);

  it('ends the drain with exit 0 although stdout has no reader', async () => {
    const { server } = await startWithoutLogReader({ SHUTDOWN_DELAY_MS: '0' });
    // "shutting down" and "stopped" are logged at once, then the exit: what pino used to flush
    // synchronously then retried its failed write forever.
    server.child.kill('SIGTERM');
    expect(await exitWithin(server)).toEqual({ code: 0, signal: null });
  }, 90_000);

  it('ends on a second signal although stdout has no reader', async () => {
    const { server, url } = await startWithoutLogReader({ SHUTDOWN_DELAY_MS: '120000' });
    server.child.kill('SIGTERM');
    // The first signal was handled (its log line is lost): readiness says so during the delay.
    await vi.waitFor(async () => expect((await fetch(`${url}/ready`)).status).toBe(503), {
      timeout: 10_000,
      interval: 50,
    });
    server.child.kill('SIGTERM');
    expect(await exitWithin(server)).toEqual({ code: 143, signal: null });
  }, 90_000);
});
