import { GraphQLError } from 'graphql';
import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { BadUserInputError } from '../errors.js';
import { leadsConnection } from '../connection.js';
import { findPeople } from '../people-search.js';
import { searchLeads } from '../search.js';
import { selectedFieldPaths } from '../selection.js';

/** More ids than this in one `leads(ids:)` is refused: each may cost a vendor call. */
export const MAX_IDS_PER_QUERY = 100;

export const Query: QueryResolvers = {
  lead: (_, { id }, { dataSources }, info) =>
    dataSources.prepareLeadLookup(id, 'id', selectedFieldPaths(info, 'Lead'))(),

  leads: (_, { ids }, { dataSources }, info) => {
    if (ids.length > MAX_IDS_PER_QUERY) {
      throw new BadUserInputError(`At most ${MAX_IDS_PER_QUERY} ids at once (got ${ids.length})`, 'ids');
    }
    // Every id is checked before any vendor is called; then all loads start in the same tick,
    // so each vendor's DataLoader batches them into one round.
    const selection = selectedFieldPaths(info, 'Lead');
    const lookups = ids.map((id, index) => {
      try {
        return dataSources.prepareLeadLookup(id, `ids[${index}]`, selection);
      } catch (error) {
        // A malformed id fails the whole field; a vendor we cannot ask fails its own entry only.
        if (error instanceof BadUserInputError || !(error instanceof GraphQLError)) throw error;
        return () => Promise.reject(error);
      }
    });
    return lookups.map((load) => load());
  },

  searchLeads: (_, args, { dataSources }) =>
    searchLeads(dataSources, args, dataSources.clients.config.defaultPhoneRegion),

  people: (_, args, { dataSources }) => findPeople(dataSources, args, dataSources.clients.config.defaultPhoneRegion),

  leadsConnection: (_, args, { dataSources }) => leadsConnection(dataSources, args),

  vendors: (_, __, { dataSources }) => dataSources.clients.describe(),

  distributionTotals: (_, { date }, { dataSources }) => dataSources.requireZen().totals(date),
};
