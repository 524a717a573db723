// What one GraphQL request carries down to the shared, process-wide HTTP client: its request id
// (in a child logger), the vendors it called, its trace span. AsyncLocalStorage rather than an
// argument threaded through every datasource: vendor calls happen deep inside loaders built
// for any request, and only this scope knows which request they serve.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Span } from '@opentelemetry/api';
import type { Logger } from '../logger.js';
import type { Vendor } from '../model/models.js';

export interface OperationScope {
  requestId: string;
  /** The server's logger with `requestId` bound: every line of this request carries it. */
  logger: Logger;
  /** Vendors called while answering (for the request log line). */
  vendorsCalled: Set<Vendor>;
  /** The operation's span when tracing is on; vendor-call spans become its children. */
  span?: Span;
}

const storage = new AsyncLocalStorage<OperationScope>();

export function newOperationScope(logger: Logger, requestId: string): OperationScope {
  return { requestId, logger: logger.child({ requestId }), vendorsCalled: new Set() };
}

/** Runs `fn` (and everything it starts) inside `scope`. */
export function runInScope<T>(scope: OperationScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The scope of the request being served, if any (none in start-up work or `executeOperation`). */
export function currentScope(): OperationScope | undefined {
  return storage.getStore();
}
