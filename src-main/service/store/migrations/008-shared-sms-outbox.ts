/**
 * 008-shared-sms-outbox: the demo SMS outbox moves from process memory into the database, so every service instance
 * on one database shows the same text messages. Each message is sealed with the data key (it holds a live code);
 * `seq` is given by the writer as the next number in commit order, so a reader asking "after N" never skips one.
 */
import type { Kysely, Migration } from 'kysely';

/** The migration (the same on both engines). */
export function sharedSmsOutboxMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('sms_outbox')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('user_email', 'text', (c) => c.notNull())
        .addColumn('sealed_message', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sms_outbox_company_seq_idx').on('sms_outbox').columns(['company_id', 'seq']).execute();
    },
  };
}
