/**
 * The storage the MFA service's repositories use, whatever the engine behind it.
 *
 * Implementations are named by mechanism: `SqliteStore` (node:sqlite, one file or memory) and
 * `PostgresStore` (a PostgreSQL server). `openStore` picks one from a location.
 */
import type { Kysely, Transaction } from 'kysely';
import type { GuardedChange, WriteGuard } from './guarded-write';
import { PostgresStore } from './postgres-store';
import type { Database } from './schema';
import { SqliteStore } from './sqlite-store';
import { StoreError } from './store-error';

/** Which SQL engine a store runs on, for the rare query that must differ between them. */
export type StoreEngine = 'sqlite' | 'postgres';

/** Where the data lives: a PostgreSQL URL, an SQLite file (created if missing), or memory (tests, demos). */
export type StoreLocation =
  | { url: string; /** PostgreSQL schema to use, created if missing (isolates test runs). */ schema?: string }
  | { file: string }
  | { memory: true };

/** What a write declares about itself, so the store can run it more cheaply. */
export interface WriteOptions {
  /**
   * The write reads and changes only this user's own rows (their lock state, methods, codes and sessions): a
   * sign-in step. Its first statement must lock the user's row: a select of it with `.forUpdate()` (SQLite drops
   * the clause, see without-row-locks.ts). On PostgreSQL it then runs READ COMMITTED instead of serializable, so
   * such writes of one user take turns on that row, and those of different users never abort each other:
   * serializable checking reads index pages, and on a busy service about one concurrent sign-in in three was
   * cancelled as a "read/write dependency" and retried. A one-user write that turns out to append an audit entry
   * (a lockout, a recovery code used) is rolled back and run again serializable (keyed-audit-store.ts). SQLite runs
   * every write one at a time, so there it is an ordinary write.
   */
  oneUser?: string;
}

/** The database the repositories work on. */
export interface Store {
  readonly engine: StoreEngine;
  /** The file path or the URL without its password: for log lines and error messages. */
  readonly location: string;
  /**
   * For reads. Changes must go through `write`, or they are not saved (SQLite) nor retried (PostgreSQL).
   * Inside a `write` callback use its `trx`: calling `db` there waits for the transaction forever on SQLite.
   */
  readonly db: Kysely<Database>;
  /**
   * Runs `fn` in a transaction and resolves only once the change is durable: on SQLite after its commit was synced
   * to the write-ahead log (synchronous=FULL), on PostgreSQL after commit. Writes behave as if run one at a time (SQLite
   * has one connection; PostgreSQL runs them serializable). If `fn` throws, nothing is changed.
   * On PostgreSQL `fn` may run more than once (serialization retries): keep side effects out of it.
   * `options.oneUser`: see WriteOptions.
   */
  write<T>(fn: (trx: Transaction<Database>) => Promise<T>, options?: WriteOptions): Promise<T>;
  /**
   * Applies `changes` only if `guard` finds its row, all of them or none, and answers whether it did: a write decided
   * from rows read before it, which must still be as read (see guarded-write.ts). On PostgreSQL one statement (one
   * round trip, no transaction block; a serialization failure or deadlock is retried), on SQLite a transaction. Like
   * a one-user write (WriteOptions.oneUser), it runs READ COMMITTED on PostgreSQL: its guard should lock only one
   * user's rows, and its changes touch only those and add rows of their own.
   */
  writeIfUnchanged(guard: WriteGuard, changes: readonly GuardedChange[]): Promise<boolean>;
  /**
   * Runs `fn` while holding the database's start-up lock, so service instances starting at once on one database take
   * turns: migrations, key records and seeding each happen once. PostgreSQL: a session advisory lock keyed by the
   * schema (`onWait` is called when another instance holds it); SQLite: an in-process lock (one process per file is
   * the folder lock's job). Not reentrant: never call it from inside `fn`.
   */
  exclusive<T>(fn: () => Promise<T>, onWait?: () => void): Promise<T>;
  /** Checks that the database answers a trivial query within `timeoutMs`; throws a StoreError saying what failed. */
  ping(timeoutMs?: number): Promise<void>;
  /** Waits for writes in flight, then releases the database. Later calls to `write` fail. */
  close(): Promise<void>;
}

/**
 * Opens the store at `location`, creating and migrating it as needed:
 * `{ url: 'postgres://…' }` → PostgresStore, `{ file }` → SqliteStore on that file, `{ memory: true }` → in memory.
 * Throws a StoreError whose message a person can act on. `warn` hears of problems that do not stop the store
 * (a PostgreSQL connection that failed while idle); the console by default.
 */
export async function openStore(location: StoreLocation, options: { warn?: (message: string) => void } = {}): Promise<Store> {
  if ('memory' in location) return SqliteStore.openMemory();
  if ('file' in location) return SqliteStore.openFile(location.file);
  if (/^postgres(ql)?:\/\//i.test(location.url)) return PostgresStore.open(location.url, location.schema, options.warn);
  throw new StoreError(
    'unsupported-location',
    `The database URL must start with postgres:// or postgresql:// (got "${location.url.split(':')[0]}:…"). ` +
      'For an embedded database give a file path instead of a URL.',
  );
}
