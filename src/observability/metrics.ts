// Prometheus metrics, one registry per server instance (tests run many servers in one process
// and must not see each other's counts). Labels take only values from small fixed sets: vendor,
// operation type, result. Never ids, phones, operation text or names a client chose.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { UpstreamErrorCode } from '../errors.js';
import type { Vendor } from '../model/models.js';

/** How a vendor call ended. */
export type VendorCallResult =
  | 'ok'
  | 'not_found'
  | 'error'
  | 'timeout'
  | 'rate_limited'
  | 'unauthorized'
  | 'rejected'
  | 'unavailable'
  | 'overloaded'
  | 'outcome_unknown';

const RESULT_OF_CODE: Record<UpstreamErrorCode, VendorCallResult> = {
  NOT_FOUND: 'not_found',
  UPSTREAM_ERROR: 'error',
  UPSTREAM_TIMEOUT: 'timeout',
  UPSTREAM_UNAUTHORIZED: 'unauthorized',
  UPSTREAM_REJECTED: 'rejected',
  RATE_LIMITED: 'rate_limited',
  UPSTREAM_OUTCOME_UNKNOWN: 'outcome_unknown',
  // Calls the vendor guard refused are not sent, so not counted; these complete the map.
  UPSTREAM_UNAVAILABLE: 'unavailable',
  OVERLOADED: 'overloaded',
  TOO_MANY_VENDOR_CALLS: 'overloaded',
  OPERATION_TIMEOUT: 'timeout',
};

export function vendorCallResult(code: UpstreamErrorCode): VendorCallResult {
  return RESULT_OF_CODE[code];
}

/** ok: no error; partial: errors, and some top-level field has a value; error: errors and nothing else. */
export type OperationResult = 'ok' | 'partial' | 'error';

/** query, mutation, subscription, or unknown when the operation never parsed. */
export type OperationType = 'query' | 'mutation' | 'subscription' | 'unknown';

/** The subscription fields of schema/subscriptions.graphql. */
export type SubscriptionField = 'distributionTotalsChanged' | 'leadChanged' | 'leadsChanged';

const vendorLabel = (vendor: Vendor) => vendor.toLowerCase();

let processRegistry: Registry | undefined;

