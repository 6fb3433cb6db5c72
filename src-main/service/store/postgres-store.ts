/**
 * The standalone service's store: PostgreSQL through `pg`, behind the same Kysely repositories as SQLite.
 *
 * Writes run serializable and are retried on serialization failures, so they behave as if run one at a time,
 * exactly like the single SQLite connection: repositories can read-then-write without locking clauses that
 * SQLite does not have.
 */
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from './migrate';
import { PendingWrites } from './pending-writes';
import type { Database } from './schema';
import type { Store } from './store';
import { StoreError, closedStoreError, describeCause } from './store-error';

const INT8_OID = 20;
const RETRYABLE_CODES = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 10;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** bigint columns (epoch ms, sequences, counts) come back as JS numbers; beyond 2^53 is an error, not a rounding. */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`The value ${text} is too large for a JavaScript number.`);
  return value;
}

const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? parseInt8
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/** A Store on a PostgreSQL server. */
export class PostgresStore implements Store {
  readonly engine = 'postgres';
  readonly #pending = new PendingWrites();
  #closed = false;

  private constructor(
    readonly db: Kysely<Database>,
    readonly location: string,
  ) {}

  /**
   * Connects, checks the server answers, and migrates. With `schema`, every table lives in that schema
   * (created if missing): test runs use a fresh one each.
   */
  static async open(url: string, schema?: string): Promise<PostgresStore> {
    const location = redact(url);
    if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
      throw new StoreError('unsupported-location', `"${schema}" is not a valid schema name: use a-z, 0-9 and _.`);
    }
    const pool = new pg.Pool({
      connectionString: url,
      types,
      ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
    });
    pool.on('error', (error) => console.warn(`PostgreSQL at ${location}: an idle connection failed: ${error.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    let currentSchema: string;
    try {
      if (schema !== undefined) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
      const { rows } = await sql<{ name: string | null }>`select current_schema() as name`.execute(db);
      currentSchema = rows[0]?.name ?? 'public';
    } catch (error) {
      await db.destroy();
      throw new StoreError(
        'connection-failed',
        `Could not connect to PostgreSQL at ${location}: ${describeCause(error)}. ` +
          'Check the URL, that the server is running and reachable, and the user name and password.',
        { cause: error },
      );
    }
    try {
      await migrateToLatest(db, 'postgres', location, currentSchema);
    } catch (error) {
      await db.destroy();
      throw error;
    }
    return new PostgresStore(db, location);
  }

  async write<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    if (this.#closed) throw closedStoreError(this.location);
    return this.#pending.track(this.#serializable(fn));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pending.settled();
    await this.db.destroy();
  }

  async #serializable<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction().setIsolationLevel('serializable').execute(fn);
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
        await delay(Math.random() * Math.min(200, 5 * 2 ** attempt));
      }
    }
  }
}

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE_CODES.has(code);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The URL without its password, safe for logs and error messages. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured PostgreSQL URL';
  }
}
