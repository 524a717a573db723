// `npm start` as a person runs it: the real entry point in a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const running: ChildProcess[] = [];

afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
});

/** Starts src/index.ts with only these variables (no vendor settings leak in from the machine). */
function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', ...env },
  });
  running.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(output);
        if (match) resolve(match);
      };
      child.stdout.on('data', check);
      child.stderr.on('data', check);
      void exited.then(() => {
        check();
        reject(new Error(`exited before printing ${String(pattern)}:\n${output}`));
      });
    });
  return { exited, waitFor, output: () => output };
}

describe('the server entry point', () => {
  it('starts on the embedded simulators with no configuration, says so, and answers', async () => {
    const server = start({ PORT: '0' });
    await server.waitFor(/built-in vendor SIMULATORS/);
    const [, url] = await server.waitFor(/ready at (http:\/\/\S+\/graphql)/);
    const response = await fetch(url!, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ searchLeads(phone: "3136434030", vendors: [LEANCORE]) { leads { fullName } } }',
      }),
    });
    expect(await response.json()).toEqual({
      data: { searchLeads: { leads: [{ fullName: 'Valentina Ríos Gómez' }] } },
    });
    const landing = await fetch(url!, { headers: { accept: 'text/html' } });
    expect(await landing.text()).toContain('Sandbox');
  });

  it('refuses to start in production with no vendor configured', async () => {
    const server = start({ NODE_ENV: 'production' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/No vendor is configured and NODE_ENV=production/);
  });

  it('refuses a bad configuration, naming the variable and hiding the secret', async () => {
    const server = start({ LEANCORE_TOKEN: 'top-secret-token-value', PORT: 'x' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/LEANCORE_BASE_URL must be set too/);
    expect(server.output()).toMatch(/PORT /);
    expect(server.output()).not.toContain('top-secret-token-value');
  });
});
