// A second, small subgraph for the federation tests: a fintech catalogue that owns
// `FinancialEntity.name` and lists the leads each fintech approved, by reference to our `Lead`.
// Nobody here would write it this way in production; it stands in for "a graph nobody here wrote".
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';

export interface Fintech {
  id: string;
  name: string;
  /** Global lead ids (ours), as the catalogue stored them. */
  approvedLeadIds: string[];
}

export const FINTECH_TYPE_DEFS: DocumentNode = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type FinancialEntity @key(fields: "id") {
    id: ID!
    name: String!
    "Leads this fintech approved; resolved by the lead subgraph."
    approvedLeads: [Lead!]!
  }

  type Lead @key(fields: "id", resolvable: false) {
    id: ID!
  }

  type Query {
    financialEntity(id: ID!): FinancialEntity
    financialEntities: [FinancialEntity!]!
  }
`);

export function fintechSchema(catalogue: readonly Fintech[]): GraphQLSchema {
  const byId = new Map(catalogue.map((f) => [f.id, f]));
  return buildSubgraphSchema({
    typeDefs: FINTECH_TYPE_DEFS,
    resolvers: {
      Query: {
        financialEntity: (_: unknown, { id }: { id: string }) => byId.get(id) ?? null,
        financialEntities: () => catalogue,
      },
      FinancialEntity: {
        __resolveReference: ({ id }: { id: string }) => byId.get(id) ?? null,
        approvedLeads: (fintech: Fintech) => fintech.approvedLeadIds.map((id) => ({ id })),
      },
    },
  });
}
