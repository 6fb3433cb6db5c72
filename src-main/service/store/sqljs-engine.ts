/**
 * The single sql.js connection and the FIFO mutex that serialises everything using it.
 *
 * Kysely acquires the connection for each query and for the whole of a transaction, so a transaction owns the
 * database until it ends. Exporting the database (for persistence) takes the same mutex: sql.js 1.16
 * `export()` copies the database with SQLite's backup API and throws "SQLite is busy" while a write
 * transaction is open, and older releases closed and reopened the database, ending the transaction and
 * resetting pragmas. Under the mutex neither can happen, and the pragmas are reapplied after each export in
 * case the engine is older.
 */
import type { Database as SqlJsDatabase } from 'sql.js';
import { Mutex } from './mutex';

/** Pragmas that hold per connection; reapplied after every export() (older sql.js reopens the database). */
const CONNECTION_PRAGMAS = 'PRAGMA foreign_keys = ON;';

/** Owns the single sql.js connection: the mutex that serialises its users, and export/close under it. */
export class SqljsEngine {
  readonly #mutex = new Mutex();
  #closed = false;

  constructor(readonly database: SqlJsDatabase) {
    database.exec(CONNECTION_PRAGMAS);
  }

  /** Waits for the connection and holds it until the returned release function is called. */
  acquire(): Promise<() => void> {
    return this.#mutex.lock();
  }

  /** Runs `fn` while owning the connection (no query or transaction runs meanwhile). */
  exclusive<T>(fn: (database: SqlJsDatabase) => T): Promise<T> {
    return this.#mutex.run(() => fn(this.database));
  }

  /** The whole database file as bytes, taken between transactions, with pragmas restored afterwards. */
  export(): Promise<Uint8Array> {
    return this.exclusive((database) => {
      const bytes = database.export();
      database.exec(CONNECTION_PRAGMAS);
      return bytes;
    });
  }

  /** Closes the database once every queued user of the connection is done. */
  close(): Promise<void> {
    return this.exclusive((database) => {
      if (this.#closed) return;
      this.#closed = true;
      database.close();
    });
  }
}
