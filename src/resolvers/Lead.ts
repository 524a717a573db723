import type { LeadResolvers } from '../__generated__/resolvers-types.js';
import { personOfLead } from '../leads/people-search.js';
import { selectedFieldPaths } from './selection.js';

// The other fields are read straight off LeadModel.
export const Lead: LeadResolvers = {
  // Batched: every representation in one `_entities` call goes through the vendors' loaders.
  // Vendors that can fetch some fields only are told which the `_entities` selection needs.
  // loadLead rejects, never throws, so a reference we cannot resolve (bad id, vendor not
  // configured) fails alone: a synchronous throw would fail every representation of `_entities`.
  // A reference by an alias of the id resolves, and is logged and counted (decision 0110).
  __resolveReference: ({ id }, { dataSources }, info) =>
    dataSources.loadReference(id, selectedFieldPaths(info, 'Lead')),
  person: (lead, _, { dataSources }) => personOfLead(dataSources, lead),
  // Batched per vendor: the remarks of every lead in one request come in one call.
  remarks: ({ vendor, remoteId }, _, { dataSources }) => dataSources.leadEditor(vendor).remarks(remoteId),
};
