// Starts the vendor simulators and a Lead Graph server pointed at them, for one test file.
import assert from 'node:assert/strict';
import type { Tracer } from '@opentelemetry/api';
import type { GraphQLFormattedError } from 'graphql';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { DEFAULT_RESILIENCE, edgeDefaults, type Config } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { createServer, type LeadGraph } from '../../src/server.js';
import { startSimulators, type EmbeddedVendors } from '../../src/simulators/index.js';

export interface TestGraph {
  sims: EmbeddedVendors;
  graph: LeadGraph;
  config: Config;
  /** Runs one operation through Apollo Server, as a client would, with a fresh request context. */
  execute<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    /** Which operation to run when `query` holds several. */
    operationName?: string,
  ): Promise<{ data?: TData | null; errors?: readonly GraphQLFormattedError[] }>;
  stop(): Promise<void>;
}

export interface TestGraphOptions {
  /** Vendor call bound; small so timeout tests are quick. @default 2000 */
  timeoutMs?: number;
  /** Changes the config built from the simulators (drop a vendor, change a region…). */
  configure?: (config: Config) => Config;
  /** One clock for the simulators and the server (token expiry, budgets, caches). @default Date.now */
  now?: () => number;
  /** The server's logger. @default silent */
  logger?: Logger;
  /**
   * Simulators to point the server at (another test graph's, to run two servers over the same
   * vendors); stopping this graph leaves them running. @default its own
   */
  sims?: EmbeddedVendors;
  /** Traces operations and vendor calls (tracing tests only). */
  tracer?: Tracer;
  /** CRM.COM searched by phone and email (CRMCOM_CONTACT_SEARCH=true; off by default). */
  crmcomContactSearch?: boolean;
}

export async function startTestGraph(options: TestGraphOptions = {}): Promise<TestGraph> {
  const sims = options.sims ?? (await startSimulators({ now: options.now }));
  const base: Config = {
    nodeEnv: 'test',
    port: 0,
    logLevel: 'silent',
    defaultPhoneRegion: 'CO',
    vendors: sims.vendorConfigs({ timeoutMs: options.timeoutMs ?? 2_000 }),
    resilience: { ...DEFAULT_RESILIENCE },
    shutdownTimeoutMs: 1_000,
    ...edgeDefaults('test'),
  };
  if (options.crmcomContactSearch && base.vendors.crmcom) base.vendors.crmcom.contactSearch = true;
  const config = options.configure ? options.configure(base) : base;
  const graph = createServer(config, options.logger ?? createLogger(config.logLevel), {
    now: options.now,
    ...(options.tracer ? { tracer: options.tracer } : {}),
  });
  await graph.server.start();
  return {
    sims,
    graph,
    config,
    async execute<TData>(query: string, variables?: Record<string, unknown>, operationName?: string) {
      const response = await graph.server.executeOperation<TData>(
        { query, variables, operationName },
        { contextValue: await graph.createContext() },
      );
      assert.equal(response.body.kind, 'single');
      return response.body.singleResult;
    },
    async stop() {
      await graph.server.stop();
      if (!options.sims) await sims.close();
    },
  };
}

/**
 * The usual set-up of a test file: one graph for the whole file (started before its first test,
 * stopped after its last) and every simulator's faults, latency and recorded requests cleared
 * before each test. The graph returned is filled in when the file's tests start; hooks the file registers
 * after this call run after the start (and, for `afterAll`, before the stop).
 */
export function useTestGraph(options: TestGraphOptions = {}): TestGraph {
  const graph = {} as TestGraph; // filled in by beforeAll, before any test reads it
  beforeAll(async () => {
    Object.assign(graph, await startTestGraph(options));
  });
  beforeEach(async () => {
    graph.sims.setLatency(0);
    for (const sim of [graph.sims.leancore, graph.sims.beschannels, graph.sims.crmcom, graph.sims.zen]) {
      sim.clearFaults();
      sim.resetRequests();
    }
    // A vendor a test made fail must not stay held or open-circuited for the next test.
    await graph.graph.clients.resetVendorGuards();
  });
  afterAll(() => graph.stop());
  return graph;
}

/** The codes of a result's errors, in order. */
export function errorCodes(result: { errors?: readonly GraphQLFormattedError[] }): unknown[] {
  return (result.errors ?? []).map((e) => e.extensions?.['code']);
}
