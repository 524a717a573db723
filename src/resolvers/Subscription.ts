import type { SubscriptionResolvers } from '../__generated__/resolvers-types.js';
import type { DistributionTotalsModel, LeadChangeModel } from '../model/models.js';

// Each event is the model itself: `resolve` hands it on.
const itself = <T>(value: T): T => value;

export const Subscription: SubscriptionResolvers = {
  distributionTotalsChanged: {
    subscribe: (_, { date }, { live, dataSources }) => live.distributionTotalsChanged(dataSources, date),
    resolve: itself<DistributionTotalsModel>,
  },
  leadChanged: {
    subscribe: (_, { id }, { live, dataSources }) => live.leadChanged(dataSources, id),
    resolve: itself<LeadChangeModel>,
  },
  leadsChanged: {
    subscribe: (_, { vendor }, { live, dataSources }) => live.leadsChanged(dataSources, vendor),
    resolve: itself<LeadChangeModel>,
  },
};
