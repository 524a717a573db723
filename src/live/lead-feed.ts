// leadChanged / leadsChanged: changes to leads, from two sources, delivered to every replica's
// subscribers through the live bus (one channel per vendor).
// - GRAPH_WRITE: every write made through this graph, published when the vendor confirmed it.
// - VENDOR_POLL: for vendors that can list their leads, a poller reads the first page of the
//   list once per interval and compares each lead with what the previous read saw (a
//   fingerprint per field, kept in the shared store). It runs only while this replica has a
//   subscriber for the vendor, and the interval is claimed in the shared store, so the vendor is
//   read once per interval however many subscribers and replicas there are. Its reads go
//   through the vendor's own client: the same breakers, holds, concurrency and call budgets as
//   queries.
import { createHash } from 'node:crypto';
import type { SharedStore } from '../datasources/shared/store/index.js';
import { storeKey, windowTtlMs } from '../datasources/shared/store/index.js';
import type { Logger } from '../logger.js';
import { parseGlobalId } from '../model/ids.js';
import type { LeadChangeModel, LeadModel, Vendor } from '../model/models.js';
import type { Metrics, SubscriptionField } from '../observability/metrics.js';
import type { LiveBus } from './bus.js';
import { stream } from './stream.js';

/** The `Lead` fields a poll compares (not `remoteData`: vendors' raw payloads change without meaning). */
export const COMPARED_LEAD_FIELDS = [
  'firstName',
  'lastName',
  'fullName',
  'companyName',
  'email',
  'phone',
  'status',
  'score',
  'address',
  'owner',
  'financialEntity',
  'customFields',
] as const satisfies readonly (keyof LeadModel)[];

/** How one vendor is polled. */
export interface LeadPoller {
  intervalMs: number;
  /** The first `pageSize` leads of the vendor's list, read through its client. */
  list: () => Promise<LeadModel[]>;
}

export interface LeadFeedOptions {
  bus: LiveBus;
  store: SharedStore;
  now: () => number;
  logger: Logger;
  metrics: Metrics;
  /** The vendors that can be polled, and how. */
  pollers: ReadonlyMap<Vendor, LeadPoller>;
}

type Fingerprints = Record<string, Record<string, string>>;

interface VendorWatch {
  subscribers: Set<(change: LeadChangeModel) => void>;
  stopListening: () => void;
  timer: NodeJS.Timeout | undefined;
  polling: Promise<void> | undefined;
}

export class LeadChangeFeed {
  private readonly vendors = new Map<Vendor, VendorWatch>();

  constructor(private readonly options: LeadFeedOptions) {}

  /** Changes to one lead; ends (stopping the poller when it was the last subscriber) when the client leaves. */
  leadChanged(leadId: string, vendor: Vendor): AsyncIterableIterator<LeadChangeModel> {
    return this.subscribe(vendor, 'leadChanged', (change) => change.leadId === leadId);
  }

  /** Changes to any lead of `vendor`. */
  leadsChanged(vendor: Vendor): AsyncIterableIterator<LeadChangeModel> {
    return this.subscribe(vendor, 'leadsChanged', () => true);
  }

  /** Vendors this replica polls right now (while it has subscribers for them). */
  get polledVendors(): Vendor[] {
    return [...this.vendors].filter(([, watch]) => watch.timer !== undefined).map(([vendor]) => vendor);
  }

  /** Vendors this replica listens to (it has subscribers for them). */
  get watchedVendors(): Vendor[] {
    return [...this.vendors.keys()];
  }

  /**
   * Tells every replica's subscribers of a write the vendor confirmed. Never throws: a write
   * that succeeded stays a success when Redis cannot be reached (logged).
   */
  async publishWrite(change: Omit<LeadChangeModel, 'source' | 'changedAt' | 'vendor'>): Promise<void> {
    const full: LeadChangeModel = {
      ...change,
      vendor: parseGlobalId(change.leadId).vendor,
      source: 'GRAPH_WRITE',
      changedAt: new Date(this.options.now()),
    };
    await this.publish([full]);
  }

  /** Polls `vendor` now if its interval is not taken (tests move the clock instead of waiting). */
  pollNow(vendor: Vendor): Promise<void> {
    const watch = this.vendors.get(vendor);
    return watch ? this.poll(vendor, watch) : Promise.resolve();
  }

  close(): void {
    for (const [vendor, watch] of this.vendors) this.unwatch(vendor, watch);
  }

