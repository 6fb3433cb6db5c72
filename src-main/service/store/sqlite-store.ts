/**
 * The embedded store: SQLite through `node:sqlite`, one file in WAL mode, or memory.
 *
 * A write is one transaction on the single connection; with synchronous=FULL its commit has reached the disk
 * when `write` resolves, so there is nothing left to flush and nothing is ever rewritten whole. The API is
 * synchronous: hosts that must stay responsive run the store in a worker thread (the console does).
 */
import { chmod, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Kysely, type Transaction } from 'kysely';
import { removeStaleTempFiles } from './durable-file';
import { guardedSteps, type GuardedChange, type WriteGuard } from './guarded-write';
import { migrateToLatest } from './migrate';
import { loadNodeSqlite } from './node-sqlite';
import { Mutex } from './mutex';
import { PendingWrites } from './pending-writes';
import { pingDatabase } from './ping';
import type { Database } from './schema';
import { NodeSqliteDialect } from './sqlite-dialect';
import { applyConnectionPragmas, checkDatabaseFile, checkWritable, openChecked } from './sqlite-file';
import { WithoutRowLocks } from './without-row-locks';
import type { Store, WriteOptions } from './store';
import { StoreError, closedStoreError, describeCause } from './store-error';

/** A Store on node:sqlite: `file` on disk, `null` in memory. */
export class SqliteStore implements Store {
  readonly engine = 'sqlite';
  readonly db: Kysely<Database>;
  readonly #file: string | null;
  readonly #pending = new PendingWrites();
  readonly #startup = new Mutex();
  #closed = false;

  private constructor(db: Kysely<Database>, file: string | null) {
    this.db = db;
    this.#file = file;
  }

  /**
   * Opens (or creates) the database file: checks it can be read and written and is not damaged before anything
   * is written, switches it to WAL (a 0.1.0 file is upgraded in place), then migrates it.
   */
  static async openFile(file: string): Promise<SqliteStore> {
    const path = resolve(file);
    loadNodeSqlite();
    try {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    } catch (error) {
      throw new StoreError(
        'file-inaccessible',
        `The folder for the database file ${path} cannot be created: ${describeCause(error)}. ` +
          'Choose another location, or create the folder and give the service write access to it.',
        { cause: error },
      );
    }
    const exists = await checkDatabaseFile(path);
    await checkWritable(path, exists);
    const database = openChecked(path);
    try {
      // It holds credentials: owner only. SQLite gives its -wal and -shm files the same mode.
      if (!exists) await chmod(path, 0o600);
      applyConnectionPragmas(database, true);
    } catch (error) {
      database.close();
      throw new StoreError(
        'file-inaccessible',
        `The database file ${path} could not be prepared for writing: ${describeCause(error)}. ` +
          'Check the disk and that the service may write to the file and its folder, then start again.',
        { cause: error },
      );
    }
    await removeStaleTempFiles(path);
    return SqliteStore.#migrated(new SqliteStore(new Kysely<Database>({ dialect: new NodeSqliteDialect(database), plugins: [new WithoutRowLocks()] }), path));
  }

  /** A fresh in-memory database (tests, throwaway demos): nothing is written to disk. */
  static async openMemory(): Promise<SqliteStore> {
    const { DatabaseSync } = loadNodeSqlite();
    const database = new DatabaseSync(':memory:');
    applyConnectionPragmas(database, false);
    return SqliteStore.#migrated(new SqliteStore(new Kysely<Database>({ dialect: new NodeSqliteDialect(database), plugins: [new WithoutRowLocks()] }), null));
  }

  static async #migrated(store: SqliteStore): Promise<SqliteStore> {
    try {
      await migrateToLatest(store.db, 'sqlite', store.location);
    } catch (error) {
      await store.db.destroy();
      throw error;
    }
    return store;
  }

  get location(): string {
    return this.#file ?? ':memory:';
  }

  /** `_options`: every write here runs one at a time already (see WriteOptions). */
  async write<T>(fn: (trx: Transaction<Database>) => Promise<T>, _options?: WriteOptions): Promise<T> {
    if (this.#closed) throw closedStoreError(this.location);
    return this.#pending.track(this.db.transaction().execute(fn));
  }

  async writeIfUnchanged(guard: WriteGuard, changes: readonly GuardedChange[]): Promise<boolean> {
    if (this.#closed) throw closedStoreError(this.location);
    return this.#pending.track(this.db.transaction().execute((trx) => guardedSteps(trx, guard, changes)));
  }

  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#closed) throw closedStoreError(this.location);
    return this.#startup.run(fn);
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
}
