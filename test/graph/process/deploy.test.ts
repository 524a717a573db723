// What can be checked of deploy/ without a cluster or Docker: every file parses, every variable
// it sets is one the server reads, the probes' paths answer on a real server, the stop's timings
// fit in the grace period, and the local fleet's vendor variables are what the simulators print.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig, SETTING_NAMES } from '../../../src/config.js';
import { healthRoutes } from '../../../src/http/health.js';
import { HttpDrain } from '../../../src/http/shutdown.js';
import { createLogger } from '../../../src/logger.js';
import { useHttpTestGraph } from '../../support/http.js';
import { ROOT, useProcesses } from '../../support/process.js';

type Doc = Record<string, unknown> & { kind?: string };
const DEPLOY = join(ROOT, 'deploy');

async function yamlFiles(dir: string): Promise<{ file: string; docs: Doc[] }[]> {
  const files = (await readdir(dir, { recursive: true })).filter((f) => /\.ya?ml$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => {
      const docs = parseAllDocuments(await readFile(join(dir, file), 'utf8'));
      for (const doc of docs) if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.join('; ')}`);
      return { file, docs: docs.map((doc) => doc.toJS() as Doc) };
    }),
  );
}

/** Walks into `value` by a path of keys and indexes; throws when a step is missing. */
function at(value: unknown, ...path: (string | number)[]): unknown {
  let here = value;
  for (const step of path) {
    if (typeof here !== 'object' || here === null || !(step in here)) throw new Error(`missing ${path.join('.')}`);
    here = (here as Record<string | number, unknown>)[step];
  }
  return here;
}
const record = (value: unknown) => value as Record<string, string>;

const kubernetes = async () => (await yamlFiles(join(DEPLOY, 'kubernetes'))).flatMap(({ docs }) => docs);
const byKind = (docs: Doc[], kind: string) => {
  const found = docs.filter((doc) => doc.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0]!;
};
const compose = async () => {
  const [file] = await yamlFiles(join(DEPLOY, 'compose')).then((files) =>
    files.filter((f) => f.file === 'compose.yaml'),
  );
  return file!.docs[0]!;
};

describe('deploy/', () => {
  it('every YAML file parses, and Kubernetes has what a fleet needs', async () => {
    const files = await yamlFiles(DEPLOY);
    expect(files.map((f) => f.file)).toEqual(
      expect.arrayContaining(['compose/compose.yaml', 'kubernetes/deployment.yaml']),
    );
    const kinds = (await kubernetes()).flatMap((doc) => doc.kind ?? []).sort();
    expect(kinds).toEqual([
      'ConfigMap',
      'Deployment',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
      'Secret',
      'Service',
    ]);
  });

  it('sets only variables the server reads, in Kubernetes and in compose', async () => {
    const docs = await kubernetes();
    const container = at(byKind(docs, 'Deployment'), 'spec', 'template', 'spec', 'containers', 0);
    const names = [
      ...Object.keys(record(at(byKind(docs, 'ConfigMap'), 'data'))),
      ...Object.keys(record(at(byKind(docs, 'Secret'), 'stringData'))),
      ...((container as { env?: { name: string }[] }).env ?? []).map((e) => e.name),
      ...Object.keys(record(at(await compose(), 'services', 'lead-graph', 'environment'))),
    ];
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((name) => !SETTING_NAMES.includes(name))).toEqual([]);
    // The ConfigMap and Secret together are a configuration production accepts.
    const env = {
      ...record(at(byKind(docs, 'ConfigMap'), 'data')),
      ...record(at(byKind(docs, 'Secret'), 'stringData')),
    };
    expect(() => loadConfig(env)).not.toThrow();
    expect(Object.keys(loadConfig(env).vendors).sort()).toEqual(['beschannels', 'crmcom', 'leancore', 'zen']);
  });

  it('gives the kubelet more time than preStop, the delay and the drain together', async () => {
    const docs = await kubernetes();
    const pod = at(byKind(docs, 'Deployment'), 'spec', 'template', 'spec');
    const config = loadConfig({
      ...record(at(byKind(docs, 'ConfigMap'), 'data')),
      ...record(at(byKind(docs, 'Secret'), 'stringData')),
    });
    const preStop = at(pod, 'containers', 0, 'lifecycle', 'preStop', 'exec', 'command') as string[];
    expect(preStop[0]).toBe('sleep');
    const preStopMs = Number(preStop[1]) * 1000;
    expect(preStopMs).toBeGreaterThan(0);
    const stopMs = preStopMs + config.shutdownDelayMs! + config.shutdownTimeoutMs;
    expect(Number(at(pod, 'terminationGracePeriodSeconds')) * 1000).toBeGreaterThan(stopMs);
    // Compose's grace period covers the delay and the drain as well.
    const composeEnv = record(at(await compose(), 'services', 'lead-graph', 'environment'));
    const composeConfig = loadConfig({ ...composeEnv });
    expect(
      parseInt(String(at(await compose(), 'services', 'lead-graph', 'stop_grace_period')), 10) * 1000,
    ).toBeGreaterThan(composeConfig.shutdownDelayMs! + composeConfig.shutdownTimeoutMs);
  });

  describe('probes', () => {
    const drain = new HttpDrain();
    const { t, http } = useHttpTestGraph(
      {},
      {
        drain,
        get openRoutes() {
          return healthRoutes({ config: t.config, logger: createLogger('silent'), graph: t.graph, drain });
        },
      },
    );

    it('the Deployment probes paths the server answers 200 on', async () => {
      const container = at(byKind(await kubernetes(), 'Deployment'), 'spec', 'template', 'spec', 'containers', 0);
      const paths = ['readinessProbe', 'livenessProbe', 'startupProbe'].map((probe) =>
        String(at(container, probe, 'httpGet', 'path')),
      );
      expect(paths.slice(0, 2)).toEqual(['/ready', '/health']);
      for (const path of paths) expect((await fetch(`${http.url}${path}`)).status, path).toBe(200);
      const port = at(container, 'ports', 0, 'containerPort');
      const configMap = record(at(byKind(await kubernetes(), 'ConfigMap'), 'data'));
      expect(String(port)).toBe(configMap['PORT']);
    });
  });

  describe('the local fleet', () => {
    const run = useProcesses();

    it('points the replicas at what its simulators service prints', async () => {
      const services = record(at(await compose(), 'services')) as unknown as Record<string, { command: string[] }>;
      const [, script, ...args] = services['simulators']!.command;
      expect(script).toBe('dist/simulators/cli.js');
      // The same program from the sources, on loopback rather than on every interface.
      const hostAt = args.indexOf('--host');
      if (hostAt >= 0) args.splice(hostAt, 2);
      const simulators = run(process.execPath, ['--import', 'tsx', 'src/simulators/cli.ts', ...args], {});
      await simulators.waitFor(/^# Ready\./m);
      const printed = Object.fromEntries(
        [...simulators.output().matchAll(/^([A-Z_]+)=(.*)$/gm)].map(([, name, value]) => [name!, value!]),
      );
      const environment = record(at(await compose(), 'services', 'lead-graph', 'environment'));
      expect(Object.keys(printed).length).toBeGreaterThan(5);
      for (const [name, value] of Object.entries(printed)) expect(environment[name], name).toBe(value);
    }, 60_000);
  });
});
