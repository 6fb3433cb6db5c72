/**
 * The embedded store: SQLite in WebAssembly (sql.js), kept in memory and persisted as one file.
 *
 * After each write batch the whole database is exported and written with `writeFileDurably` (temp file,
 * fsync, rename, fsync of the folder) before the write is acknowledged. Concurrent writes share one flush
 * (`GroupCommit`), so throughput holds up as the file grows.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Kysely, type Transaction } from 'kysely';
import { checkWritable, openChecked, readDatabaseFile } from './database-file';
import { removeStaleTempFiles, writeFileDurably } from './durable-file';
import { GroupCommit } from './group-commit';
import { migrateToLatest } from './migrate';
import { PendingWrites } from './pending-writes';
import type { Database } from './schema';
import { SqljsDialect } from './sqljs-dialect';
import { SqljsEngine } from './sqljs-engine';
import { loadSqlJs } from './sqljs-loader';
import type { Store } from './store';
import { StoreError, closedStoreError, describeCause } from './store-error';

/** A Store on sql.js: `file` persists to disk, `null` keeps everything in memory. */
export class SqljsStore implements Store {
  readonly engine = 'sqlite';
  readonly db: Kysely<Database>;
  readonly #engine: SqljsEngine;
  readonly #file: string | null;
  readonly #commit: GroupCommit;
  readonly #pending = new PendingWrites();
  #closed = false;

  private constructor(engine: SqljsEngine, file: string | null) {
    this.#engine = engine;
    this.#file = file;
    this.db = new Kysely<Database>({ dialect: new SqljsDialect(engine) });
    this.#commit = new GroupCommit(() => this.#flush());
  }

  /** Opens (or creates) the database file, checks it, migrates it and saves it if it changed. */
  static async openFile(file: string): Promise<SqljsStore> {
    const path = resolve(file);
    const sqlJs = await loadSqlJs();
    try {
      await mkdir(dirname(path), { recursive: true });
    } catch (error) {
      throw new StoreError(
        'file-inaccessible',
        `The folder for the database file ${path} cannot be created: ${describeCause(error)}. ` +
          'Choose another location, or create the folder and give the service write access to it.',
        { cause: error },
      );
    }
    await removeStaleTempFiles(path);
    const bytes = await readDatabaseFile(path);
    await checkWritable(path, bytes !== null);
    const database = bytes === null ? new sqlJs.Database() : openChecked(sqlJs, bytes, path);
    const store = new SqljsStore(new SqljsEngine(database), path);
    const applied = await store.#migrate();
    if (bytes === null || applied.length > 0) {
      await store.#commit.afterNextFlush().catch(async (error: unknown) => {
        await store.db.destroy();
        throw error;
      });
    }
    return store;
  }

  /** A fresh in-memory database (tests, throwaway demos): nothing is written to disk. */
  static async openMemory(): Promise<SqljsStore> {
    const sqlJs = await loadSqlJs();
    const store = new SqljsStore(new SqljsEngine(new sqlJs.Database()), null);
    await store.#migrate();
    return store;
  }

  get location(): string {
    return this.#file ?? ':memory:';
  }

  async write<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    if (this.#closed) throw closedStoreError(this.location);
    return this.#pending.track(this.#commitAndFlush(fn));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pending.settled();
    await this.#commit.idle();
    await this.db.destroy();
  }

  async #commitAndFlush<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    const result = await this.db.transaction().execute(fn);
    if (this.#file !== null) await this.#commit.afterNextFlush();
    return result;
  }

  async #migrate(): Promise<string[]> {
    try {
      return await migrateToLatest(this.db, 'sqlite', this.location);
    } catch (error) {
      await this.db.destroy();
      throw error;
    }
  }

  async #flush(): Promise<void> {
    const file = this.#file;
    if (file === null) return;
    const bytes = await this.#engine.export();
    try {
      await writeFileDurably(file, bytes);
    } catch (error) {
      throw new StoreError(
        'save-failed',
        `Could not save the database to ${file}: ${describeCause(error)}. The change is not confirmed: it is ` +
          'saved with the next successful write, or lost if the service stops first. Free disk space or fix ' +
          'the file permissions, then try again.',
        { cause: error },
      );
    }
  }
}
