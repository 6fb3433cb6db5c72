/**
 * The standalone service's store: PostgreSQL through `pg`, behind the same Kysely repositories as SQLite.
 *
 * Writes run serializable and are retried on serialization failures, so they behave as if run one at a time,
 * exactly like the single SQLite connection: repositories can read-then-write without locking clauses that
 * SQLite does not have. A write of one user's own rows (WriteOptions.oneUser, the sign-in steps) runs READ
 * COMMITTED behind a lock of that user's row instead. Statements run often are prepared once per connection
 * (prepared-statements.ts). Several service instances may share the database: their start-ups (schema creation,
 * migrations, key records, seeding) take turns under one advisory lock per schema.
 */
import { Kysely, sql, type Transaction } from 'kysely';
import { CurrentSchemaPostgresDialect } from './current-schema-dialect';
import pg from 'pg';
import { GuardedStatements, type GuardedChange, type WriteGuard } from './guarded-write';
import { migrateToLatest } from './migrate';
import { PendingWrites } from './pending-writes';
import { isPreparedStatementFailure, withPreparedStatements } from './prepared-statements';
import { pingDatabase } from './ping';
import type { Database } from './schema';
import type { Store, WriteOptions } from './store';
import { StoreError, closedStoreError, describeCause } from './store-error';

const INT8_OID = 20;
const RETRYABLE_CODES = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 10;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** The first half of the start-up lock's key ("MFA1"); the second is a hash of the schema name. */
const STARTUP_LOCK_CLASS = 0x4d464131;

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
  readonly #pool: pg.Pool;
  readonly #schema: string;
  readonly #guarded: GuardedStatements;
  #closed = false;

  private constructor(
    readonly db: Kysely<Database>,
    readonly location: string,
    pool: pg.Pool,
    schema: string,
  ) {
    this.#pool = pool;
    this.#schema = schema;
    this.#guarded = new GuardedStatements(db);
  }

  /**
   * Connects, checks the server answers, and migrates. With `schema`, every table lives in that schema
   * (created if missing): test runs use a fresh one each. `warn` hears of connections that failed while idle.
   */
  static async open(url: string, schema?: string, warn: (message: string) => void = console.warn): Promise<PostgresStore> {
    const location = redact(url);
    if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
      throw new StoreError('unsupported-location', `"${schema}" is not a valid schema name: use a-z, 0-9 and _.`);
    }
    const pool = new pg.Pool({
      connectionString: url,
      types,
      ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
    });
    pool.on('error', (error) => warn(`PostgreSQL at ${location}: an idle connection failed: ${error.message}`));
    const db = new Kysely<Database>({ dialect: new CurrentSchemaPostgresDialect({ pool: withPreparedStatements(pool, warn) }) });
    let currentSchema: string;
    try {
      const { rows } = await sql<{ name: string | null }>`select current_schema() as name`.execute(db);
      currentSchema = schema ?? rows[0]?.name ?? 'public';
    } catch (error) {
      await db.destroy();
      throw new StoreError(
        'connection-failed',
        `Could not connect to PostgreSQL at ${location}: ${describeCause(error)}. ` +
          'Check the URL, that the server is running and reachable, and the user name and password.',
        { cause: error },
      );
    }
    const store = new PostgresStore(db, location, pool, currentSchema);
    try {
      await store.exclusive(async () => {
        if (schema !== undefined) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
        await migrateToLatest(db, 'postgres', location, currentSchema);
      });
    } catch (error) {
      await db.destroy();
      throw error;
    }
    return store;
  }

  async write<T>(fn: (trx: Transaction<Database>) => Promise<T>, options?: WriteOptions): Promise<T> {
    if (this.#closed) throw closedStoreError(this.location);
    return this.#pending.track(options?.oneUser === undefined ? this.#serializable(fn) : this.#oneUser(fn));
  }

  async writeIfUnchanged(guard: WriteGuard, changes: readonly GuardedChange[]): Promise<boolean> {
    if (this.#closed) throw closedStoreError(this.location);
    const statement = this.#guarded.query(guard, changes);
    return this.#pending.track(this.#retried(async () => ((await this.db.executeQuery(statement)).rows[0]?.found ?? 0) > 0));
  }

  async exclusive<T>(fn: () => Promise<T>, onWait?: () => void): Promise<T> {
    if (this.#closed) throw closedStoreError(this.location);
    const client = await this.#pool.connect();
    const key = [STARTUP_LOCK_CLASS, this.#schema];
    let broken = false;
    try {
      const tried = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1, hashtext($2)) as locked', key);
      if (tried.rows[0]?.locked !== true) {
        onWait?.();
        await client.query('select pg_advisory_lock($1, hashtext($2))', key);
      }
      try {
        return await fn();
      } finally {
        // A connection that cannot unlock is dropped instead of returned, which ends its session and so the lock.
        await client.query('select pg_advisory_unlock($1, hashtext($2))', key).catch(() => {
          broken = true;
        });
      }
    } catch (error) {
      broken = true;
      throw error;
    } finally {
      client.release(broken);
    }
  }

  ping(timeoutMs?: number): Promise<void> {
    return pingDatabase(this.db, this.location, timeoutMs);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pending.settled();
    await this.db.destroy();
  }

  /**
   * Runs `fn` serializable; the first attempt runs alongside other writes, a retry queues: it takes the queue lock
   * (`lock table meta`) before its first read, which fixes its snapshot only once the writes ahead of it committed
   * (`LOCK TABLE` is no query), so it cannot collide with them again. Most collisions are on the one `meta` row
   * every write that changes a user updates (the change sequence); under load, retrying after a random pause
   * instead wasted most attempts and ran some out of retries (a 500 for a right code).
   */
  async #serializable<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db
          .transaction()
          .setIsolationLevel('serializable')
          .execute(async (trx) => {
            if (attempt > 1) await sql`lock table meta in share row exclusive mode`.execute(trx);
            return fn(trx);
          });
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
      }
    }
  }

  /**
   * Runs `fn` READ COMMITTED (WriteOptions.oneUser); its first statement locks the user's row. Another write of this
   * user waits for that lock, then reads what this one committed (each statement sees the latest commits); a
   * serializable write that changes the user's row meanwhile fails its own check and is retried. A deadlock with such
   * a write (it changed another row of the user first) is retried here.
   */
  #oneUser<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.#retried(() => this.db.transaction().setIsolationLevel('read committed').execute(fn));
  }

  /** Runs `run` again on a serialization failure, a deadlock or a stale prepared statement, up to MAX_ATTEMPTS times. */
  async #retried<T>(run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
      }
    }
  }
}

/** A serialization failure or deadlock, or a prepared statement gone stale or missing (prepared-statements.ts). */
function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (typeof code === 'string' && RETRYABLE_CODES.has(code)) || isPreparedStatementFailure(error);
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
