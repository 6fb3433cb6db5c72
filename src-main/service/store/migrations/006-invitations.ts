/**
 * 006-invitations (R-DIR-5): one-time invitation and password-reset links (only their SHA-256 stored), the mail
 * queue that retries failed sends (its contents sealed with the data key), and the user columns the Directory
 * reads a user's access state from.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreEngine } from '../store';

/** The invitations migration, for the given engine (only the mail sequence column differs). */
export function invitationsMigration(engine: StoreEngine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const column of ['password_set_at', 'invited_at', 'invitation_expires_at']) {
        await db.schema.alterTable('users').addColumn(column, 'bigint').execute();
      }
      await sql`update users set password_set_at = updated_at where password_hash is not null`.execute(db);

      await db.schema
        .createTable('account_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('invitation', 'password_reset')`))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .addColumn('revoked_at', 'bigint')
        .addColumn('created_by', 'text')
        .execute();
      await db.schema.createIndex('account_tokens_user_purpose_idx').on('account_tokens').columns(['user_id', 'purpose']).execute();

      await db.schema
        .createTable('mail_messages')
        .addColumn('seq', engine === 'sqlite' ? 'integer' : 'bigint', (c) =>
          engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedAlwaysAsIdentity(),
        )
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('to_address', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('sealed_content', 'text')
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'sent', 'failed', 'cancelled')`))
        .addColumn('transport', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'bigint')
        .addColumn('lease_until', 'bigint')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('sent_at', 'bigint')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('mail_messages_status_next_idx').on('mail_messages').columns(['status', 'next_attempt_at']).execute();
      await db.schema.createIndex('mail_messages_company_seq_idx').on('mail_messages').columns(['company_id', 'seq']).execute();
      await db.schema.createIndex('mail_messages_user_idx').on('mail_messages').columns(['user_id', 'kind']).execute();
    },
  };
}
