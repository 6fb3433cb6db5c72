/**
 * A Kysely dialect over sql.js (SQLite compiled to WebAssembly): SQLite's query compiler and introspector, and
 * a driver whose one connection is owned by an `SqljsEngine` (see there for the locking rules).
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
import type { Database as SqlJsDatabase, SqlValue } from 'sql.js';
import type { SqljsEngine } from './sqljs-engine';

/** Kysely dialect for an `SqljsEngine`: SQLite's compiler and introspector, our driver. */
export class SqljsDialect implements Dialect {
  constructor(private readonly engine: SqljsEngine) {}

  createDriver(): Driver {
    return new SqljsDriver(this.engine);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new SqljsAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

/** SQLite runs DDL inside transactions, so a failed migration leaves nothing half-done behind. */
class SqljsAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class SqljsDriver implements Driver {
  #release: (() => void) | undefined;
  readonly #connection: SqljsConnection;

  constructor(private readonly engine: SqljsEngine) {
    this.#connection = new SqljsConnection(engine.database);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    this.#release = await this.engine.acquire();
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
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

  async destroy(): Promise<void> {
    await this.engine.close();
  }
}

const WRITE_SQL = /^\s*(insert|replace|update|delete)\b/i;
const INSERT_SQL = /^\s*(insert|replace)\b/i;

class SqljsConnection implements DatabaseConnection {
  constructor(private readonly database: SqlJsDatabase) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.database.prepare(compiled.sql);
    try {
      statement.bind(toSqlValues(compiled.parameters));
      const rows: R[] = [];
      while (statement.step()) rows.push(statement.getAsObject() as R);
      const reader = statement.getColumnNames().length > 0;
      if (!isWrite(compiled)) return { rows };
      const changes = this.database.getRowsModified();
      const insertId = isInsert(compiled) && changes > 0 && !reader ? this.lastInsertRowid() : undefined;
      return { rows, numAffectedRows: BigInt(changes), ...(insertId === undefined ? {} : { insertId }) };
    } finally {
      statement.free();
    }
  }

  async *streamQuery<R>(compiled: CompiledQuery, chunkSize = 100): AsyncIterableIterator<QueryResult<R>> {
    const statement = this.database.prepare(compiled.sql);
    try {
      statement.bind(toSqlValues(compiled.parameters));
      let rows: R[] = [];
      while (statement.step()) {
        rows.push(statement.getAsObject() as R);
        if (rows.length >= chunkSize) {
          yield { rows };
          rows = [];
        }
      }
      if (rows.length > 0) yield { rows };
    } finally {
      statement.free();
    }
  }

  private lastInsertRowid(): bigint {
    const value = this.database.exec('select last_insert_rowid()')[0]?.values[0]?.[0];
    return BigInt(typeof value === 'number' ? value : 0);
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

/** Converts Kysely parameters to values sql.js can bind, refusing types that would be stored wrongly. */
function toSqlValues(parameters: readonly unknown[]): SqlValue[] {
  return parameters.map((value, index): SqlValue => {
    if (value === null || value === undefined) return null;
    if (typeof value === 'string' || typeof value === 'number' || value instanceof Uint8Array) return value;
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (typeof value === 'bigint') {
      const asNumber = Number(value);
      return Number.isSafeInteger(asNumber) ? asNumber : value.toString();
    }
    const kind = value instanceof Date ? 'a Date (store epoch milliseconds: date.getTime())' : typeof value;
    throw new TypeError(`Query parameter ${index + 1} is ${kind}; SQLite stores numbers, strings, bytes or null.`);
  });
}
