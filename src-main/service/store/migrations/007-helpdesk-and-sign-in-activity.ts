/**
 * 007-helpdesk-and-sign-in-activity (issue 12): the Helpdesk permission (R-RST-5), temporary access codes
 * (R-RST-6), and sign-in activity with its retention (R-LOG-1), with defaults that keep existing rows valid. In a
 * demo company the demo helpdesk person gets the new permission, as a new demo company would seed it.
 *
 * Sign-in activity is read newest first by company (the screen), by user (the directory panel's last attempts)
 * and by the exact email typed; each index ends with `seq`, the order's tie-breaker, so a page is read straight
 * from the index.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { DEMO_HELPDESK_EMAIL } from '../../seed/demo-company';
import type { StoreEngine } from '../store';

/** The migration, for the given engine (only the activity sequence column differs). */
export function helpdeskAndSignInActivityMigration(engine: StoreEngine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('users').addColumn('perm_helpdesk', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('policies').addColumn('sign_in_retention_days', 'integer', (c) => c.notNull().defaultTo(90)).execute();
      await sql`update users set perm_helpdesk = 1
        where email_lower = ${DEMO_HELPDESK_EMAIL} and company_id in (select id from companies where is_demo = 1)`.execute(db);

      await db.schema
        .createTable('access_codes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .addColumn('revoked_at', 'bigint')
        .addColumn('issued_by_id', 'text', (c) => c.notNull())
        .addColumn('issued_by_email', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('access_codes_user_idx').on('access_codes').columns(['user_id', 'created_at']).execute();

      await db.schema
        .createTable('sign_in_activity')
        .addColumn('seq', engine === 'sqlite' ? 'integer' : 'bigint', (c) =>
          engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedAlwaysAsIdentity(),
        )
        .addColumn('company_id', 'text', (c) => c.references('companies.id').onDelete('cascade'))
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('email_typed', 'text', (c) => c.notNull())
        .addColumn('email_lower', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text')
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('method', 'text')
        .addColumn('detail', 'text')
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .execute();
      const indexes: Record<string, string[]> = {
        sign_in_activity_company_at_idx: ['company_id', 'at', 'seq'],
        sign_in_activity_company_user_at_idx: ['company_id', 'user_id', 'at', 'seq'],
        sign_in_activity_company_email_at_idx: ['company_id', 'email_lower', 'at', 'seq'],
      };
      for (const [name, columns] of Object.entries(indexes)) {
        await db.schema.createIndex(name).on('sign_in_activity').columns(columns).execute();
      }
    },
  };
}
