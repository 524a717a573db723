import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { BadUserInputError } from '../errors.js';
import { leadsConnection } from '../connection.js';
import { searchLeads } from '../search.js';

/** More ids than this in one `leads(ids:)` is refused: each may cost a vendor call. */
export const MAX_IDS_PER_QUERY = 100;

export const Query: QueryResolvers = {
  lead: (_, { id }, { dataSources }) => dataSources.prepareLeadLookup(id)(),

  leads: (_, { ids }, { dataSources }) => {
    if (ids.length > MAX_IDS_PER_QUERY) {
      throw new BadUserInputError(`At most ${MAX_IDS_PER_QUERY} ids at once (got ${ids.length})`, 'ids');
    }
    // Every id is checked before any vendor is called; then all loads start in the same tick,
    // so each vendor's DataLoader batches them into one round.
    const lookups = ids.map((id, index) => dataSources.prepareLeadLookup(id, `ids[${index}]`));
    return lookups.map((load) => load());
  },

  searchLeads: (_, args, { dataSources }) =>
    searchLeads(dataSources, args, dataSources.clients.config.defaultPhoneRegion),

  leadsConnection: (_, args, { dataSources }) => leadsConnection(dataSources, args),

  vendors: (_, __, { dataSources }) => dataSources.clients.describe(),

  distributionTotals: (_, { date }, { dataSources }) => dataSources.requireZen().totals(date),
};
