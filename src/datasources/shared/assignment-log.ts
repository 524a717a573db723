// The assignment log: which leads were assigned to a financial entity through this graph, for a
// vendor that cannot list an entity's leads itself. It lives in the shared store (Redis when
// configured), so restarts and replicas agree: one capped list per (entity, vendor), newest
// first, under `assignments:{fe:<entity>}:<scope>` (hash-tagged: an entity's lists share a slot).
// Each push renews the list's TTL; entries past the cap are dropped, oldest first.
// Reads fail with STORE_UNAVAILABLE naming the store when it cannot answer (a partial list
// would be a silent wrong answer); a record that cannot be written is logged, since the vendor
// has already done the assignment.
import { z } from 'zod';
import { StoreUnavailableError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { settleWithin, type Settled } from './settle-within.js';
import { StoreUnreachableError, type SharedStore } from './store/index.js';

/** How long one store command of the log may take before the query gives up on it. */
const STORE_WAIT_MS = 1_000;

const entrySchema = z.object({ leadId: z.string(), ecosystem: z.string().nullable() });
type Entry = z.infer<typeof entrySchema>;

export interface AssignmentLogOptions {
  store: SharedStore;
  /** Which vendor's assignments (its config key): each vendor keeps its own lists. */
  scope: string;
  /** Entries kept per financial entity. @default 1000 */
  maxPerEntity: number;
  /** How long an entity's list lives after its last assignment, in seconds. @default 2592000 (30 days) */
  ttlSeconds: number;
  logger: Logger;
}

export class AssignmentLog {
  constructor(private readonly options: AssignmentLogOptions) {}

  /** Remembers that `leadId` was assigned to the entity (a store failure is logged, not thrown). */
  async record(leadId: string, financialEntityId: string, ecosystem: string | null): Promise<void> {
    const { store, maxPerEntity, ttlSeconds, logger } = this.options;
    const entry: Entry = { leadId, ecosystem };
    try {
      await this.waitFor(
        store.pushCapped(this.keyOf(financialEntityId), JSON.stringify(entry), maxPerEntity, ttlSeconds * 1000),
        'the assignment was not recorded',
      );
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      logger.warn({ financialEntityId, leadId }, `assignment log: ${error.message}`);
    }
  }

  /** Lead ids assigned to the entity, in the order they were first assigned, each once. */
  async leadIdsOf(financialEntityId: string): Promise<string[]> {
    const entries = await this.entriesOf(financialEntityId);
    return [...new Set(entries.reverse().map((entry) => entry.leadId))];
  }

  /** The entity's ecosystem, as its latest assignment that named one said; null when none did. */
  async ecosystemOf(financialEntityId: string): Promise<string | null> {
    const entries = await this.entriesOf(financialEntityId);
    return entries.find((entry) => entry.ecosystem !== null)?.ecosystem ?? null;
  }

  /** Newest first; entries of another shape are skipped. */
  private async entriesOf(financialEntityId: string): Promise<Entry[]> {
    const raw = await this.waitFor(
      this.options.store.list(this.keyOf(financialEntityId)),
      'the assigned leads could not be read',
    );
    return raw.flatMap((text) => {
      try {
        const parsed = entrySchema.safeParse(JSON.parse(text));
        return parsed.success ? [parsed.data] : [];
      } catch {
        return [];
      }
    });
  }

  /** The entity's list; its id is encoded so it cannot break the hash tag. */
  private keyOf(financialEntityId: string): string {
    return `assignments:{fe:${encodeURIComponent(financialEntityId)}}:${this.options.scope}`;
  }

  /** `command`, or STORE_UNAVAILABLE naming the store (too slow, or unreachable). */
  private async waitFor<T>(command: Promise<T>, what: string): Promise<T> {
    const { store } = this.options;
    let result: Settled<T>;
    try {
      result = await settleWithin(command, STORE_WAIT_MS);
    } catch (error) {
      if (!(error instanceof StoreUnreachableError)) throw error;
      throw new StoreUnavailableError({
        what,
        where: error.where,
        cause: error.code,
        retryAfterSeconds: Math.max(1, Math.ceil(error.retryAfterMs / 1000)),
      });
    }
    if (result.settled) return result.value;
    throw new StoreUnavailableError({
      what,
      where: store.where,
      cause: 'SHARED_STORE_TIMEOUT',
      waitedMs: STORE_WAIT_MS,
      retryAfterSeconds: 1,
    });
  }
}
