// The vendor check as processes: `npm run check:vendors` end to end (its JSON and exit code,
// with the embedded simulators and with vendors from the environment), and the start-up check
// of the server, logged per vendor without holding up the listener.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { BesChannelsSimulator } from '../../../src/simulators/beschannels.js';
import { json } from '../../../src/simulators/server.js';
import { ZenSimulator } from '../../../src/simulators/zen.js';
import type { VendorReport } from '../../../src/vendor-check/run.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const running: ChildProcess[] = [];
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** Runs a script with only these variables (nothing leaks in from the machine). */
function spawnScript(script: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', ...env },
  });
  running.push(child);
  let stdout = '';
  let stderr = '';
  const listeners: (() => void)[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    listeners.forEach((l) => l());
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    listeners.forEach((l) => l());
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(stdout + stderr);
        if (match) resolve(match);
      };
      listeners.push(check);
      check();
      void exited.then(() => {
        check();
        reject(new Error(`exited before printing ${String(pattern)}:\n${stdout}${stderr}`));
      });
    });
  return { exited, waitFor, stdout: () => stdout, stderr: () => stderr };
}

async function started<T extends { start(): Promise<string>; close(): Promise<void> }>(sim: T): Promise<T> {
  await sim.start();
  closers.push(() => sim.close());
  return sim;
}

describe('npm run check:vendors', () => {
  it('--simulators --json: every vendor checked, Zen skipped, JSON on stdout, exit 0', async () => {
    const run = spawnScript('scripts/check-vendors.ts', ['--simulators', '--json'], {});
    expect(await run.exited).toBe(0);
    const report = JSON.parse(run.stdout()) as { ok: boolean; vendors: VendorReport[] };
    expect(report.ok).toBe(true);
    expect(report.vendors.map((v) => v.vendor)).toEqual(['LEANCORE', 'BESCHANNELS', 'CRMCOM', 'ZEN']);
    const verdicts = report.vendors.flatMap((v) => v.steps.map((s) => s.verdict));
    expect(verdicts.filter((v) => v !== 'confirmed')).toEqual(['skipped']);
  });

  it('checks the vendors of the environment: an unknown shape exits 1 and no secret is printed', async () => {
    const secret = 'PLANTED-SECRET-bes-cli-5c7e';
    const bes = await started(new BesChannelsSimulator({ appSecret: secret }));
    const zen = await started(new ZenSimulator());
    bes.inject({ path: '/leads-list', response: json(200, { code: 0, msg: '', data: { rows: [] } }) });
    const dir = await mkdtemp(join(tmpdir(), 'vendor-check-'));
    closers.push(() => rm(dir, { recursive: true, force: true }));
    const run = spawnScript('scripts/check-vendors.ts', ['--json', '--record', dir], {
      BESCHANNELS_BASE_URL: bes.url,
      BESCHANNELS_APP_ID: bes.appId,
      BESCHANNELS_APP_SECRET: secret,
      ZEN_URL: zen.integrationUrl,
      ZEN_TOKEN: zen.token,
    });
    expect(await run.exited).toBe(1);
    const report = JSON.parse(run.stdout()) as { ok: boolean; vendors: VendorReport[] };
    expect(report.ok).toBe(false);
    expect(report.vendors.map((v) => v.vendor)).toEqual(['BESCHANNELS', 'ZEN']);
    expect(report.vendors[0]?.steps.find((s) => s.step === 'list')).toMatchObject({
      verdict: 'unknown-shape',
      shape: '{rows: array(empty)}',
    });
    // The transcripts: one per vendor checked, the list's unknown shape in it, no secret.
    expect((await readdir(dir)).sort()).toEqual(['beschannels.json', 'zen.json']);
    const transcript = await readFile(join(dir, 'beschannels.json'), 'utf8');
    expect(JSON.parse(transcript)).toMatchObject({
      vendor: 'BESCHANNELS',
      entries: expect.arrayContaining([
        expect.objectContaining({
          step: 'list',
          response: { status: 200, body: { code: 0, msg: '', data: { rows: [] } } },
        }),
      ]) as unknown,
    });
    const written = run.stdout() + run.stderr() + transcript;
    expect(bes.issuedTokens()).toHaveLength(1);
    for (const value of [secret, ...bes.issuedTokens()]) expect(written).not.toContain(value);
    // Zen is configured, but not called without --zen.
    expect(zen.requests).toHaveLength(0);
  });

  it('with no vendor configured: says so and exits 2', async () => {
    const run = spawnScript('scripts/check-vendors.ts', [], {});
    expect(await run.exited).toBe(2);
    expect(run.stdout()).toMatch(/No vendor is configured/);
  });
});

describe('the start-up vendor check', () => {
  it('logs each vendor after a token and one cheap read, and never calls Zen', async () => {
    const server = spawnScript('src/index.ts', [], { PORT: '0' });
    await server.waitFor(/ready at http/);
    for (const name of ['LeanCore', 'BesChannels', 'CRM.COM']) {
      await server.waitFor(new RegExp(`start-up vendor check: ${name.replace('.', '\\.')} answers as expected`));
    }
    await server.waitFor(/start-up vendor check: Zen not called/);
  });

  it('does not hold up the listener: /ready and queries answer while a vendor hangs', async () => {
    const zen = await started(new ZenSimulator());
    const bes = await started(new BesChannelsSimulator());
    bes.inject({ hang: true });
    const server = spawnScript('src/index.ts', [], {
      PORT: '0',
      BESCHANNELS_BASE_URL: bes.url,
      BESCHANNELS_APP_ID: bes.appId,
      BESCHANNELS_APP_SECRET: bes.appSecret,
      BESCHANNELS_TIMEOUT_MS: '15000',
      ZEN_URL: zen.integrationUrl,
      ZEN_TOKEN: zen.token,
    });
    const [, url] = await server.waitFor(/ready at (http:\/\/\S+)\/graphql/);
    // The check's token call is in flight (its answer never comes)…
    await expect.poll(() => bes.requestsTo('/api/get-access-token').length).toBe(1);
    // …and the server serves meanwhile.
    expect((await fetch(`${url!}/ready`)).status).toBe(200);
    const answer = await fetch(`${url!}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ vendors { vendor enabled } }' }),
    });
    expect(answer.status).toBe(200);
    expect(server.stdout() + server.stderr()).not.toMatch(/start-up vendor check: BesChannels/);
    expect(zen.requests).toHaveLength(0);
  });
});
