import type { FinancialEntityResolvers } from '../__generated__/resolvers-types.js';

export const FinancialEntity: FinancialEntityResolvers = {
  // No vendor call: LeanCore has no endpoint for a financial entity; what we know we keep.
  __resolveReference: ({ id }, { dataSources }) => ({
    id,
    ecosystem: dataSources.leancore?.ecosystemOf(id) ?? null,
  }),
  ecosystem: ({ id, ecosystem }, _, { dataSources }) => ecosystem ?? dataSources.leancore?.ecosystemOf(id) ?? null,
  assignedLeads: ({ id }, _, { dataSources }) => dataSources.leancore?.assignedLeads(id) ?? [],
};
