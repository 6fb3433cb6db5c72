/**
 * 012-pending-changes-table: lets PostgreSQL change a user's row at sign-in without touching its indexes (a HOT
 * update), the MFA challenge's largest cost in the database. An update that changes no indexed column, on a page with
 * room, writes the new row version beside the old one; any other writes an entry into each of the row's indexes —
 * eleven on `users`, and the write-ahead log with them (23 records per MFA challenge before, 17 after).
 * - The pending mark of migration 011 moves from `users.change_pending` (indexed by its partial index, so every
 *   mark changed an indexed column) to a table of its own, `pending_changes`, one row per user with a change the
 *   sync has not numbered yet: one small insert (nothing when the mark is there already).
 * - `users_company_last_sign_in_idx` goes: no query reads it (the stale users' query filters on
 *   `coalesce(last_sign_in_at, created_at)`), and every sign-in changed its column.
 * - PostgreSQL: the rows a sign-in changes (`users`, `sessions`, `mfa_methods`) leave 15 % of each page free
 *   (fillfactor 85; pages written from now on), so the new version fits beside the old one.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreEngine } from '../store';

/** The migration (the fillfactor on PostgreSQL only: SQLite has none). */
export function pendingChangesTableMigration(engine: StoreEngine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('pending_changes')
        .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
        .execute();
      await sql`insert into pending_changes (user_id) select id from users where change_pending = 1`.execute(db);
      await db.schema.dropIndex('users_change_pending_idx').execute();
      await db.schema.alterTable('users').dropColumn('change_pending').execute();
      await db.schema.dropIndex('users_company_last_sign_in_idx').execute();
      if (engine === 'postgres') {
        for (const table of ['users', 'sessions', 'mfa_methods']) await sql`alter table ${sql.table(table)} set (fillfactor = 85)`.execute(db);
      }
    },
  };
}
