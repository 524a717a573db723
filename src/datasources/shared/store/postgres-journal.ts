// The write journal in PostgreSQL (JOURNAL_DATABASE_URL): what survives a restart of any
// replica or of Redis, committed before the vendor is called (docs/decisions/0010). One table,
// created on first use; each step is one statement, atomic on its own. Times are epoch ms from
// the journal's clock, as in the other stores. Any failure is JournalStoreUnavailable: the
// journal then refuses the write before calling the vendor.
import { createRequire } from 'node:module';
import type * as PgModule from 'pg';
import type { Logger } from '../../../logger.js';
import { JournalStoreUnavailable, type JournalStore } from './journal-store.js';

/** pg is loaded when this store is made: a server without JOURNAL_DATABASE_URL does not carry it. */
const requireModule = createRequire(import.meta.url);

const TABLE = 'lead_graph_write_journal';
/** Expired rows are removed every this many writes, a bounded batch at a time. */
const SWEEP_EVERY = 1_000;
const SWEEP_BATCH = 1_000;
/** After a failure, when asking again makes sense. */
const RETRY_AFTER_MS = 1_000;

export interface PostgresJournalOptions {
  url: string;
  /** Prepended to every key, so several graphs (or tests) can share one table. */
  keyPrefix: string;
  logger: Logger;
  now: () => number;
  /** Bound on connecting and on one statement, in ms. @default 2000 */
  timeoutMs?: number;
}

export class PostgresJournalStore implements JournalStore {
  readonly kind = 'postgres';
  private readonly pool: PgModule.Pool;
  private readonly prefix: string;
  private readonly now: () => number;
  private readonly logger: Logger;
  /** "PostgreSQL at host:port", for errors: never its user or password. */
  private readonly where: string;
  private schemaReady: Promise<void> | undefined;
  private writes = 0;

  constructor(options: PostgresJournalOptions) {
    const { Pool } = requireModule('pg') as typeof PgModule;
    const timeoutMs = options.timeoutMs ?? 2_000;
    this.pool = new Pool({
      connectionString: options.url,
      max: 10,
      connectionTimeoutMillis: timeoutMs,
      query_timeout: timeoutMs,
      idleTimeoutMillis: 30_000,
    });
    this.prefix = options.keyPrefix;
    this.where = describePostgresUrl(options.url);
    this.now = options.now;
    this.logger = options.logger;
    // Without a listener an idle client's error would crash the process; the next query reports it.
    this.pool.on('error', (error) => options.logger.debug({ err: error.message }, 'journal database connection error'));
  }

  async get(key: string): Promise<string | null> {
    const { rows } = await this.query<{ value: string }>(
      `SELECT value FROM ${TABLE} WHERE key = $1 AND expires_at > $2`,
      [this.prefix + key, this.now()],
    );
    return rows[0]?.value ?? null;
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    const { rowCount } = await this.query(
      `INSERT INTO ${TABLE} (key, value, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at
       WHERE ${TABLE}.expires_at <= $4`,
      [this.prefix + key, value, now + Math.ceil(ttlMs), now],
    );
    this.sweepNow();
    return rowCount === 1;
  }

  async compareAndSet(key: string, expected: string, next: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    const { rowCount } = await this.query(
      `UPDATE ${TABLE} SET value = $3, expires_at = $4 WHERE key = $1 AND value = $2 AND expires_at > $5`,
      [this.prefix + key, expected, next, now + Math.ceil(ttlMs), now],
    );
    return rowCount === 1;
  }

  async deleteIfEquals(key: string, value: string): Promise<void> {
    await this.query(`DELETE FROM ${TABLE} WHERE key = $1 AND value = $2`, [this.prefix + key, value]);
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1', []);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async query<R extends PgModule.QueryResultRow>(
    text: string,
    values: unknown[],
  ): Promise<PgModule.QueryResult<R>> {
    try {
      await this.ensureSchema();
      return await this.pool.query<R>(text, values);
    } catch (error) {
      throw new JournalStoreUnavailable(
        `the journal database failed: ${error instanceof Error ? error.message : String(error)}`,
        RETRY_AFTER_MS,
        this.where,
        'JOURNAL_DATABASE_UNREACHABLE',
      );
    }
  }

  /** Creates the table once per process; after a failure the next query tries again. */
  private ensureSchema(): Promise<void> {
    this.schemaReady ??= this.pool
      .query(
        `CREATE TABLE IF NOT EXISTS ${TABLE} (
           key text PRIMARY KEY,
           value text NOT NULL,
           expires_at bigint NOT NULL
         )`,
      )
      .then(
        () => undefined,
        (error: unknown) => {
          // Two replicas creating it at once: one is told it exists (unique_violation or duplicate_table).
          const code = (error as { code?: string }).code;
          if (code === '23505' || code === '42P07') return;
          this.schemaReady = undefined;
          throw error;
        },
      );
    return this.schemaReady;
  }

  private sweepNow(): void {
    if (++this.writes % SWEEP_EVERY !== 0) return;
    this.pool
      .query(
        `DELETE FROM ${TABLE} WHERE key IN (SELECT key FROM ${TABLE} WHERE expires_at <= $1 LIMIT ${SWEEP_BATCH})`,
        [this.now()],
      )
      .catch((error: unknown) =>
        this.logger.debug({ err: error instanceof Error ? error.message : String(error) }, 'journal sweep failed'),
      );
  }
}

/** "PostgreSQL at host:port" from a connection URL: the place only, never its user or password. */
function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `PostgreSQL at ${parsed.hostname || 'localhost'}:${parsed.port || '5432'}`;
  } catch {
    return 'PostgreSQL';
  }
}
