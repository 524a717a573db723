import type { DataSources } from '../datasources/index.js';
import type { Operation } from './operation.js';
import type { Caller } from './caller.js';
import type { LeadWrites } from '../leads/lead-writes.js';
import type { LiveFeeds } from '../live/index.js';

/** What every resolver receives; a new one per GraphQL request. */
export interface RequestContext {
  dataSources: DataSources;
  /** Who is calling, and with which scopes. */
  caller: Caller;
  /** The writes, through the write journal, on behalf of this caller. */
  writes: LeadWrites;
  /**
   * The operation: its request id (`x-request-id`) and logger, its deadline and vendor-call
   * budget (every resolver runs on it), the vendors it called.
   */
  operation: Operation;
  /** The live feeds subscriptions read (one per process). */
  live: LiveFeeds;
}
