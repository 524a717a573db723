import { DateResolver, DateTimeResolver, JSONResolver } from 'graphql-scalars';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { FinancialEntity } from './FinancialEntity.js';
import { Lead } from './Lead.js';
import { Mutation } from './Mutation.js';
import { Query } from './Query.js';
import { Subscription } from './Subscription.js';
import { VendorInfo } from './VendorInfo.js';

export const resolvers: Resolvers = {
  JSON: JSONResolver,
  Date: DateResolver,
  DateTime: DateTimeResolver,
  Query,
  Mutation,
  Subscription,
  Lead,
  FinancialEntity,
  VendorInfo,
};
