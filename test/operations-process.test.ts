// Stopping as a supervisor does it, on real processes: `npm start` and signals.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const running: ChildProcess[] = [];

afterEach(() => {
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

const readyUrl = async (server: ReturnType<typeof run>) => {
  const [, url] = await server.waitFor(/ready at (http:\/\/\S+)\/graphql/);
  return url!;
};

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
