import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, visit, type DocumentNode, type GraphQLSchema } from 'graphql';
import { StartupError } from './errors.js';

const SCHEMA_DIR = fileURLToPath(new URL('../schema/', import.meta.url));

/** The SDL in schema/*.graphql, the contract, as one document. */
export function loadTypeDefs(): DocumentNode {
  let names: string[];
  try {
    names = readdirSync(SCHEMA_DIR);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new StartupError(`the schema directory ${SCHEMA_DIR} is missing: ship schema/ beside dist/ (see Dockerfile)`);
  }
  const files = names.filter((f) => f.endsWith('.graphql')).sort();
  return parse(files.map((f) => readFileSync(SCHEMA_DIR + f, 'utf8')).join('\n'));
}

/**
 * What `_service { sdl }` declares to composition (FEDERATION_SDL): every directive, or without
 * `@authenticated` / `@requiresScopes` for `@apollo/gateway`, which refuses a supergraph with them
 * (docs/decisions/0101-sdl-without-router-directives.md). The subgraph enforces both either way.
 */
export type FederationSdl = 'full' | 'without-router-directives';

const CACHE_CONTROL = ['cacheControl', 'CacheControlScope'];

/**
 * Our SDL as composition should see it: without `@cacheControl` and its `CacheControlScope` enum.
 * Composition drops the directive (it is not composed), which left the enum unused: every
 * composition printed the hint UNUSED_ENUM_TYPE. Routers read our hints from the Cache-Control
 * header, not from the supergraph; the executable schema keeps the directive.
 */
export function compositionTypeDefs(typeDefs: DocumentNode, sdl: FederationSdl = 'full'): DocumentNode {
  const withoutCacheControl = visit(typeDefs, {
    Directive: (node) => (node.name.value === 'cacheControl' ? null : undefined),
    DirectiveDefinition: (node) => (CACHE_CONTROL.includes(node.name.value) ? null : undefined),
    EnumTypeDefinition: (node) => (CACHE_CONTROL.includes(node.name.value) ? null : undefined),
  });
  return sdl === 'full' ? withoutCacheControl : withoutRouterOnlyDirectives(withoutCacheControl);
}

/**
 * The subgraph SDL as supergraph tooling wants it (`rover subgraph publish`, composition), the
 * one `_service { sdl }` answers: our types with their federation directives, `@link` included.
 */
export function printSubgraphSdl(sdl: FederationSdl = 'full'): string {
  return printSubgraphSchema(buildSubgraphSchema({ typeDefs: compositionTypeDefs(loadTypeDefs(), sdl) }));
}

/** Makes `_service { sdl }` answer `sdl` instead of the SDL the schema was built from. */
export function serveSubgraphSdl(schema: GraphQLSchema, sdl: string): GraphQLSchema {
  const service = schema.getQueryType()?.getFields()['_service'];
  if (!service) throw new Error('not a subgraph schema: Query._service is missing');
  service.resolve = () => ({ sdl });
  return schema;
}

const ROUTER_ONLY = ['authenticated', 'requiresScopes'];

/**
 * Our SDL without `@authenticated` and `@requiresScopes`: Apollo Gateway, and a router without a
 * GraphOS licence, refuse a supergraph with features they cannot enforce; our subgraph checks
 * scopes itself.
 */
export function withoutRouterOnlyDirectives(typeDefs: DocumentNode): DocumentNode {
  return visit(typeDefs, {
    Directive: (node) => (ROUTER_ONLY.includes(node.name.value) ? null : undefined),
    StringValue: (node) => (ROUTER_ONLY.some((name) => node.value === `@${name}`) ? null : undefined),
  });
}
