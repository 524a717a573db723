// Stopping as a supervisor does it, on real processes: `npm start` and the entry point, signals,
// draining an in-flight request, the drain bound, a second signal.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LeanCoreSimulator } from '../src/simulators/leancore.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PHONE = '3136434030';
const running: ChildProcess[] = [];
let leancore: LeanCoreSimulator;

beforeAll(async () => {
  leancore = new LeanCoreSimulator();
  await leancore.start();
});
afterAll(() => leancore.close());
afterEach(() => {
  leancore.clearFaults();
  leancore.resetRequests();
  // Each command leads its own process group: whatever it left behind goes too.
  for (const child of running.splice(0)) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // the whole group is gone already
    }
  }
});

/** Runs `command` with only these variables (no vendor settings leak in from the machine). */
function run(command: string, args: string[], env: Record<string, string>) {
  const child = spawn(command, args, {
    cwd: ROOT,
    detached: true,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? ROOT, ...env },
  });
  running.push(child);
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitFor = (pattern: RegExp) =>
    vi.waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`exited before printing ${String(pattern)}:\n${output}`);
        const match = pattern.exec(output);
        if (!match) throw new Error(`not yet: ${String(pattern)}`);
        return match;
      },
      { timeout: 60_000, interval: 50 },
    );
  return { child, exited, waitFor, output: () => output };
}

/** The entry point on the test's own LeanCore simulator (so the test can slow it down). */
const startServer = (env: Record<string, string> = {}) =>
  run(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    PORT: '0',
    LEANCORE_BASE_URL: leancore.url,
    LEANCORE_TOKEN: leancore.token,
    ...env,
  });

const readyUrl = async (server: ReturnType<typeof run>) => {
  const [, url] = await server.waitFor(/ready at (http:\/\/\S+)\/graphql/);
  return url!;
};

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
