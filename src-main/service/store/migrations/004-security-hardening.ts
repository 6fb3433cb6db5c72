/**
 * 004-security-hardening: the columns and table the hardening of issue 10 needs, with defaults that keep existing
 * rows valid: the absolute session lifetime in the policy (12 hours, NIST SP 800-63B AAL2), the count of wrong
 * codes against a pending set-up, and the per-account password throttle.
 */
import type { Kysely, Migration } from 'kysely';

/** The migration (the same on both engines). */
export function securityHardeningMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('policies')
        .addColumn('session_lifetime_hours', 'integer', (c) => c.notNull().defaultTo(12))
        .execute();
      await db.schema
        .alterTable('mfa_methods')
        .addColumn('setup_failures', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('password_throttle')
        .addColumn('email_key', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('blocked_until', 'bigint', (c) => c.notNull())
        .addColumn('last_failure_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('password_throttle_last_failure_idx').on('password_throttle').column('last_failure_at').execute();
    },
  };
}
