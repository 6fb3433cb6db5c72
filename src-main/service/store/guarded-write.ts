/**
 * A write decided before it runs (Store.writeIfUnchanged): the caller read some rows, decided what to change from
 * them, and now wants its changes applied only if those rows are still as it read them. `guard` selects the rows
 * with the values read as conditions and locks them (`.forUpdate()`); each change is applied only where `onlyIf`
 * holds, which is "the guard found its row". No rule is stated in SQL: the guard compares with what was read.
 *
 * On PostgreSQL it is one statement (engine-specific SQL kept here, the rest is Kysely):
 *
 *     with guard as (<guard> for update), change_0 as (<change 0> where … and exists (select 1 from guard)), …
 *     select count(*) as found from guard
 *
 * A statement is its own transaction, so the changes apply together or not at all, in one round trip instead of
 * BEGIN, the statements and COMMIT. The guard's lock is taken on the newest version of each row (READ COMMITTED
 * re-checks its conditions there after waiting for a writer ahead), and a change of a row the guard locked finds
 * that newest version too. A change must touch each row at most once (PostgreSQL applies only one of two
 * modifications of one row in a statement). On SQLite it is a transaction: the guard, then the changes if it found
 * its row.
 */
import { CompiledQuery, sql, type Compilable, type Expression, type Kysely, type OperationNodeSource, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Database } from './schema';
import { StatementTemplates } from './statement-template';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any tables, any selection: only "found or not" is used
type GuardQuery = SelectQueryBuilder<Database, any, any>;
type ChangeQuery = OperationNodeSource & Compilable;

/**
 * A part of a guarded write built from `values`, which it only passes to Kysely as values (statement-template.ts):
 * a write of such parts is composed and compiled once per shape of its values, then run with each call's values.
 * `build` should be a function defined once (its identity names the part), not a closure made per call.
 */
export interface GuardTemplate<V> {
  readonly values: V;
  readonly build: (db: Kysely<Database>, values: V) => GuardQuery;
}

/** A change as a template (see GuardTemplate): applied only where `onlyIf` holds. */
export interface ChangeTemplate<V> {
  readonly values: V;
  readonly build: (db: Kysely<Database>, onlyIf: Expression<SqlBool>, values: V) => ChangeQuery;
}

/** The rows a guarded write depends on, found only while they are as read, and locked (`.forUpdate()`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a template of any values
export type WriteGuard = ((db: Kysely<Database>) => GuardQuery) | GuardTemplate<any>;

/** One change of a guarded write, built on `db`, applied only where `onlyIf` holds (add it as a condition). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a template of any values
export type GuardedChange = ((db: Kysely<Database>, onlyIf: Expression<SqlBool>) => ChangeQuery) | ChangeTemplate<any>;

function buildGuard(db: Kysely<Database>, guard: WriteGuard): GuardQuery {
  return typeof guard === 'function' ? guard(db) : guard.build(db, guard.values);
}

function buildChange(db: Kysely<Database>, change: GuardedChange, onlyIf: Expression<SqlBool>): ChangeQuery {
  return typeof change === 'function' ? change(db, onlyIf) : change.build(db, onlyIf, change.values);
}

/** The condition a change of the one PostgreSQL statement carries: the guard found its row. */
const GUARD_FOUND = sql<SqlBool>`exists (select 1 from guard)`;

/** PostgreSQL: the guard and the changes as one statement whose single row says whether the guard found its row. */
function guardedStatement(db: Kysely<Database>, guard: WriteGuard, changes: readonly GuardedChange[]): CompiledQuery {
  const parts = [sql`guard as (${buildGuard(db, guard)})`, ...changes.map((change, index) => sql`${sql.id(`change_${index}`)} as (${buildChange(db, change, GUARD_FOUND)})`)];
  return sql<{ found: number }>`with ${sql.join(parts)} select count(*) as found from guard`.compile(db);
}

/** Most kinds of guarded write whose compiled statements one store keeps (a write of closures is a kind per call). */
const MAX_KINDS = 64;

/**
 * The guarded statements of one PostgreSQL store. A write whose parts are all templates is compiled once per kind
 * (its parts' build functions) and shape of values; a write with a part given as a closure is composed each time.
 */
export class GuardedStatements {
  readonly #ids = new WeakMap<object, number>();
  #nextId = 0;
  readonly #kinds = new Map<string, StatementTemplates<unknown[]>>();

  constructor(private readonly db: Kysely<Database>) {}

  /** The statement of `guard` and `changes`; its one row's `found` is 1 when the guard found its row. */
  query(guard: WriteGuard, changes: readonly GuardedChange[]): CompiledQuery<{ found: number }> {
    if (typeof guard === 'function' || changes.some((change) => typeof change === 'function')) return guardedStatement(this.db, guard, changes) as CompiledQuery<{ found: number }>;
    const templates = changes as readonly ChangeTemplate<unknown>[];
    const kind = [guard.build, ...templates.map((change) => change.build)].map((build) => this.#idOf(build)).join(',');
    let statements = this.#kinds.get(kind);
    if (!statements) {
      statements = new StatementTemplates((values: unknown[]) =>
        guardedStatement(
          this.db,
          { build: guard.build, values: values[0] },
          templates.map((change, index) => ({ build: change.build, values: values[index + 1] })),
        ),
      );
      if (this.#kinds.size >= MAX_KINDS) this.#kinds.clear();
      this.#kinds.set(kind, statements);
    }
    const { sql: text, parameters } = statements.query([guard.values, ...templates.map((change) => change.values)]);
    return CompiledQuery.raw(text, parameters) as CompiledQuery<{ found: number }>;
  }

  #idOf(build: object): number {
    let id = this.#ids.get(build);
    if (id === undefined) this.#ids.set(build, (id = this.#nextId++));
    return id;
  }
}

/** SQLite (inside a transaction): the guard, then the changes if it found its row; whether it did. */
export async function guardedSteps(trx: Kysely<Database>, guard: WriteGuard, changes: readonly GuardedChange[]): Promise<boolean> {
  if ((await buildGuard(trx, guard).executeTakeFirst()) === undefined) return false;
  for (const change of changes) await trx.executeQuery(buildChange(trx, change, sql<SqlBool>`1 = 1`).compile());
  return true;
}
