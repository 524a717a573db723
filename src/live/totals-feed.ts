// distributionTotalsChanged: each subscriber first gets the current answer, then every refreshed
// answer for its date that differs. Refreshes go through the same budgeted path as queries
// (the shared answer per date, one Zen call per window for every replica), so subscribers cost
// Zen nothing extra: each replica with subscribers for a date asks again at `nextRefreshAt`;
// the first to claim the window calls Zen, the others are served what it stored. A replica
// that sees a newer answer publishes it; every replica delivers each answer (by `fetchedAt`)
// once to its own subscribers.
import { UpstreamError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { DistributionTotalsModel } from '../model/models.js';
import type { LiveBus } from './bus.js';
import type { Metrics } from '../observability/metrics.js';
import { stream } from './stream.js';

/** Asked this long after `nextRefreshAt`: replicas' clocks differ a little. */
const REFRESH_SLACK_MS = 250;
/** After a failed refresh (not a RATE_LIMITED that says when), asked again after this. */
const RETRY_AFTER_FAILURE_MS = 30_000;

export interface TotalsFeedOptions {
  bus: LiveBus;
  /** The shared answer for an ISO date, through the budget (a fresh operation per call). */
  read: (date: string) => Promise<DistributionTotalsModel>;
  now: () => number;
  logger: Logger;
  metrics: Metrics;
}

interface DateWatch {
  subscribers: Set<(totals: DistributionTotalsModel) => void>;
  /** The newest answer delivered here (or first served to a subscriber). */
  delivered: DistributionTotalsModel;
  /** When to ask again (epoch ms of the injected clock). */
  dueAt: number;
  timer: NodeJS.Timeout | undefined;
  refreshing: Promise<void> | undefined;
  stopListening: () => void;
}

/** What makes two answers differ (not when they were fetched, nor their staleness). */
const contentOf = (totals: DistributionTotalsModel) => JSON.stringify([totals.users, totals.errors]);

export class DistributionTotalsFeed {
  private readonly dates = new Map<string, DateWatch>();

  constructor(private readonly options: TotalsFeedOptions) {}

  /** The current answer, then the changes: the stream ends (and its timer with it) when the client leaves. */
  subscribe(initial: DistributionTotalsModel): AsyncIterableIterator<DistributionTotalsModel> {
    const date = initial.date;
    let seen = initial.fetchedAt.getTime();
    return stream<DistributionTotalsModel>((push) => {
      push(initial);
      const subscriber = (totals: DistributionTotalsModel) => {
        if (totals.fetchedAt.getTime() <= seen) return;
        seen = totals.fetchedAt.getTime();
        push(totals);
      };
      const watch = this.watch(date, initial);
      watch.subscribers.add(subscriber);
      return () => {
        watch.subscribers.delete(subscriber);
        if (watch.subscribers.size === 0) this.unwatch(date, watch);
      };
    });
  }

  /** Dates with at least one subscriber here. */
  get watchedDates(): string[] {
    return [...this.dates.keys()];
  }

  /**
   * Refreshes every watched date whose time has come by the injected clock, without waiting for
   * its timer (tests move the clock instead of waiting 5 minutes); resolves when they are done.
   */
  async refreshDue(): Promise<void> {
    const now = this.options.now();
    await Promise.all(
      [...this.dates].filter(([, watch]) => watch.dueAt <= now).map(([date, watch]) => this.refresh(date, watch)),
    );
  }

  close(): void {
    for (const [date, watch] of this.dates) this.unwatch(date, watch);
  }

  private watch(date: string, initial: DistributionTotalsModel): DateWatch {
    let watch = this.dates.get(date);
    if (!watch) {
      const created: DateWatch = {
        subscribers: new Set(),
        delivered: initial,
        dueAt: 0,
        timer: undefined,
        refreshing: undefined,
        stopListening: this.options.bus.subscribe(`totals:${date}`, (message) => this.received(created, message)),
      };
      watch = created;
      this.dates.set(date, watch);
      this.schedule(date, watch, this.refreshTime(initial));
    } else if (initial.fetchedAt > watch.delivered.fetchedAt) {
      watch.delivered = initial;
    }
    return watch;
  }

  private unwatch(date: string, watch: DateWatch): void {
    clearTimeout(watch.timer);
    watch.timer = undefined;
    watch.stopListening();
    watch.subscribers.clear();
    if (this.dates.get(date) === watch) this.dates.delete(date);
  }

  private refreshTime(totals: DistributionTotalsModel): number {
    return (totals.nextRefreshAt?.getTime() ?? this.options.now() + RETRY_AFTER_FAILURE_MS) + REFRESH_SLACK_MS;
  }

  private schedule(date: string, watch: DateWatch, at: number): void {
    clearTimeout(watch.timer);
    watch.dueAt = at;
    // At least a second apart, whatever the clock says: never a tight loop.
    const delay = Math.max(1_000, at - this.options.now());
    watch.timer = setTimeout(() => void this.refresh(date, watch), delay);
    watch.timer.unref();
  }

  private refresh(date: string, watch: DateWatch): Promise<void> {
    watch.refreshing ??= this.ask(date, watch).finally(() => (watch.refreshing = undefined));
    return watch.refreshing;
  }

  private async ask(date: string, watch: DateWatch): Promise<void> {
    const { read, logger, now } = this.options;
    let next: number;
    try {
      const totals = await read(date);
      next = this.refreshTime(totals);
      if (totals.fetchedAt > watch.delivered.fetchedAt) {
        if (contentOf(totals) === contentOf(watch.delivered)) watch.delivered = totals;
        else await this.publish(watch, totals);
      }
    } catch (error) {
      const retryAfter = error instanceof UpstreamError ? error.details.retryAfterSeconds : undefined;
      next = now() + (retryAfter !== undefined ? retryAfter * 1000 + REFRESH_SLACK_MS : RETRY_AFTER_FAILURE_MS);
      logger.warn({ err: error, date, nextAttemptAt: new Date(next) }, 'live: could not refresh distribution totals');
    }
    if (this.dates.get(date) === watch) this.schedule(date, watch, next);
  }

  private async publish(watch: DateWatch, totals: DistributionTotalsModel): Promise<void> {
    try {
      await this.options.bus.publish(`totals:${totals.date}`, JSON.stringify(totals));
    } catch (error) {
      // The other replicas ask for themselves at their own refresh time; ours hear it now.
      this.options.logger.warn({ err: error }, 'live: could not publish distribution totals; delivering here only');
      this.deliver(watch, totals);
    }
  }

  private received(watch: DateWatch, message: string): void {
    const totals = parseTotals(message);
    if (totals) this.deliver(watch, totals);
    else this.options.logger.warn('live: ignored a distribution-totals message it cannot read');
  }

  private deliver(watch: DateWatch, totals: DistributionTotalsModel): void {
    if (totals.fetchedAt <= watch.delivered.fetchedAt) return;
    const differs = contentOf(totals) !== contentOf(watch.delivered);
    watch.delivered = totals;
    if (!differs) return;
    for (const subscriber of watch.subscribers) subscriber(totals);
    this.options.metrics.subscriptionEventsSent('distributionTotalsChanged', watch.subscribers.size);
  }
}

function parseTotals(message: string): DistributionTotalsModel | undefined {
  try {
    const raw = JSON.parse(message) as Omit<DistributionTotalsModel, 'fetchedAt' | 'nextRefreshAt'> & {
      fetchedAt: string;
      nextRefreshAt: string | null;
    };
    if (typeof raw.date !== 'string' || typeof raw.fetchedAt !== 'string') return undefined;
    return {
      ...raw,
      fetchedAt: new Date(raw.fetchedAt),
      nextRefreshAt: raw.nextRefreshAt === null ? null : new Date(raw.nextRefreshAt),
    };
  } catch {
    return undefined;
  }
}