  private subscribe(
    vendor: Vendor,
    field: SubscriptionField,
    wanted: (change: LeadChangeModel) => boolean,
  ): AsyncIterableIterator<LeadChangeModel> {
    return stream<LeadChangeModel>((push) => {
      const subscriber = (change: LeadChangeModel) => {
        if (!wanted(change)) return;
        push(change);
        this.options.metrics.subscriptionEventsSent(field, 1);
      };
      const watch = this.watch(vendor);
      watch.subscribers.add(subscriber);
      return () => {
        watch.subscribers.delete(subscriber);
        if (watch.subscribers.size === 0) this.unwatch(vendor, watch);
      };
    });
  }

  private watch(vendor: Vendor): VendorWatch {
    let watch = this.vendors.get(vendor);
    if (watch) return watch;
    const subscribers = new Set<(change: LeadChangeModel) => void>();
    watch = {
      subscribers,
      stopListening: this.options.bus.subscribe(`leads:${vendor}`, (message) => {
        const change = parseChange(message);
        if (!change) return this.options.logger.warn('live: ignored a lead-change message it cannot read');
        for (const subscriber of subscribers) subscriber(change);
      }),
      timer: undefined,
      polling: undefined,
    };
    this.vendors.set(vendor, watch);
    const poller = this.options.pollers.get(vendor);
    if (poller) {
      const started = watch;
      started.timer = setInterval(() => void this.poll(vendor, started), poller.intervalMs);
      started.timer.unref();
      void this.poll(vendor, started);
    }
    return watch;
  }

  private unwatch(vendor: Vendor, watch: VendorWatch): void {
    clearInterval(watch.timer);
    watch.timer = undefined;
    watch.stopListening();
    watch.subscribers.clear();
    if (this.vendors.get(vendor) === watch) this.vendors.delete(vendor);
  }

  private poll(vendor: Vendor, watch: VendorWatch): Promise<void> {
    watch.polling ??= this.readVendor(vendor).finally(() => (watch.polling = undefined));
    return watch.polling;
  }

  /** One read of the vendor's list, if this replica claims the interval; publishes what changed. */
  private async readVendor(vendor: Vendor): Promise<void> {
    const { store, now, logger } = this.options;
    const poller = this.options.pollers.get(vendor);
    if (!poller) return;
    // One hash tag per vendor: on a Cluster the window and what it saw share a node.
    const keys = { window: storeKey(`live-poll:${vendor}`, 'window'), seen: storeKey(`live-poll:${vendor}`, 'seen') };
    try {
      const start = now();
      const until = start + poller.intervalMs;
      if ((await store.claimUntil(keys.window, start, until, windowTtlMs(start, until))) !== null) return;
      const leads = await poller.list();
      const raw = await store.get(keys.seen);
      const before = raw === null ? null : (JSON.parse(raw) as Fingerprints);
      const after: Fingerprints = {};
      const changes: LeadChangeModel[] = [];
      const changedAt = new Date(now());
      for (const lead of leads) {
        const prints = fingerprints(lead);
        after[lead.id] = prints;
        // The first read only learns what the leads look like.
        if (before === null) continue;
        const earlier = before[lead.id];
        const changedFields = earlier ? COMPARED_LEAD_FIELDS.filter((f) => earlier[f] !== prints[f]) : [];
        if (earlier && changedFields.length === 0) continue;
        changes.push({
          leadId: lead.id,
          vendor,
          kind: earlier ? 'UPDATED' : 'CREATED',
          lead,
          changedFields,
          source: 'VENDOR_POLL',
          changedAt,
        });
      }
      await store.set(keys.seen, JSON.stringify(after), 7 * 24 * 60 * 60_000);
      await this.publish(changes);
    } catch (error) {
      // A vendor that fails is read again at the next interval (its breaker decides meanwhile).
      logger.warn({ err: error, vendor }, 'live: lead poll failed');
    }
  }

  private async publish(changes: readonly LeadChangeModel[]): Promise<void> {
    for (const change of changes) {
      try {
        await this.options.bus.publish(`leads:${change.vendor}`, JSON.stringify(change));
      } catch (error) {
        this.options.logger.warn({ err: error, leadId: change.leadId }, 'live: could not publish a lead change');
      }
    }
  }
}

/** A short hash of each compared field's value. */
function fingerprints(lead: LeadModel): Record<string, string> {
  const prints: Record<string, string> = {};
  for (const field of COMPARED_LEAD_FIELDS) {
    prints[field] = createHash('sha1')
      .update(JSON.stringify(lead[field] ?? null))
      .digest('base64url')
      .slice(0, 12);
  }
  return prints;
}

function parseChange(message: string): LeadChangeModel | undefined {
  try {
    const raw = JSON.parse(message) as Omit<LeadChangeModel, 'changedAt'> & { changedAt: string };
    if (typeof raw.leadId !== 'string' || typeof raw.changedAt !== 'string') return undefined;
    return { ...raw, changedAt: new Date(raw.changedAt) };
  } catch {
    return undefined;
  }
}
