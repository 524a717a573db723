import type { DataSources } from './datasources/index.js';

/** What every resolver receives; a new one per GraphQL request. */
export interface RequestContext {
  dataSources: DataSources;
}
