import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { leadsConnection } from '../leads/connection.js';
import { findPeople } from '../leads/people-search.js';
import { searchLeads } from '../leads/search.js';
import { setFieldMaxAge } from '../request/cache-policy.js';
import { selectedFieldPaths } from './selection.js';

export const Query: QueryResolvers = {
  lead: (_, { id }, { dataSources }, info) => dataSources.loadLead(id, selectedFieldPaths(info, 'Lead')),

  leads: (_, { ids }, { dataSources }, info) => dataSources.loadLeads(ids, selectedFieldPaths(info, 'Lead')),

  searchLeads: (_, args, { dataSources }) => searchLeads(dataSources, args),

  people: (_, args, { dataSources }) => findPeople(dataSources, args),

  leadsConnection: (_, args, { dataSources }) => leadsConnection(dataSources, args),

  vendors: (_, __, { dataSources }) => dataSources.describeVendors(),

  distributionTotals: async (_, { date }, { dataSources, operation }, info) => {
    const source = dataSources.distributionTotals();
    const totals = await source.totals(date);
    setFieldMaxAge(operation, info, source.maxAgeSeconds(totals));
    return totals;
  },
};
