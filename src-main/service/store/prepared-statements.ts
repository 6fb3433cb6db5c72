/**
 * Prepared statements for the PostgreSQL pool: a statement the service runs again and again is parsed and planned
 * once per connection and afterwards run by name, with only its parameters sent. Kysely sends every statement as
 * text with `pg`'s unnamed statement, so PostgreSQL parsed and planned each one every time; for the request context
 * query (about 80 columns of five tables) that was most of a request's database time, and on the two-core bench
 * naming the statements raised the MFA challenge from about 750 to about 1,150 a second.
 *
 * Bounds, since a connection keeps every statement it prepared until it closes:
 * - only reads and changes (select, insert, update, delete, with) are named, never transaction control or DDL;
 * - a text is named once this process ran it PREPARE_AFTER times, so a one-off statement (an import's last batch,
 *   a list of selected ids) stays unnamed;
 * - a connection holds at most MAX_PER_CONNECTION named statements; beyond that, statements run unnamed.
 *
 * When the schema changes under a running service (another instance migrated it), PostgreSQL refuses a prepared
 * `select *` whose columns changed ("cached plan must not change result type", 0A000). The connection then takes
 * new names for everything; outside a transaction the statement runs again at once, inside one the error ends the
 * write, which the store retries (isPreparedStatementFailure).
 *
 * Behind a connection pooler in transaction mode (PgBouncer before 1.21, or without `max_prepared_statements`), one
 * client connection runs on several server connections, so a statement prepared on one is missing on another
 * ("prepared statement … does not exist") or already there ("… already exists"). At the first such answer the
 * service stops naming statements altogether, says so once in its log, and runs the statement (or the write) again.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/** Runs of one text before it is prepared. */
export const PREPARE_AFTER = 3;
/** Most named statements one connection keeps. */
export const MAX_PER_CONNECTION = 100;
/** Most distinct texts counted or named; once full, texts not seen yet stay unnamed. */
const MAX_COUNTED = 5000;

const NAMEABLE = /^\s*(select|insert|update|delete|with)\b/i;
const TRANSACTION_START = /^\s*(begin|start transaction)\b/i;
const TRANSACTION_END = /^\s*(commit|rollback)\b/i;

/** True for PostgreSQL's refusal of a prepared statement whose result columns changed since it was prepared. */
export function isStalePlan(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === '0A000' && typeof message === 'string' && message.includes('cached plan must not change result type');
}

/** True when the server connection does not have the statements this connection prepared (a pooler between). */
function isPreparedStatementLost(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '26000' || code === '42P05';
}

/** A failure of a prepared statement that running it again, under a new name or unnamed, mends. */
export function isPreparedStatementFailure(error: unknown): boolean {
  return isStalePlan(error) || isPreparedStatementLost(error);
}

interface ConnectionState {
  /** Part of every name, moved on when the connection's prepared statements went stale. */
  generation: number;
  named: Set<string>;
  inTransaction: boolean;
}

/** Counts runs of each text, process-wide, and hashes those run often enough to be named. */
class TextCounts {
  readonly #counts = new Map<string, number>();
  readonly #hashes = new Map<string, string>();
  #stopped = false;

  /** No statement is named from now on (the server does not keep them). */
  stop(): boolean {
    const first = !this.#stopped;
    this.#stopped = true;
    this.#counts.clear();
    this.#hashes.clear();
    return first;
  }

  /** Counts one run of `text`; its hash once it ran PREPARE_AFTER times, else null. */
  hit(text: string): string | null {
    if (this.#stopped) return null;
    const hash = this.#hashes.get(text);
    if (hash !== undefined) return hash;
    const count = (this.#counts.get(text) ?? 0) + 1;
    if (count < PREPARE_AFTER || this.#hashes.size >= MAX_COUNTED) {
      if (count > 1 || this.#counts.size < MAX_COUNTED) this.#counts.set(text, count);
      return null;
    }
    this.#counts.delete(text);
    const made = createHash('sha256').update(text).digest('hex').slice(0, 32);
    this.#hashes.set(text, made);
    return made;
  }
}

/**
 * `pool` for Kysely, running frequent statements as prepared statements (see the module comment); `warn` hears once
 * when they stop.
 */
export function withPreparedStatements(pool: pg.Pool, warn: (message: string) => void): PostgresPool {
  const counts = new TextCounts();
  const stop = () => {
    if (counts.stop()) {
      warn('PostgreSQL did not keep a prepared statement (a connection pooler in transaction mode?); statements now run unprepared.');
    }
  };
  const states = new WeakMap<pg.PoolClient, ConnectionState>();
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let state = states.get(client);
      if (!state) states.set(client, (state = { generation: 0, named: new Set(), inTransaction: false }));
      return preparingClient(client, state, counts, stop);
    },
    end: () => pool.end(),
  };
}

function preparingClient(client: pg.PoolClient, state: ConnectionState, counts: TextCounts, stop: () => void): PostgresPoolClient {
  async function run<R>(text: string, values: readonly unknown[]): Promise<PostgresQueryResult<R>> {
    if (TRANSACTION_START.test(text)) state.inTransaction = true;
    else if (TRANSACTION_END.test(text)) state.inTransaction = false;
    const name = nameFor(text);
    if (name === null) return client.query(text, [...values]) as unknown as Promise<PostgresQueryResult<R>>;
    try {
      return (await client.query({ name, text, values: [...values] })) as unknown as PostgresQueryResult<R>;
    } catch (error) {
      if (!isPreparedStatementFailure(error)) throw error;
      if (isPreparedStatementLost(error)) stop();
      state.generation += 1;
      state.named.clear();
      if (state.inTransaction) throw error;
      return client.query(text, [...values]) as unknown as Promise<PostgresQueryResult<R>>;
    }
  }

  function nameFor(text: string): string | null {
    const hash = NAMEABLE.test(text) ? counts.hit(text) : null;
    if (hash === null) return null;
    // A statement's name: the hash of its text, within the connection's generation.
    const name = `mfa_${state.generation}_${hash}`;
    if (state.named.has(name)) return name;
    if (state.named.size >= MAX_PER_CONNECTION) return null;
    state.named.add(name);
    return name;
  }

  return {
    query: ((textOrCursor: string | PostgresCursor<unknown>, values?: readonly unknown[]) =>
      typeof textOrCursor === 'string'
        ? run(textOrCursor, values ?? [])
        : client.query(textOrCursor as unknown as pg.Submittable)) as PostgresPoolClient['query'],
    release(destroy?: boolean) {
      if (destroy) state.named.clear();
      client.release(destroy);
    },
  };
}