/**
 * prom-client's default metrics (CPU, memory, event loop lag, GC): facts of the process, so
 * collected once however many servers it runs (each collection starts its own event-loop timer
 * and GC observer, for good).
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export type CircuitStateName = 'CLOSED' | 'HALF_OPEN' | 'OPEN';
const CIRCUIT_STATE_VALUE: Record<CircuitStateName, number> = { CLOSED: 0, HALF_OPEN: 1, OPEN: 2 };

export class Metrics {
  readonly registry = new Registry();
  private readonly vendorCalls = new Counter({
    name: 'leadgraph_vendor_calls_total',
    help: 'Calls to vendor APIs (retries included in one call), by how they ended',
    labelNames: ['vendor', 'result'] as const,
    registers: [this.registry],
  });
  private readonly vendorCallDuration = new Histogram({
    name: 'leadgraph_vendor_call_duration_seconds',
    help: 'Time of one vendor call, queueing and retries included',
    labelNames: ['vendor'] as const,
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
    registers: [this.registry],
  });
  private readonly tokenRefreshes = new Counter({
    name: 'leadgraph_vendor_token_refreshes_total',
    help: 'Access tokens issued by a vendor to this process (first issue, renewals and replacements)',
    labelNames: ['vendor'] as const,
    registers: [this.registry],
  });
  private readonly operations = new Counter({
    name: 'leadgraph_graphql_operations_total',
    help: 'GraphQL operations answered, by type and result (ok, partial, error)',
    labelNames: ['operation_type', 'result'] as const,
    registers: [this.registry],
  });
  private readonly operationDuration = new Histogram({
    name: 'leadgraph_graphql_operation_duration_seconds',
    help: 'Time from receiving a GraphQL operation to its answer',
    labelNames: ['operation_type'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  private readonly subscriptions = new Gauge({
    name: 'leadgraph_subscriptions_active',
    help: 'GraphQL subscriptions open on this process, by subscription field',
    labelNames: ['field'] as const,
    registers: [this.registry],
  });
  private readonly subscriptionEvents = new Counter({
    name: 'leadgraph_subscription_events_sent_total',
    help: 'Events pushed to subscribers of this process (one per subscriber), by subscription field',
    labelNames: ['field'] as const,
    registers: [this.registry],
  });
  private readonly subscriptionRefusals = new Counter({
    name: 'leadgraph_subscriptions_refused_total',
    help: 'Subscriptions (or WebSocket connections) refused for a limit (per connection, per process, connections)',
    labelNames: ['limit'] as const,
    registers: [this.registry],
  });
  private readonly referencesByAlias = new Counter({
    name: 'leadgraph_entity_references_by_alias_total',
    help: '_entities references to a lead by an alias of its id (not the canonical id this graph answers)',
    labelNames: ['vendor'] as const,
    registers: [this.registry],
  });

  constructor() {
    processMetrics(); // counting starts with the first server, not at the first scrape
  }

  vendorCall(vendor: Vendor, result: VendorCallResult, seconds: number): void {
    this.vendorCalls.inc({ vendor: vendorLabel(vendor), result });
    this.vendorCallDuration.observe({ vendor: vendorLabel(vendor) }, seconds);
  }

  tokenIssued(vendor: Vendor): void {
    this.tokenRefreshes.inc({ vendor: vendorLabel(vendor) });
  }

  /** A router referenced a lead by an alias of its id (decision 0110). */
  referenceByAlias(vendor: Vendor): void {
    this.referencesByAlias.inc({ vendor: vendorLabel(vendor) });
  }

  operation(type: OperationType, result: OperationResult, seconds: number): void {
    this.operations.inc({ operation_type: type, result });
    this.operationDuration.observe({ operation_type: type }, seconds);
  }

  /**
   * A vendor's call budget (Zen's one call per window), read from the shared store when scraped
   * (a value between scrapes is never stale). The vendor names its gauge.
   */
  callBudget(gauge: { name: string; help: string; secondsUntilNextCall: () => Promise<number> }): void {
    const { secondsUntilNextCall } = gauge;
    new Gauge({
      name: gauge.name,
      help: gauge.help,
      registers: [this.registry],
      async collect() {
        this.set(await secondsUntilNextCall());
      },
    });
  }

  /**
   * Each vendor's circuit breakers (one per endpoint family), read when scraped:
   * 0 closed, 1 half-open, 2 open. A family appears after its first call.
   */
  circuitStates(circuits: () => readonly { vendor: Vendor; family: string; state: CircuitStateName }[]): void {
    new Gauge({
      name: 'leadgraph_vendor_circuit_state',
      help: 'Circuit breaker per vendor and endpoint family: 0 closed, 1 half-open, 2 open',
      labelNames: ['vendor', 'family'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const { vendor, family, state } of circuits()) {
          this.set({ vendor: vendorLabel(vendor), family }, CIRCUIT_STATE_VALUE[state]);
        }
      },
    });
  }

  /** A subscription (a field of ours: a small fixed set) started (+1) or ended (-1). */
  subscriptionsChanged(field: SubscriptionField, by: 1 | -1): void {
    this.subscriptions.inc({ field }, by);
  }

  /** `count` subscribers were each sent one event. */
  subscriptionEventsSent(field: SubscriptionField, count: number): void {
    if (count > 0) this.subscriptionEvents.inc({ field }, count);
  }

  subscriptionRefused(limit: 'per_connection' | 'per_process' | 'connections'): void {
    this.subscriptionRefusals.inc({ limit });
  }

  /** The Prometheus text exposition: this server's metrics and the process's. */
  async text(): Promise<{ contentType: string; body: string }> {
    const all = Registry.merge([processMetrics(), this.registry]);
    return { contentType: all.contentType, body: await all.metrics() };
  }
}
