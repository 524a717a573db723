// Start-up failures an operator fixes outside the code, through the real entry point: each gets
// one clear line (no stack) and exit 1, or, for a Redis that is down, one line naming it.
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, readyUrl, ROOT, useProcesses } from '../../support/process.js';

const run = useProcesses();
// A vendor is configured (no call is made at start), so the embedded simulators stay out of it.
const VENDOR = { LEANCORE_BASE_URL: 'http://127.0.0.1:9', LEANCORE_TOKEN: 'unused-token' };
const startServer = (env: Record<string, string>, cwd?: string) =>
  run(process.execPath, ['--import', 'tsx', 'src/index.ts'], { PORT: '0', ...VENDOR, ...env }, { cwd });

/** Exactly one line of explanation, and no stack trace. */
const expectOneClearLine = (output: string, line: RegExp) => {
  expect(
    output
      .trim()
      .split('\n')
      .filter((l) => line.test(l)),
  ).toHaveLength(1);
  expect(output).not.toMatch(/^\s+at /m);
};

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe('start-up failures', () => {
  it('a port already in use: one line naming it, exit 1', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    cleanups.push(() => new Promise((resolve) => taken.close(() => resolve())));
    const port = (taken.address() as { port: number }).port;
    const server = startServer({ PORT: String(port) });
    expect((await server.exited).code).toBe(1);
    expectOneClearLine(
      server.output(),
      new RegExp(`Lead Graph cannot start: port ${port} is already in use: stop what listens there, or set PORT`),
    );
  }, 60_000);

  it('a missing schema/ directory: one line naming it, exit 1', async () => {
    // The sources without schema/ beside them, as in an image that forgot to copy it.
    const dir = await mkdtemp(join(tmpdir(), 'lead-graph-no-schema-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await cp(join(ROOT, 'src'), join(dir, 'src'), { recursive: true });
    await cp(join(ROOT, 'package.json'), join(dir, 'package.json'));
    await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    const server = startServer({}, dir);
    expect((await server.exited).code).toBe(1);
    expectOneClearLine(
      server.output(),
      /Lead Graph cannot start: the schema directory \S+\/schema\/ is missing: ship schema\/ beside dist\//,
    );
  }, 60_000);

  it('a mistyped setting in production: one line naming the intended variable, exit 1', async () => {
    const server = startServer({ NODE_ENV: 'production', AUTH_DISABLED: 'true', REDIS_ULR: 'redis://redis:6379' });
    expect((await server.exited).code).toBe(1);
    expectOneClearLine(server.output(), /REDIS_ULR is not a setting of Lead Graph: did you mean REDIS_URL\?/);
  }, 60_000);

  it('a mistyped setting in development: a warning, and the server starts', async () => {
    const server = startServer({ REDIS_ULR: 'redis://redis:6379' });
    await readyUrl(server);
    expect(server.output()).toMatch(
      /"level":40,.*"msg":"REDIS_ULR is not a setting of Lead Graph: did you mean REDIS_URL\?"/,
    );
  }, 60_000);

  it('a Redis that cannot be reached: one line naming REDIS_URL’s host; the server starts, not ready', async () => {
    const port = await freePort();
    const server = startServer({ REDIS_URL: `redis://127.0.0.1:${port}` });
    const url = await readyUrl(server);
    expect(server.output()).toContain(`"msg":"REDIS_URL's host 127.0.0.1:${port} cannot be reached:`);
    const ready = await fetch(`${url}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable', reason: 'Redis does not answer' });
  }, 60_000);
});
