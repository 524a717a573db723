import type { FinancialEntityResolvers } from '../__generated__/resolvers-types.js';
import type { DataSources } from '../datasources/index.js';

export const FinancialEntity: FinancialEntityResolvers = {
  // No vendor call: no vendor has an endpoint for a financial entity; what we know we keep.
  // The ecosystem is read from the assignment log only when asked for (the field below).
  __resolveReference: ({ id }) => ({ id, ecosystem: null }),
  ecosystem: ({ id, ecosystem }, _, { dataSources }) => ecosystem ?? ecosystemOf(dataSources, id),
  assignedLeads: async ({ id }, _, { dataSources }) => {
    const leads = await Promise.all(dataSources.financialEntityAssigners().map((a) => a.assignedLeads(id)));
    return leads.flat();
  },
};

async function ecosystemOf(dataSources: DataSources, id: string): Promise<string | null> {
  for (const assigner of dataSources.financialEntityAssigners()) {
    const ecosystem = await assigner.ecosystemOf(id);
    if (ecosystem !== null) return ecosystem;
  }
  return null;
}
