// Composes our subgraph with others (@apollo/composition) and runs the supergraph through
// @apollo/gateway, as a router would. Our subgraph is reached through Apollo Server's
// executeOperation (the same request pipeline as HTTP, without a port); every operation the
// gateway sends it is recorded, so tests can count `_entities` rounds.
import assert from 'node:assert/strict';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, LocalGraphQLDataSource, type GraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { DocumentNode, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { createLogger } from '../../src/logger.js';
import { loadTypeDefs, withoutRouterOnlyDirectives } from '../../src/schema.js';
import type { LeadGraph } from '../../src/server.js';

export interface SubgraphRequest {
  query: string;
  variables: Record<string, unknown>;
}

export interface Supergraph {
  supergraphSdl: string;
  /** Operations the gateway sent to our (the leads) subgraph. */
  leadsRequests: SubgraphRequest[];
  execute<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: TData | null; errors?: readonly GraphQLFormattedError[] }>;
  stop(): Promise<void>;
}

export interface OtherSubgraph {
  name: string;
  typeDefs: DocumentNode;
  schema: GraphQLSchema;
}

/** Composes; throws with every composition error when it fails. */
export function compose(services: { name: string; typeDefs: DocumentNode }[]): string {
  const result = composeServices(services.map((s) => ({ ...s, url: `http://${s.name}.subgraph.test/graphql` })));
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

export async function startSupergraph(leads: LeadGraph, others: OtherSubgraph[]): Promise<Supergraph> {
  const supergraphSdl = compose([{ name: 'leads', typeDefs: withoutRouterOnlyDirectives(loadTypeDefs()) }, ...others]);
  const leadsRequests: SubgraphRequest[] = [];
  const leadsSource: GraphQLDataSource = {
    async process({ request }) {
      const query = request.query ?? '';
      const variables = request.variables ?? {};
      leadsRequests.push({ query, variables });
      const response = await leads.server.executeOperation(
        { query, variables, ...(request.operationName ? { operationName: request.operationName } : {}) },
        { contextValue: await leads.createContext() },
      );
      assert.equal(response.body.kind, 'single');
      return response.body.singleResult;
    },
  };
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger: createLogger('silent'),
    buildService: ({ name }) => {
      if (name === 'leads') return leadsSource;
      const other = others.find((o) => o.name === name);
      assert.ok(other, `no subgraph named ${name}`);
      return new LocalGraphQLDataSource(other.schema);
    },
  });
  const server = new ApolloServer({ gateway, logger: createLogger('silent') });
  await server.start();
  return {
    supergraphSdl,
    leadsRequests,
    async execute<TData>(query: string, variables?: Record<string, unknown>) {
      const response = await server.executeOperation<TData>({ query, variables });
      assert.equal(response.body.kind, 'single');
      return response.body.singleResult;
    },
    stop: () => server.stop(),
  };
}
