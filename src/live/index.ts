// The live feeds behind the subscriptions (schema/subscriptions.graphql): one per process, over
// one bus (Redis pub/sub when Redis is configured, any topology; else this process). Resolvers delegate here; the
// WebSocket transport is src/http/subscriptions.ts.
import { randomUUID } from 'node:crypto';
import { redisConnectionOf, type Config } from '../config.js';
import { DataSources, type VendorClients } from '../datasources/index.js';
import { VENDOR_MODULES } from '../datasources/registry.js';
import type { Logger } from '../logger.js';
import { parseGlobalId } from '../model/ids.js';
import type { DistributionTotalsModel, LeadChangeModel, Vendor } from '../model/models.js';
import type { Metrics, SubscriptionField } from '../observability/metrics.js';
import { newOperation } from '../request/operation.js';
import { VendorNotConfiguredError } from '../errors.js';
import { createBus, type LiveBus } from './bus.js';
import { COMPARED_LEAD_FIELDS, LeadChangeFeed, type LeadPoller } from './lead-feed.js';
import { DistributionTotalsFeed } from './totals-feed.js';

export { COMPARED_LEAD_FIELDS };

export interface LiveFeedsOptions {
  config: Config;
  clients: VendorClients;
  logger: Logger;
  metrics: Metrics;
  /** @default a Redis bus when Redis is configured, else one in memory */
  bus?: LiveBus;
}

/** How often each vendor's lead list is read, in seconds, and why (README, `Query.vendors`). */
export function leadPollIntervals(config: Config): Map<Vendor, { seconds: number; pageSize: number; why: string }> {
  const intervals = new Map<Vendor, { seconds: number; pageSize: number; why: string }>();
  for (const module of VENDOR_MODULES) {
    if (!module.leadPolling) continue;
    const { defaultIntervalSeconds, pageSize, why } = module.leadPolling;
    // Never more often than the vendor publishes it allows.
    const floor = module.rateLimit ? Math.ceil(module.rateLimit.perSeconds / module.rateLimit.requests) : 0;
    const asked = config.subscriptions?.leadPollIntervalSeconds ?? defaultIntervalSeconds;
    intervals.set(module.vendor, { seconds: Math.max(asked, floor), pageSize, why });
  }
  return intervals;
}

export class LiveFeeds {
  readonly bus: LiveBus;
  readonly totals: DistributionTotalsFeed;
  readonly leads: LeadChangeFeed;

  constructor(private readonly options: LiveFeedsOptions) {
    const { config, clients, logger, metrics } = options;
    this.bus = options.bus ?? createBus({ redis: redisConnectionOf(config), keyPrefix: config.redisKeyPrefix, logger });
    this.totals = new DistributionTotalsFeed({
      bus: this.bus,
      now: clients.now,
      logger,
      metrics,
      read: (date) => this.withOperation('totals', (sources) => sources.distributionTotals().totals(date)),
    });
    const pollers = new Map<Vendor, LeadPoller>();
    for (const [vendor, { seconds, pageSize }] of leadPollIntervals(config)) {
      if (!clients.isEnabled(vendor)) continue;
      pollers.set(vendor, {
        intervalMs: seconds * 1000,
        list: () =>
          this.withOperation('poll', async (sources) => {
            const source = sources.leadSource(vendor);
            return source.listLeads ? (await source.listLeads({ offset: 0, limit: pageSize })).leads : [];
          }),
      });
    }
    this.leads = new LeadChangeFeed({
      bus: this.bus,
      store: clients.store,
      now: clients.now,
      logger,
      metrics,
      pollers,
    });
  }

  /** `distributionTotalsChanged`: the current answer (read for this subscriber's request), then the changes. */
  async distributionTotalsChanged(
    sources: DataSources,
    date: unknown,
  ): Promise<AsyncIterableIterator<DistributionTotalsModel>> {
    const initial = await sources.distributionTotals().totals(date);
    return this.counted('distributionTotalsChanged', this.totals.subscribe(initial));
  }

  /**
   * `leadChanged`: the id is checked (BAD_USER_INPUT) and its vendor must be configured. An alias
   * (an old-form LeanCore id, `crmcom:number=<n>`) follows the lead by its canonical id, which
   * events carry.
   */
  async leadChanged(sources: DataSources, id: string): Promise<AsyncIterableIterator<LeadChangeModel>> {
    const { vendor } = parseGlobalId(id);
    if (!sources.isEnabled(vendor)) throw new VendorNotConfiguredError(vendor);
    const canonical = await sources.canonicalLeadId(id);
    return this.counted('leadChanged', this.leads.leadChanged(canonical, vendor));
  }

  leadsChanged(sources: DataSources, vendor: Vendor): AsyncIterableIterator<LeadChangeModel> {
    if (!sources.isEnabled(vendor)) throw new VendorNotConfiguredError(vendor);
    return this.counted('leadsChanged', this.leads.leadsChanged(vendor));
  }

  /** Publishes a write the vendor confirmed (never throws). */
  publishWrite(change: Omit<LeadChangeModel, 'source' | 'changedAt' | 'vendor'>): void {
    void this.leads.publishWrite(change);
  }

  async close(): Promise<void> {
    this.totals.close();
    this.leads.close();
    await this.bus.close();
  }

  /** The active-subscriptions gauge follows the stream: +1 now, -1 when it ends. */
  private counted<T>(field: SubscriptionField, source: AsyncIterableIterator<T>): AsyncIterableIterator<T> {
    const { metrics } = this.options;
    metrics.subscriptionsChanged(field, 1);
    let ended = false;
    const end = async (): Promise<IteratorResult<T>> => {
      if (!ended) {
        ended = true;
        metrics.subscriptionsChanged(field, -1);
      }
      return (await source.return?.()) ?? { value: undefined, done: true };
    };
    return {
      next: () => source.next(),
      return: end,
      throw: end,
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** A feed's own vendor calls: an operation of their own, with the same deadline and call budget as a query's. */
  private async withOperation<T>(what: string, run: (sources: DataSources) => Promise<T>): Promise<T> {
    const { config, clients, logger } = this.options;
    const operation = newOperation(logger, `live-${what}-${randomUUID()}`, {
      timeoutMs: config.resilience.requestTimeoutMs,
      maxVendorCalls: config.resilience.maxVendorCallsPerOperation,
    });
    try {
      return await Promise.race([run(new DataSources(clients, operation)), operation.budget.expired]);
    } finally {
      operation.budget.finish();
    }
  }
}
