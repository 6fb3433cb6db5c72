/**
 * 010-audit-webhooks (R-AUD-2): each company's audit webhook, its signing secret (sealed with the data key, so every
 * service instance on one database can sign and the database alone never gives it away), and where delivery stands:
 * the cursor (the last audit entry the receiver accepted), failures and the next try, and the lease an instance holds
 * while it delivers, so two instances never post one company's entries at the same time.
 */
import { sql, type Kysely, type Migration } from 'kysely';

/** The audit webhooks migration (the same on both engines). */
export function auditWebhooksMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('audit_webhooks')
        .addColumn('company_id', 'text', (c) => c.primaryKey().references('companies.id').onDelete('cascade'))
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull().check(sql`enabled in (0, 1)`))
        .addColumn('secret_sealed', 'text', (c) => c.notNull())
        .addColumn('secret_set_at', 'bigint', (c) => c.notNull())
        .addColumn('delivered_seq', 'bigint', (c) => c.notNull())
        .addColumn('last_success_at', 'bigint')
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('last_error_at', 'bigint')
        .addColumn('next_attempt_at', 'bigint')
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .execute();
    },
  };
}
