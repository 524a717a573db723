import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, visit, type DocumentNode } from 'graphql';
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
 * The subgraph SDL as supergraph tooling wants it (`rover subgraph publish`, composition):
 * our types with their federation directives, `@link` included.
 */
export function printSubgraphSdl(): string {
  return printSubgraphSchema(buildSubgraphSchema({ typeDefs: loadTypeDefs() }));
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
