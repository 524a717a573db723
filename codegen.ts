import type { CodegenConfig } from '@graphql-codegen/cli';

// Resolver types come from the SDL; each GraphQL type that resolvers build from our own
// normalised models is mapped to that model (never to a vendor's JSON).
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
        contextType: '../context.js#RequestContext',
        mappers: {
          Lead: '../model/models.js#LeadModel',
          FinancialEntity: '../model/models.js#FinancialEntityModel',
          LeadSearch: '../model/models.js#LeadSearchModel',
          LeadConnection: '../leads/connection.js#LeadConnectionModel',
          VendorInfo: '../model/models.js#VendorInfoModel',
          DistributionTotals: '../model/models.js#DistributionTotalsModel',
          Person: '../leads/people.js#PersonModel',
          PersonLink: '../leads/people.js#PersonLinkModel',
          PersonKeptApart: '../leads/people.js#PersonKeptApartModel',
          PersonMatchComparison: '../leads/identity/score.js#MatchComparison',
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
