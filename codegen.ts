import type { CodegenConfig } from '@graphql-codegen/cli';

// Resolver types come from the SDL; each GraphQL type that resolvers build from our own
// normalised models is mapped to that model (never to a vendor's JSON). Mappers point only at
// src/model/, which owns the contract and imports no generated code.
const config: CodegenConfig = {
  schema: 'schema/*.graphql',
  generates: {
    'src/__generated__/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        useIndexSignature: true,
        useTypeImports: true,
        enumsAsTypes: true,
        contextType: '../request/context.js#RequestContext',
        mappers: {
          Lead: '../model/models.js#LeadModel',
          FinancialEntity: '../model/models.js#FinancialEntityModel',
          LeadSearch: '../model/models.js#LeadSearchModel',
          LeadConnection: '../model/models.js#LeadConnectionModel',
          VendorInfo: '../model/models.js#VendorInfoModel',
          DistributionTotals: '../model/models.js#DistributionTotalsModel',
          LeadChange: '../model/models.js#LeadChangeModel',
          Person: '../model/models.js#PersonModel',
          PersonLink: '../model/models.js#PersonLinkModel',
          PersonKeptApart: '../model/models.js#PersonKeptApartModel',
          PersonMatchComparison: '../model/models.js#MatchComparison',
        },
        scalars: {
          JSON: 'unknown',
          // graphql-scalars' Date parses to a JS Date (UTC midnight) and serialises either form.
          Date: { input: 'Date', output: 'Date | string' },
          DateTime: 'Date',
          ID: 'string',
        },
      },
    },
  },
};

export default config;
