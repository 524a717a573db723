import type { LeadResolvers } from '../__generated__/resolvers-types.js';

// The other fields are read straight off LeadModel.
export const Lead: LeadResolvers = {
  // Batched: every representation in one `_entities` call goes through the vendors' loaders.
  __resolveReference: ({ id }, { dataSources }) => dataSources.prepareLeadLookup(id)(),
  // Batched per vendor: the remarks of every lead in one request come in one call.
  remarks: ({ vendor, remoteId }, _, { dataSources }) => dataSources.leadEditor(vendor).remarks(remoteId),
};
