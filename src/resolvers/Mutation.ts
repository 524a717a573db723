import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import { BadUserInputError } from '../errors.js';
import { parseGlobalId } from '../ids.js';

export const Mutation: MutationResolvers = {
  assignLeadToFinancialEntity: (_, { leadId, financialEntityId }, { dataSources }) => {
    const { vendor, key } = parseGlobalId(leadId, 'leadId');
    if (vendor !== 'LEANCORE') {
      throw new BadUserInputError('Only LeanCore leads can be assigned to a financial entity', 'leadId');
    }
    return dataSources.requireLeanCore().assignToFinancialEntity(key, financialEntityId);
  },
};
