// The examples/ a user copies (docs/federation.md) say what Lead Graph reads: the composition
// config composes, without hints, at the version the tests compose with; the Apollo Router config
// forwards the headers Lead Graph reads, adds its router secret header, and bounds cost as Lead
// Graph does. (The Hive Gateway config is run by hive-gateway.test.ts.)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse, print } from 'graphql';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { FORWARDED_HEADERS, LEADS_SUBGRAPH } from '../../../examples/gateway/gateway.config.js';
import { DEFAULT_QUERY_LIMITS, DEFAULT_ROUTER_SECRET_HEADER } from '../../../src/config.js';
import { printSubgraphSdl } from '../../../src/schema.js';
import { FINTECH_TYPE_DEFS } from '../../support/fintech-subgraph.js';
import { composeSupergraph } from '../../support/hive-gateway.js';

const example = (path: string) => readFileSync(new URL(`../../../examples/${path}`, import.meta.url), 'utf8');
const yaml = (path: string) => parseYaml(example(path)) as Record<string, unknown>;

interface SupergraphConfig {
  federation_version: string;
  subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
}

describe('examples/supergraph.yaml', () => {
  const config = yaml('supergraph.yaml') as unknown as SupergraphConfig;

  it('composes Lead Graph (as schema:print prints it) with the fintech subgraph, without a hint', () => {
    expect(Object.keys(config.subgraphs)).toEqual([LEADS_SUBGRAPH, 'fintech']);
    // The fintech SDL shipped is the one the tests serve.
    expect(print(parse(example('fintech.graphql')))).toBe(print(FINTECH_TYPE_DEFS));
    const sdl: Record<string, string> = { leads: printSubgraphSdl(), fintech: example('fintech.graphql') };
    const { hints } = composeSupergraph(
      Object.entries(config.subgraphs).map(([name, subgraph]) => ({
        name,
        url: subgraph.routing_url,
        typeDefs: parse(sdl[name] ?? ''),
      })),
    );
    expect(hints).toEqual([]);
  });

  it('names the composition version the tests compose with', () => {
    const require = createRequire(import.meta.url);
    const { version } = require('@apollo/composition/package.json') as { version: string };
    expect(config.federation_version).toBe(`=${version}`);
  });
});

describe('examples/router/router.yaml', () => {
  const router = yaml('router/router.yaml') as {
    headers: { subgraphs: Record<string, { request: Record<string, { named?: string; name?: string }>[] }> };
    demand_control: { enabled: boolean; mode: string; strategy: { static_estimated: { max: number } } };
    authorization: { directives: { enabled: boolean } };
    authentication: { router: { jwt: { jwks: { url: string }[] } } };
    telemetry: { exporters: { tracing: { propagation: { trace_context: boolean } } } };
  };
  const rules = router.headers.subgraphs[LEADS_SUBGRAPH]?.request ?? [];

  it('forwards to Lead Graph the headers it reads, and adds the router secret in its header', () => {
    const propagated = rules.flatMap((rule) => rule['propagate']?.named ?? []);
    // The router continues the trace itself (trace_context), writing traceparent and tracestate.
    expect(router.telemetry.exporters.tracing.propagation.trace_context).toBe(true);
    expect([...propagated, 'traceparent', 'tracestate'].sort()).toEqual([...FORWARDED_HEADERS, 'x-request-id'].sort());
    expect(rules.flatMap((rule) => rule['insert']?.name ?? [])).toEqual([DEFAULT_ROUTER_SECRET_HEADER]);
  });

  it('enforces demand control with Lead Graph’s own bound, and the authorization directives', () => {
    expect(router.demand_control).toMatchObject({ enabled: true, mode: 'enforce' });
    expect(router.demand_control.strategy.static_estimated.max).toBe(DEFAULT_QUERY_LIMITS.maxCost);
    expect(router.authorization.directives.enabled).toBe(true);
    expect(router.authentication.router.jwt.jwks).toHaveLength(1);
  });
});
