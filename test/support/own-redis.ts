// A redis-server of a test's own on a free loopback port, for the cases the machine's shared
// Redis must never see: stopped, paused (SIGSTOP), resumed. Fails loudly if it cannot start.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createTcpServer } from 'node:net';

export interface OwnRedis {
  url: string;
  /** Freezes the server (SIGSTOP): connections stay open and nothing is answered. */
  pause(): void;
  /** Thaws it (SIGCONT): what was sent meanwhile is answered. */
  resume(): void;
  stop(): Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await Promise.race([
    new Promise<boolean>((resolve) => {
      const check = setInterval(() => {
        if (output.includes('Ready to accept connections')) {
          clearInterval(check);
          resolve(true);
        }
      }, 10);
      void exited.then(() => {
        clearInterval(check);
        resolve(false);
      });
    }),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000)),
  ]);
  if (!ready) {
    child.kill('SIGKILL');
    throw new Error(`could not start redis-server on port ${port} (is redis-server installed?):\n${output}`);
  }
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    url: `redis://127.0.0.1:${port}`,
    pause: () => void (running() && child.kill('SIGSTOP')),
    resume: () => void (running() && child.kill('SIGCONT')),
    async stop() {
      if (!running()) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A port nobody listens on now (redis-server takes no `--port 0`). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createTcpServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
