import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, type DocumentNode } from 'graphql';

const SCHEMA_DIR = fileURLToPath(new URL('../schema/', import.meta.url));

/** The SDL in schema/*.graphql, the contract, as one document. */
export function loadTypeDefs(): DocumentNode {
  const files = readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort();
  return parse(files.map((f) => readFileSync(SCHEMA_DIR + f, 'utf8')).join('\n'));
}

/**
 * The subgraph SDL as supergraph tooling wants it (`rover subgraph publish`, composition):
 * our types with their federation directives, `@link` included.
 */
export function printSubgraphSdl(): string {
  return printSubgraphSchema(buildSubgraphSchema({ typeDefs: loadTypeDefs() }));
}
