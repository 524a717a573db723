import type { VendorInfoResolvers } from '../__generated__/resolvers-types.js';

export const VendorInfo: VendorInfoResolvers = {
  lastError: ({ vendor }, _, { dataSources }) => dataSources.lastErrorOf(vendor),
  rateLimit: ({ vendor }, _, { dataSources }) => dataSources.rateLimitOf(vendor),
  circuits: ({ vendor }, _, { dataSources }) => dataSources.circuitsOf(vendor),
  heldUntil: ({ vendor }, _, { dataSources }) => dataSources.heldUntil(vendor),
};
