// The container image without Docker: this test reads the Dockerfile and reproduces what it
// builds (each stage's COPY and RUN lines, the build context filtered by .dockerignore), then
// runs the final stage's CMD on the simulators of `npm run simulators`, so the Dockerfile cannot
// rot unnoticed. One shortcut: the build stage's full `npm ci` is the repository's own
// node_modules (same lockfile); the runtime's `npm ci --omit=dev` runs for real.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative } from 'node:path';
import { promisify } from 'node:util';
import dockerignoreModule from '@balena/dockerignore';
import { afterAll, describe, expect, it } from 'vitest';
import { readyUrl, ROOT, useProcesses } from '../../support/process.js';

// CommonJS whose types claim an ES default export: the module itself is the function.
const dockerignore = dockerignoreModule as unknown as typeof dockerignoreModule.default;
const exec = promisify(execFile);
const run = useProcesses();
const API_KEY = 'image-test-key-0123456789';

interface Stage {
  name: string;
  root: string;
  workdir: string;
  env: Record<string, string>;
  user?: string;
  cmd?: string[];
}

/** The Dockerfile's instructions, continuation lines joined and comments dropped. */
async function instructions(): Promise<{ keyword: string; args: string }[]> {
  const text = (await readFile(join(ROOT, 'Dockerfile'), 'utf8')).replace(/\\\n/g, ' ');
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

/** `--flag=value` options first, then the rest. */
function options(args: string): { flags: Record<string, string>; rest: string[] } {
  const words = args.split(/\s+/);
  const flags: Record<string, string> = {};
  while (words[0]?.startsWith('--')) {
    const [flag = '', value = ''] = words.shift()!.slice(2).split(/=(.*)/);
    flags[flag] = value;
  }
  return { flags, rest: words };
}

/** Builds the image's stages as directories under `into`; returns them, the last one the image. */
async function buildImage(into: string): Promise<Stage[]> {
  const context = dockerignore().add(await readFile(join(ROOT, '.dockerignore'), 'utf8'));
  const stages: Stage[] = [];
  const inStage = (stage: Stage, path: string) => join(stage.root, posix.resolve(stage.workdir, path));
  for (const { keyword, args } of await instructions()) {
    const stage = stages.at(-1);
    if (keyword === 'ARG') continue;
    if (keyword === 'FROM') {
      const [, , name] = args.split(/\s+/);
      stages.push({
        name: name ?? String(stages.length),
        root: join(into, `stage-${stages.length}`),
        workdir: '/',
        env: {},
      });
      continue;
    }
    if (!stage) throw new Error(`${keyword} before FROM`);
    if (keyword === 'WORKDIR') {
      stage.workdir = posix.resolve(stage.workdir, args);
      await mkdir(inStage(stage, '.'), { recursive: true });
    } else if (keyword === 'ENV') {
      const [name = '', value = ''] = args.split(/=(.*)/);
      stage.env[name] = value;
    } else if (keyword === 'USER') {
      stage.user = args;
    } else if (keyword === 'CMD') {
      stage.cmd = JSON.parse(args) as string[];
    } else if (keyword === 'COPY') {
      const { flags, rest } = options(args);
      const destination = rest.pop()!;
      for (const source of rest) {
        const from = flags['from'] ? stages.find((s) => s.name === flags['from']) : undefined;
        if (flags['from'] && !from) throw new Error(`COPY --from=${flags['from']}: no such stage`);
        const origin = from ? join(from.root, source) : join(ROOT, source);
        const target = destination.endsWith('/')
          ? join(inStage(stage, destination), posix.basename(source))
          : inStage(stage, destination);
        await mkdir(dirname(target), { recursive: true });
        await cp(origin, target, {
          recursive: true,
          // Only the build context (the repository less .dockerignore) reaches a COPY without --from.
          filter: (path) => from !== undefined || path === ROOT || !context.ignores(relative(ROOT, path)),
        });
      }
    } else if (keyword === 'RUN') {
      const command = options(args).rest.join(' ');
      const cwd = inStage(stage, '.');
      if (/^npm ci\b/.test(command) && !command.includes('--omit=dev')) {
        await symlink(join(ROOT, 'node_modules'), join(cwd, 'node_modules'));
      } else {
        await exec('sh', ['-c', command], { cwd, env: { ...process.env, ...stage.env }, maxBuffer: 16 * 1024 * 1024 });
      }
    } else if (!['EXPOSE', 'LABEL', 'HEALTHCHECK', 'STOPSIGNAL'].includes(keyword)) {
      throw new Error(`the image test does not know ${keyword}: teach it, or the image is not what is tested`);
    }
  }
  return stages;
}

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('the container image (Dockerfile reproduced without Docker)', () => {
  it('holds dist/, schema/ and production dependencies only, runs as a non-root user, and serves on the simulators', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lead-graph-image-'));
    dirs.push(dir);
    const stages = await buildImage(dir);
    const image = stages.at(-1)!;
    const app = join(image.root, image.workdir);

    expect(image.user).toBeDefined();
    expect(['root', '0']).not.toContain(image.user);
    expect((await readdir(app)).sort()).toEqual([
      'dist',
      'node_modules',
      'package-lock.json',
      'package.json',
      'schema',
    ]);
    // No development dependency came along (the compiler, the test runner, tsx).
    for (const dev of ['typescript', 'vitest', 'tsx']) {
      await expect(stat(join(app, 'node_modules', dev))).rejects.toThrow(/ENOENT/);
    }

    const simulators = run('npm', ['run', '--silent', 'simulators'], {});
    await simulators.waitFor(/^# Ready\./m);
    const vendorEnv = Object.fromEntries(
      [...simulators.output().matchAll(/^([A-Z_]+)=(.*)$/gm)].map(([, name, value]) => [name!, value!]),
    );
    expect(Object.keys(vendorEnv)).toEqual(expect.arrayContaining(['LEANCORE_BASE_URL', 'ZEN_URL']));

    const [command = '', ...args] = image.cmd!;
    const server = run(
      command === 'node' ? process.execPath : command,
      args,
      {
        ...image.env,
        ...vendorEnv,
        PORT: '0',
        API_KEYS: API_KEY,
        METRICS_TOKEN: 'image-test-metrics-token',
        LEAD_ID_KEY: 'image-test-lead-id-key-000000000001',
      },
      { cwd: app },
    );
    const url = await readyUrl(server);
    expect(server.output()).not.toMatch(/SIMULATORS/);
    expect((await fetch(`${url}/ready`)).status).toBe(200);
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
      body: JSON.stringify({
        query: '{ searchLeads(phone: "3136434030", vendors: [LEANCORE]) { leads { fullName } } }',
      }),
    });
    expect(await response.json()).toEqual({ data: { searchLeads: { leads: [{ fullName: 'Valentina Ríos Gómez' }] } } });
    server.child.kill('SIGTERM');
    simulators.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  }, 600_000);
});
