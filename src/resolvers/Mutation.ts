import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import { parseLeadChanges, parseNewLead, parseOwnerId, parseRemarkContent } from '../leads/lead-input.js';

// Every write: the id and the input are checked (BAD_USER_INPUT) before the vendor is called,
// then sent through the write journal (src/leads/write-journal.ts) with the client's key.
export const Mutation: MutationResolvers = {
  assignLeadToFinancialEntity: (_, { leadId, financialEntityId, idempotencyKey }, { dataSources, writes }) => {
    const { assigner, key } = dataSources.financialEntityAssignerOf(leadId);
    return writes.assignToFinancialEntity(assigner, key, financialEntityId, idempotencyKey);
  },

  createLead: (_, { input, idempotencyKey }, { dataSources, writes }) => {
    // GraphQL applies the SDL default (BESCHANNELS); the generated type cannot know it.
    const editor = dataSources.leadEditor(input.vendor ?? 'BESCHANNELS');
    return writes.createLead(editor, parseNewLead(input, dataSources.defaultPhoneRegion), idempotencyKey);
  },

  updateLead: (_, { id, input, idempotencyKey }, { dataSources, writes }) => {
    const { editor, key } = dataSources.leadEditorOf(id);
    return writes.updateLead(editor, key, parseLeadChanges(input, dataSources.defaultPhoneRegion), idempotencyKey);
  },

  deleteLead: (_, { id, idempotencyKey }, { dataSources, writes }) => {
    const { editor, key } = dataSources.leadEditorOf(id);
    return writes.deleteLead(editor, key, idempotencyKey);
  },

  assignLead: (_, { id, ownerId, idempotencyKey }, { dataSources, writes }) => {
    const { editor, key } = dataSources.leadEditorOf(id);
    return writes.assignLead(editor, key, parseOwnerId(ownerId), idempotencyKey);
  },

  addLeadRemark: (_, { leadId, content, idempotencyKey }, { dataSources, writes }) => {
    const { editor, key } = dataSources.leadEditorOf(leadId, 'leadId');
    return writes.addRemark(editor, key, parseRemarkContent(content, editor.maxRemarkLength), idempotencyKey);
  },
};
