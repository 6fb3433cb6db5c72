/**
 * 009-rollout-wording (R-RPT-2): the wording a company's admins wrote for each rollout message. A message without a
 * row reads in the default wording, so existing databases need nothing else.
 */
import { sql, type Kysely, type Migration } from 'kysely';

/** The migration (the same on both engines). */
export function rolloutWordingMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('rollout_wording')
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('announcement', 'reminder_30', 'reminder_7', 'reminder_1')`))
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_by_email', 'text')
        .addPrimaryKeyConstraint('rollout_wording_pk', ['company_id', 'kind'])
        .execute();
    },
  };
}
