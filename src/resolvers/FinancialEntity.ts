import type { FinancialEntityResolvers } from '../__generated__/resolvers-types.js';
import type { DataSources } from '../datasources/index.js';

export const FinancialEntity: FinancialEntityResolvers = {
  // No vendor call: no vendor has an endpoint for a financial entity; what we know we keep.
  __resolveReference: ({ id }, { dataSources }) => ({ id, ecosystem: ecosystemOf(dataSources, id) }),
  ecosystem: ({ id, ecosystem }, _, { dataSources }) => ecosystem ?? ecosystemOf(dataSources, id),
  assignedLeads: async ({ id }, _, { dataSources }) => {
    const leads = await Promise.all(dataSources.financialEntityAssigners().map((a) => a.assignedLeads(id)));
    return leads.flat();
  },
};

function ecosystemOf(dataSources: DataSources, id: string): string | null {
  for (const assigner of dataSources.financialEntityAssigners()) {
    const ecosystem = assigner.ecosystemOf(id);
    if (ecosystem !== null) return ecosystem;
  }
  return null;
}
