import type { VendorInfoResolvers } from '../__generated__/resolvers-types.js';
import { VENDORS } from '../model/vendors.js';

export const VendorInfo: VendorInfoResolvers = {
  lastError: ({ vendor }, _, { dataSources }) => dataSources.lastErrorOf(vendor),
  rateLimit: ({ vendor }) => VENDORS[vendor].rateLimit,
  circuits: ({ vendor }, _, { dataSources }) => dataSources.clients.circuitsOf(vendor),
  heldUntil: ({ vendor }, _, { dataSources }) => dataSources.clients.heldUntil(vendor),
};
