/**
 * Writes to many directory users at once, inside one transaction: change sequence blocks, batched updates and
 * inserts, and ending sessions. Batched statements keep a 100,000-row import to a few hundred statements.
 */
import { sql, type Transaction } from 'kysely';
import { CHANGE_SEQ_KEY } from '../store/change-seq';
import type { Database, UsersTable } from '../store/schema';
import type { Store } from '../store/store';

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
  search_text: 'text',
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
  const assignments = sql.join(columns.map((column) => sql`${sql.id(column)} = cast(${sql.ref(`v.${column}`)} as ${sql.raw(COLUMN_TYPES[column])})`));
  for (let start = 0; start < rows.length; start += perStatement) {
    const tuples = rows.slice(start, start + perStatement).map((row) => sql`(${sql.join([row.id, ...columns.map((column) => row[column] ?? null)])})`);
    await sql`with v(${names}) as (values ${sql.join(tuples)}) update users set ${assignments} from v where users.id = v.id`.execute(trx);
  }
}

/** What a new directory user is made of; every other column starts empty (never signed in, not enrolled). */
export type NewUserRow = Pick<
  UsersTable,
  'id' | 'email' | 'email_lower' | 'name' | 'search_text' | 'status' | 'country' | 'time_zone' | 'account_type' | 'perm_company_admin' | 'perm_directory' | 'change_seq'
>;

const NEW_USER_COLUMNS = ['id', 'email', 'email_lower', 'name', 'search_text', 'status', 'country', 'time_zone', 'account_type', 'perm_company_admin', 'perm_directory', 'change_seq'] as const;

/** Rows per insert statement (larger statements cost more to bind than they save). */
const INSERT_BATCH = 200;

/**
 * Inserts new users of one company in batches. The columns every new user shares are written as constants, not
 * bound per row: binding is a large part of the cost of a 100,000-row import.
 */
export async function insertNewUsers(trx: Transaction<Database>, companyId: string, now: number, rows: readonly NewUserRow[]): Promise<void> {
  const names = sql.join(NEW_USER_COLUMNS.map((column) => sql.id(column)));
  for (let start = 0; start < rows.length; start += INSERT_BATCH) {
    const tuples = rows.slice(start, start + INSERT_BATCH).map((row) => sql`(${sql.join(NEW_USER_COLUMNS.map((column) => row[column]))})`);
    await sql`with v(${names}) as (values ${sql.join(tuples)})
      insert into users (id, company_id, email, email_lower, name, search_text, status, country, time_zone, account_type, perm_company_admin,
        perm_directory, password_hash, last_sign_in_at, always_require_mfa, enrolled_at, failed_attempts, locked_until,
        created_at, updated_at, change_seq)
      select v.id, ${companyId}, v.email, v.email_lower, v.name, v.search_text, v.status, v.country, v.time_zone, v.account_type,
        v.perm_company_admin, v.perm_directory, null, null, 0, null, 0, null,
        cast(${now} as bigint), cast(${now} as bigint), cast(v.change_seq as bigint)
      from v`.execute(trx);
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

/** Pending rows numbered per write, so a large backlog takes several short writes rather than one long one. */
const NUMBER_BATCH = 5000;
/** Most writes one call makes; rows still pending after them are numbered by the next call. */
const NUMBER_ROUNDS = 40;

/**
 * Numbers pending changes: users whose own sign-in or set-up step left a `pending_changes` row (updateUserMfa) get
 * the next change sequence numbers, and lose that row, in writes of NUMBER_BATCH users; returns how many were
 * numbered. The changed-since sync calls it before it reads, so a change is in the sync once its write committed.
 * A user numbered meanwhile by an admin write keeps their mark and is numbered again here: the sync reads them once
 * more, which costs less than clearing marks in every admin write.
 *
 * The numbers still come only from the `meta` row, in writes that take turns on it, so a reader never sees a later
 * number before an earlier one. What moved is who takes that turn: one numbering write per sync instead of every
 * sign-in, which on PostgreSQL made concurrent sign-ins queue on that one row until each committed. A step that
 * commits while a numbering write runs changes the user's row that write numbers, so that write (serializable) fails
 * and runs again with the step in sight; a step committed after it finds no mark and leaves a new one.
 */
export async function numberPendingChanges(store: Store): Promise<number> {
  let numbered = 0;
  for (let round = 0; round < NUMBER_ROUNDS; round++) {
    // A read first: with nothing pending (the usual case) the sync costs no write.
    const pending = await store.db.selectFrom('pending_changes').select('user_id').limit(1).executeTakeFirst();
    if (!pending) break;
    const count = await store.write(async (trx) => {
      const rows = await trx.selectFrom('pending_changes').select('user_id').orderBy('user_id').limit(NUMBER_BATCH).execute();
      if (rows.length === 0) return 0;
      const ids = rows.map((row) => row.user_id);
      const first = await reserveChangeSeqs(trx, ids.length);
      await updateUsersBatch(trx, ['change_seq'], ids.map((id, index) => ({ id, change_seq: first + index })));
      await trx.deleteFrom('pending_changes').where('user_id', 'in', ids).execute();
      return ids.length;
    });
    numbered += count;
    if (count < NUMBER_BATCH) break;
  }
  return numbered;
}
