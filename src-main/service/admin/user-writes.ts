/**
 * Writes to many directory users at once, inside one transaction: change sequence blocks, batched updates and
 * inserts, and ending sessions. Batched statements keep a 100,000-row import to a few hundred statements.
 */
import { sql, type Insertable, type Transaction } from 'kysely';
import { CHANGE_SEQ_KEY } from '../store/change-seq';
import type { Database, UsersTable } from '../store/schema';

/**
 * Takes `count` consecutive change sequence numbers in one statement (like `nextChangeSeq`, `count` times) and
 * returns the first. Each changed user gets its own number, so a sync page never splits a number.
 */
export async function reserveChangeSeqs(trx: Transaction<Database>, count: number): Promise<number> {
  const row = await trx
    .updateTable('meta')
    .set({ value: sql<string>`cast(cast(value as bigint) + ${count} as text)` })
    .where('key', '=', CHANGE_SEQ_KEY)
    .returning('value')
    .executeTakeFirst();
  if (!row) throw new Error('The change sequence is missing from the database (meta.change_seq); run migrations.');
  return Number(row.value) - count + 1;
}

/** Columns a batched update may set, with the SQL type their values are read as. */
const COLUMN_TYPES = {
  email: 'text',
  email_lower: 'text',
  name: 'text',
  status: 'text',
  country: 'text',
  time_zone: 'text',
  account_type: 'text',
  perm_company_admin: 'text',
  perm_directory: 'text',
  failed_attempts: 'integer',
  locked_until: 'bigint',
  enrolled_at: 'bigint',
  updated_at: 'bigint',
  change_seq: 'bigint',
} as const;

/** A column a batched update may set. */
export type BatchColumn = keyof typeof COLUMN_TYPES;
/** One row of a batched update: the user id and the new values of the batch's columns. */
export type BatchRow = { id: string } & Partial<Pick<UsersTable, BatchColumn>>;

const UPDATE_BATCH_PARAMS = 20_000;

/**
 * Sets `columns` on many users in as few statements as possible: `WITH v(...) AS (VALUES ...) UPDATE users ...
 * FROM v WHERE users.id = v.id` (SQLite ≥ 3.33 and PostgreSQL both read it). Every row gives every column.
 */
export async function updateUsersBatch(trx: Transaction<Database>, columns: readonly BatchColumn[], rows: readonly BatchRow[]): Promise<void> {
  if (rows.length === 0 || columns.length === 0) return;
  const perStatement = Math.max(1, Math.floor(UPDATE_BATCH_PARAMS / (columns.length + 1)));
  const names = sql.join([sql.id('id'), ...columns.map((column) => sql.id(column))]);
  const assignments = sql.join(
    columns.map((column) => sql`${sql.id(column)} = cast(${sql.ref(`v.${column}`)} as ${sql.raw(COLUMN_TYPES[column])})`),
  );
  for (let start = 0; start < rows.length; start += perStatement) {
    const tuples = rows.slice(start, start + perStatement).map((row) => sql`(${sql.join([row.id, ...columns.map((column) => row[column] ?? null)])})`);
    await sql`with v(${names}) as (values ${sql.join(tuples)}) update users set ${assignments} from v where users.id = v.id`.execute(trx);
  }
}

/** Rows per insert statement: measured fastest on sql.js (larger statements cost more to bind than they save). */
const INSERT_BATCH = 200;

/** Inserts users in batches. */
export async function insertUsersBatch(trx: Transaction<Database>, rows: readonly Insertable<UsersTable>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_BATCH) {
    await trx.insertInto('users').values(rows.slice(start, start + INSERT_BATCH)).execute();
  }
}

/** Ends every open session of these users (deactivation, reset); returns how many ended. */
export async function endSessions(trx: Transaction<Database>, userIds: readonly string[], now: number): Promise<number> {
  let ended = 0;
  for (let start = 0; start < userIds.length; start += 5000) {
    const result = await trx
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('user_id', 'in', userIds.slice(start, start + 5000))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    ended += Number(result.numUpdatedRows);
  }
  return ended;
}
