// Real processes as a supervisor runs them: a command in its own process group with only the
// variables given, its output collected, and the whole group killed when the test ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, vi } from 'vitest';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunOptions {
  cwd?: string;
}

export type RunningProcess = ReturnType<ReturnType<typeof useProcesses>>;

/** Call at a test file's top level; returns `run`, whose processes are killed after each test. */
export function useProcesses() {
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
  return function run(command: string, args: string[], env: Record<string, string>, options: RunOptions = {}) {
    const child = spawn(command, args, {
      cwd: options.cwd ?? ROOT,
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
    const waitFor = (pattern: RegExp, timeout = 60_000) =>
      vi.waitFor(
        () => {
          const match = pattern.exec(output);
          if (match) return match;
          if (child.exitCode !== null) throw new Error(`exited before printing ${String(pattern)}:\n${output}`);
          throw new Error(`not yet: ${String(pattern)}`);
        },
        { timeout, interval: 50 },
      );
    return { child, exited, waitFor, output: () => output };
  };
}

/** The server's URL, from its "ready at" line. */
export async function readyUrl(server: RunningProcess): Promise<string> {
  const [, url] = await server.waitFor(/ready at (http:\/\/\S+)\/graphql/);
  return url!;
}

/** A loopback port nobody listens on now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
