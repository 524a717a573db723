// Builds the subgraph server; src/index.ts only wires config and listens, and tests use this
// directly with executeOperation.
import { ApolloServer } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError } from 'graphql';
import type { Config } from './config.js';
import type { RequestContext } from './context.js';
import { DataSources, VendorClients } from './datasources/index.js';
import type { Logger } from './logger.js';
import { resolvers } from './resolvers/index.js';
import { loadTypeDefs } from './schema.js';

export interface LeadGraph {
  server: ApolloServer<RequestContext>;
  /** A fresh context (datasources and loaders) for one GraphQL request. */
  createContext: () => Promise<RequestContext>;
  clients: VendorClients;
}

export interface ServerOptions {
  /** The clock for token lifetimes and caches; tests inject one. @default Date.now */
  now?: () => number;
}

export function createServer(config: Config, logger: Logger, options: ServerOptions = {}): LeadGraph {
  const clients = new VendorClients(config, logger, options);
  const server = new ApolloServer<RequestContext>({
    schema: buildSubgraphSchema({ typeDefs: loadTypeDefs(), resolvers }),
    logger,
    // Stack traces could carry vendor URLs; errors say what happened through their codes.
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => {
      const original = unwrapResolverError(error);
      if (original instanceof GraphQLError || !(error instanceof GraphQLError && error.originalError)) {
        return formatted;
      }
      // Not one of our typed errors: a bug. Log it, tell the client no more than that.
      logger.error({ err: original, path: formatted.path }, 'unexpected error in a resolver');
      return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    },
  });
  return {
    server,
    clients,
    createContext: () => Promise.resolve({ dataSources: new DataSources(clients) }),
  };
}
