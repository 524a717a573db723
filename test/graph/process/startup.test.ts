// `npm start` as a person runs it: the real entry point in a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
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
      // Lines are written in batches: what is awaited may have come with an earlier chunk.
      check();
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
    await server.waitFor(/No REDIS_URL: idempotency keys of writes are kept in this process’s memory/);
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
    const server = start({
      NODE_ENV: 'production',
      API_KEYS: 'a-production-api-key-0001',
      LEAD_ID_KEY: 'a-production-lead-id-key-0000000001',
    });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/No vendor is configured and NODE_ENV=production/);
  });

  it('refuses to start in production without client authentication', async () => {
    const server = start({ NODE_ENV: 'production', LEANCORE_BASE_URL: 'http://127.0.0.1:9', LEANCORE_TOKEN: 't' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/NODE_ENV=production needs client authentication: set API_KEYS/);
  });

  it('in production, serves only callers with a key', async () => {
    const server = start({
      NODE_ENV: 'production',
      PORT: '0',
      LEAD_ID_KEY: 'a-production-lead-id-key-0000000001',
      API_KEYS: 'a-production-api-key-0001',
      METRICS_TOKEN: 'a-metrics-token-00001',
      LEANCORE_BASE_URL: 'http://127.0.0.1:9',
      LEANCORE_TOKEN: 't',
    });
    const [, url] = await server.waitFor(/ready at (http:\/\/\S+\/graphql)/);
    const ask = (headers: Record<string, string>) =>
      fetch(url!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: '{ vendors { vendor enabled } }' }),
      });
    expect((await ask({})).status).toBe(401);
    const allowed = await ask({ 'x-api-key': 'a-production-api-key-0001' });
    expect(allowed.status).toBe(200);
    expect(server.output()).not.toContain('a-production-api-key-0001');
    // The start line promises what is there: credentials needed, no Sandbox, no introspection.
    expect(server.output()).toMatch(/POST GraphQL there with an API key in x-api-key; production: no Sandbox page/);
    expect(server.output()).not.toMatch(/Sandbox opens/);
    const browser = await fetch(url!, { headers: { accept: 'text/html' } });
    expect(browser.status).toBe(401);
    // Introspection is off; the schema is read through _service { sdl } with credentials.
    const introspect = (query: string) =>
      fetch(url!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'a-production-api-key-0001' },
        body: JSON.stringify({ query }),
      }).then(
        async (r) =>
          (await r.json()) as { data?: { _service?: { sdl: string } }; errors?: { extensions?: { code?: string } }[] },
      );
    expect((await introspect('{ __schema { queryType { name } } }')).errors?.[0]?.extensions?.code).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
    expect((await introspect('{ _service { sdl } }')).data?._service?.sdl).toContain('type Lead');
  });

  it('starts open in production with AUTH_DISABLED=true, warning about it', async () => {
    const server = start({
      NODE_ENV: 'production',
      PORT: '0',
      LEAD_ID_KEY: 'a-production-lead-id-key-0000000001',
      AUTH_DISABLED: 'true',
      METRICS_PUBLIC: 'true',
      LEANCORE_BASE_URL: 'http://127.0.0.1:9',
      LEANCORE_TOKEN: 't',
    });
    await server.waitFor(/"level":40,[^\n]*AUTH_DISABLED=true: anyone who can reach this server may read and write/);
    const [, url] = await server.waitFor(/ready at (http:\/\/\S+\/graphql)/);
    const response = await fetch(url!, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ vendors { vendor } }' }),
    });
    expect(response.status).toBe(200);
  });

  it('refuses to start in production with GET /metrics open, and says how to go on', async () => {
    const server = start({
      NODE_ENV: 'production',
      PORT: '0',
      LEAD_ID_KEY: 'a-production-lead-id-key-0000000001',
      API_KEYS: 'a-production-api-key-0001',
      LEANCORE_BASE_URL: 'http://127.0.0.1:9',
      LEANCORE_TOKEN: 't',
    });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/METRICS_TOKEN is not set and NODE_ENV=production: refusing to start/);
    expect(server.output()).toMatch(/Set METRICS_TOKEN, or METRICS_PUBLIC=true/);
    expect(server.output()).not.toMatch(/ready at/);
  });

  it('serves /metrics to anyone in production when METRICS_PUBLIC=true, warning about it', async () => {
    const server = start({
      NODE_ENV: 'production',
      PORT: '0',
      LEAD_ID_KEY: 'a-production-lead-id-key-0000000001',
      API_KEYS: 'a-production-api-key-0001',
      METRICS_PUBLIC: 'true',
      LEANCORE_BASE_URL: 'http://127.0.0.1:9',
      LEANCORE_TOKEN: 't',
    });
    await server.waitFor(/"level":40,[^\n]*METRICS_PUBLIC=true: GET \/metrics answers anyone/);
    const [, url] = await server.waitFor(/ready at (http:\/\/\S+)\/graphql/);
    const metrics = await fetch(`${url!}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('process_cpu_seconds_total');
  });

  it('refuses METRICS_PUBLIC=true beside a METRICS_TOKEN', async () => {
    const server = start({ METRICS_PUBLIC: 'true', METRICS_TOKEN: 'a-metrics-token-00001' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/METRICS_PUBLIC=true contradicts METRICS_TOKEN/);
  });

  it('refuses a bad configuration, naming the variable and hiding the secret', async () => {
    const server = start({ LEANCORE_TOKEN: 'top-secret-token-value', PORT: 'x' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/LEANCORE_BASE_URL must be set too/);
    expect(server.output()).toMatch(/PORT /);
    expect(server.output()).not.toContain('top-secret-token-value');
  });
});
