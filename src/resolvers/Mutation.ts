import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import { BadUserInputError } from '../errors.js';
import { parseGlobalId, toGlobalId } from '../model/ids.js';
import { parseLeadChanges, parseNewLead, parseOwnerId, parseRemarkContent } from '../leads/lead-input.js';

export const Mutation: MutationResolvers = {
  assignLeadToFinancialEntity: (_, { leadId, financialEntityId }, { dataSources }) => {
    const { vendor, key } = parseGlobalId(leadId, 'leadId');
    if (vendor !== 'LEANCORE') {
      throw new BadUserInputError('Only LeanCore leads can be assigned to a financial entity', 'leadId');
    }
    return dataSources.requireLeanCore().assignToFinancialEntity(key, financialEntityId);
  },

  // Lead writes: the id and the input are checked (BAD_USER_INPUT) before the vendor is called.
  createLead: (_, { input }, { dataSources }) => {
    // GraphQL applies the SDL default (BESCHANNELS); the generated type cannot know it.
    const editor = dataSources.leadEditor(input.vendor ?? 'BESCHANNELS');
    return editor.createLead(parseNewLead(input, dataSources.defaultPhoneRegion));
  },

  updateLead: (_, { id, input }, { dataSources }) => {
    const { editor, key } = dataSources.leadEditorOf(id);
    return editor.updateLead(key, parseLeadChanges(input, dataSources.defaultPhoneRegion));
  },

  deleteLead: async (_, { id }, { dataSources }) => {
    const { editor, vendor, key } = dataSources.leadEditorOf(id);
    await editor.deleteLead(key);
    return toGlobalId(vendor, key);
  },

  assignLead: (_, { id, ownerId }, { dataSources }) => {
    const { editor, key } = dataSources.leadEditorOf(id);
    return editor.assignLead(key, parseOwnerId(ownerId));
  },

  addLeadRemark: (_, { leadId, content }, { dataSources }) => {
    const { editor, key } = dataSources.leadEditorOf(leadId, 'leadId');
    return editor.addRemark(key, parseRemarkContent(content));
  },
};
