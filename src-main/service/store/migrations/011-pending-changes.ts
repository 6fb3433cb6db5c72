/**
 * 011-pending-changes: a user's own sign-in and set-up steps no longer take a change sequence number in their write;
 * they mark the row `change_pending = 1`, and the console's changed-since sync numbers pending rows first
 * (store/change-seq.ts). On PostgreSQL the number came from one `meta` row that every such write updated, so
 * concurrent sign-ins took turns on it; admin writes still number their rows at once. The partial index keeps
 * "anything pending?" one index probe.
 */
import { sql, type Kysely, type Migration } from 'kysely';

/** The migration (the same on both engines). */
export function pendingChangesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('users')
        .addColumn('change_pending', 'integer', (c) => c.notNull().defaultTo(0).check(sql`change_pending in (0, 1)`))
        .execute();
      await db.schema.createIndex('users_change_pending_idx').on('users').column('id').where(sql.ref('change_pending'), '=', 1).execute();
    },
  };
}
