import type { VendorInfoResolvers } from '../__generated__/resolvers-types.js';
import { RATE_LIMITS } from '../datasources/index.js';

export const VendorInfo: VendorInfoResolvers = {
  lastError: ({ vendor }, _, { dataSources }) => dataSources.clients.errorLog.lastError(vendor),
  rateLimit: ({ vendor }) => RATE_LIMITS[vendor],
};
