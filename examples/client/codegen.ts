// A typed client of Lead Graph, as a frontend would build one: GraphQL Code Generator's client
// preset over the printed subgraph schema (`npm run -s schema:print`), with every scalar mapped
// (no `any`). `npm run examples:client` prints the schema, generates and type-checks.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'examples/client/schema.graphql',
  documents: ['examples/client/src/**/*.ts'],
  ignoreNoDocuments: false,
  generates: {
    'examples/client/__generated__/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // A scalar left unmapped fails the generation instead of becoming `any`.
        strictScalars: true,
        scalars: {
          // As they travel in JSON: ISO 8601 strings (`2026-12-04`, `2026-12-04T05:45:43.000Z`).
          Date: 'string',
          DateTime: 'string',
          JSON: 'unknown',
          // Federation's own scalars: never in a client's operations, mapped so none is `any`.
          _Any: 'unknown',
          FieldSet: 'string',
          federation__FieldSet: 'string',
          federation__Scope: 'string',
          federation__Policy: 'string',
          link__Import: 'string',
        },
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
      },
    },
  },
};

export default config;
