import type { LeadResolvers } from '../__generated__/resolvers-types.js';
import { personOfLead } from '../people-search.js';

// The other fields are read straight off LeadModel.
export const Lead: LeadResolvers = {
  // Batched: every representation in one `_entities` call goes through the vendors' loaders.
  __resolveReference: ({ id }, { dataSources }) => dataSources.prepareLeadLookup(id)(),
  person: (lead, _, { dataSources }) => personOfLead(dataSources, lead),
};
