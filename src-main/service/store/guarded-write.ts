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
import { sql, type Compilable, type Expression, type Kysely, type OperationNodeSource, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Database } from './schema';

/** The rows a guarded write depends on, found only while they are as read, and locked (`.forUpdate()`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any tables, any selection: only "found or not" is used
export type WriteGuard = (db: Kysely<Database>) => SelectQueryBuilder<Database, any, any>;

/** One change of a guarded write, built on `db`, applied only where `onlyIf` holds (add it as a condition). */
export type GuardedChange = (db: Kysely<Database>, onlyIf: Expression<SqlBool>) => OperationNodeSource & Compilable;

/** The condition a change of the one PostgreSQL statement carries: the guard found its row. */
const GUARD_FOUND = sql<SqlBool>`exists (select 1 from guard)`;

/** PostgreSQL: the guard and the changes as one statement whose single row says whether the guard found its row. */
export function guardedStatement(db: Kysely<Database>, guard: WriteGuard, changes: readonly GuardedChange[]): RawBuilder<{ found: number }> {
  const parts = [sql`guard as (${guard(db)})`, ...changes.map((change, index) => sql`${sql.id(`change_${index}`)} as (${change(db, GUARD_FOUND)})`)];
  return sql<{ found: number }>`with ${sql.join(parts)} select count(*) as found from guard`;
}

/** SQLite (inside a transaction): the guard, then the changes if it found its row; whether it did. */
export async function guardedSteps(trx: Kysely<Database>, guard: WriteGuard, changes: readonly GuardedChange[]): Promise<boolean> {
  if ((await guard(trx).executeTakeFirst()) === undefined) return false;
  for (const change of changes) await trx.executeQuery(change(trx, sql<SqlBool>`1 = 1`).compile());
  return true;
}
