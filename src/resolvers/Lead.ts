import type { LeadResolvers } from '../__generated__/resolvers-types.js';
import { personOfLead } from '../people-search.js';
import { selectedFieldPaths } from '../selection.js';

// The other fields are read straight off LeadModel.
export const Lead: LeadResolvers = {
  // Batched: every representation in one `_entities` call goes through the vendors' loaders.
  // Vendors that can fetch some fields only are told which the `_entities` selection needs.
  // Async so that a reference we cannot resolve (bad id, vendor not configured) fails alone:
  // a synchronous throw would fail every representation of the `_entities` call.
  __resolveReference: async ({ id }, { dataSources }, info) =>
    dataSources.prepareLeadLookup(id, 'id', selectedFieldPaths(info, 'Lead'))(),
  person: (lead, _, { dataSources }) => personOfLead(dataSources, lead),
  // Batched per vendor: the remarks of every lead in one request come in one call.
  remarks: ({ vendor, remoteId }, _, { dataSources }) => dataSources.leadEditor(vendor).remarks(remoteId),
};
