/**
 * A Kysely dialect over `node:sqlite` (`DatabaseSync`): SQLite's query compiler and introspector, and a driver
 * whose one connection is shared through a FIFO mutex, so a transaction owns the database until it ends.
 *
 * Our own small driver rather than a dialect package: Kysely's built-in SQLite driver expects better-sqlite3's
 * statement API (`reader`), and the young node:sqlite dialect packages add a dependency for about a hundred
 * lines. Here writes begin with BEGIN IMMEDIATE, statements are prepared once and reused, and parameters that
 * SQLite would store wrongly (a Date) are refused with a clear error.
 */
import {
  CompiledQuery,
  DeleteQueryNode,
  InsertQueryNode,
  MergeQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  UpdateQueryNode,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { Mutex } from './mutex';

/** Kysely dialect for one open `DatabaseSync`; destroying the Kysely instance closes the database. */
export class NodeSqliteDialect implements Dialect {
  constructor(private readonly database: DatabaseSync) {}

  createDriver(): Driver {
    return new NodeSqliteDriver(this.database);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new TransactionalDdlAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

/** SQLite runs DDL inside transactions, so a failed migration leaves nothing half-done behind. */
class TransactionalDdlAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class NodeSqliteDriver implements Driver {
  readonly #mutex = new Mutex();
  readonly #connection: NodeSqliteConnection;
  #release: (() => void) | undefined;

  constructor(private readonly database: DatabaseSync) {
    this.#connection = new NodeSqliteConnection(database);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    this.#release = await this.#mutex.lock();
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdentifier(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoteIdentifier(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoteIdentifier(name)}`));
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  /** Closes the database once every queued user of the connection is done. */
  async destroy(): Promise<void> {
    await this.#mutex.run(() => {
      if (this.database.isOpen) this.database.close();
    });
  }
}

/** Prepared statements kept for reuse: the service runs a few dozen distinct queries over and over. */
const STATEMENT_CACHE_SIZE = 256;
const WRITE_SQL = /^\s*(insert|replace|update|delete)\b/i;
const INSERT_SQL = /^\s*(insert|replace)\b/i;

class NodeSqliteConnection implements DatabaseConnection {
  readonly #statements = new Map<string, StatementSync>();

  constructor(private readonly database: DatabaseSync) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.#prepare(compiled.sql);
    const parameters = toSqlValues(compiled.parameters);
    if (statement.columns().length > 0) {
      const rows = statement.all(...parameters) as R[];
      if (!isWrite(compiled)) return { rows };
      return { rows, numAffectedRows: BigInt(this.#changes()) };
    }
    const result = statement.run(...parameters);
    if (!isWrite(compiled)) return { rows: [] };
    const changes = BigInt(result.changes);
    const insertId = isInsert(compiled) && changes > 0n ? BigInt(result.lastInsertRowid) : undefined;
    return { rows: [], numAffectedRows: changes, ...(insertId === undefined ? {} : { insertId }) };
  }

  async *streamQuery<R>(compiled: CompiledQuery, chunkSize = 100): AsyncIterableIterator<QueryResult<R>> {
    const statement = this.#prepare(compiled.sql);
    let rows: R[] = [];
    for (const row of statement.iterate(...toSqlValues(compiled.parameters))) {
      rows.push(row as R);
      if (rows.length >= chunkSize) {
        yield { rows };
        rows = [];
      }
    }
    if (rows.length > 0) yield { rows };
  }

  #prepare(text: string): StatementSync {
    const cached = this.#statements.get(text);
    if (cached) {
      this.#statements.delete(text);
      this.#statements.set(text, cached);
      return cached;
    }
    const statement = this.database.prepare(text);
    this.#statements.set(text, statement);
    if (this.#statements.size > STATEMENT_CACHE_SIZE) {
      const oldest = this.#statements.keys().next().value;
      if (oldest !== undefined) this.#statements.delete(oldest);
    }
    return statement;
  }

  #changes(): number {
    const row = this.#prepare('select changes() as n').get() as { n: number } | undefined;
    return row?.n ?? 0;
  }
}

function isWrite(compiled: CompiledQuery): boolean {
  const node = compiled.query;
  if (InsertQueryNode.is(node) || UpdateQueryNode.is(node) || DeleteQueryNode.is(node) || MergeQueryNode.is(node)) {
    return true;
  }
  return node.kind === 'RawNode' && WRITE_SQL.test(compiled.sql);
}

function isInsert(compiled: CompiledQuery): boolean {
  return InsertQueryNode.is(compiled.query) || (compiled.query.kind === 'RawNode' && INSERT_SQL.test(compiled.sql));
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Converts Kysely parameters to values node:sqlite binds, refusing types that would be stored wrongly. */
function toSqlValues(parameters: readonly unknown[]): SQLInputValue[] {
  return parameters.map((value, index): SQLInputValue => {
    if (value === null || value === undefined) return null;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || value instanceof Uint8Array) return value;
    if (typeof value === 'boolean') return value ? 1 : 0;
    const kind = value instanceof Date ? 'a Date (store epoch milliseconds: date.getTime())' : typeof value;
    throw new TypeError(`Query parameter ${index + 1} is ${kind}; SQLite stores numbers, strings, bytes or null.`);
  });
}
