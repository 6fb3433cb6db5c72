/**
 * 001-initial: every table of schema.ts, with keys, checks and the indexes the admin API reads by.
 * Integer columns are `bigint` (epoch milliseconds overflow 32 bits); SQLite gives them integer affinity.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreEngine } from '../store';

const PERMISSIONS = sql`('none', 'read_only', 'standard', 'admin')`;

/** The first migration, for the given engine (only the audit sequence column differs). */
export function initialMigration(engine: StoreEngine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await createDirectoryTables(db);
      await createMethodTables(db);
      await createSessionTables(db);
      await createAuditLog(db, engine);
      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      await sql`insert into meta (key, value) values ('change_seq', '0')`.execute(db);
    },
  };
}

async function createDirectoryTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('companies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sso_domains', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull())
    .addColumn('clock_offset_ms', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('policies')
    .addColumn('company_id', 'text', (c) => c.primaryKey().references('companies.id').onDelete('cascade'))
    .addColumn('required', 'integer', (c) => c.notNull())
    .addColumn('deadline_date', 'text')
    .addColumn('deadline_zone', 'text', (c) => c.notNull())
    .addColumn('allowed_methods', 'text', (c) => c.notNull())
    .addColumn('sms_code_ttl_minutes', 'integer', (c) => c.notNull())
    .addColumn('lockout_threshold', 'integer', (c) => c.notNull())
    .addColumn('lockout_minutes', 'integer', (c) => c.notNull())
    .addColumn('session_idle_minutes', 'integer')
    .addColumn('reset_checklist', 'text', (c) => c.notNull())
    .addColumn('stale_after_days', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_lower', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'inactive')`))
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('account_type', 'text', (c) =>
      c.notNull().check(sql`account_type in ('standard', 'payments_payor', 'payments_payee_admin')`),
    )
    .addColumn('perm_company_admin', 'text', (c) => c.notNull().check(sql`perm_company_admin in ${PERMISSIONS}`))
    .addColumn('perm_directory', 'text', (c) => c.notNull().check(sql`perm_directory in ${PERMISSIONS}`))
    .addColumn('password_hash', 'text')
    .addColumn('last_sign_in_at', 'bigint')
    .addColumn('always_require_mfa', 'integer', (c) => c.notNull())
    .addColumn('enrolled_at', 'bigint')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('change_seq', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('users_company_email_unique', ['company_id', 'email_lower'])
    .execute();

  const userIndexes: Record<string, string[]> = {
    users_company_change_seq_idx: ['company_id', 'change_seq'],
    users_company_status_idx: ['company_id', 'status'],
    users_company_time_zone_idx: ['company_id', 'time_zone'],
    users_company_country_idx: ['company_id', 'country'],
    users_company_last_sign_in_idx: ['company_id', 'last_sign_in_at'],
    users_company_name_idx: ['company_id', 'name'],
  };
  for (const [name, columns] of Object.entries(userIndexes)) {
    await db.schema.createIndex(name).on('users').columns(columns).execute();
  }
}

async function createMethodTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mfa_methods')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('totp', 'sms')`))
    .addColumn('secret_sealed', 'text')
    .addColumn('phone_e164', 'text')
    .addColumn('last_step', 'bigint')
    .addColumn('confirmed_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mfa_methods_user_kind_idx').on('mfa_methods').columns(['user_id', 'kind']).execute();

  await db.schema
    .createTable('recovery_codes')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sms_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) =>
      c.notNull().check(sql`purpose in ('enroll', 'sign_in', 'change_phone', 'step_up')`),
    )
    .addColumn('phone_e164', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('voided_at', 'bigint')
    .execute();
  await db.schema.createIndex('sms_codes_user_purpose_idx').on('sms_codes').columns(['user_id', 'purpose']).execute();
}

async function createSessionTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('stage', 'text', (c) =>
      c.notNull().check(sql`stage in ('setup', 'challenge', 'recovery_ack', 'active')`),
    )
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .addColumn('mfa_at', 'bigint')
    .addColumn('payments_seen_at', 'bigint')
    .addColumn('flow', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
}

async function createAuditLog(db: Kysely<unknown>, engine: StoreEngine): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('seq', engine === 'sqlite' ? 'integer' : 'bigint', (c) =>
      engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedAlwaysAsIdentity(),
    )
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_email', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text')
    .addColumn('target_email', 'text')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('evidence', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();

  const auditIndexes: Record<string, string[]> = {
    audit_log_company_seq_idx: ['company_id', 'seq'],
    audit_log_company_actor_idx: ['company_id', 'actor_id', 'seq'],
    audit_log_company_action_idx: ['company_id', 'action', 'seq'],
    audit_log_company_target_idx: ['company_id', 'target_id', 'seq'],
    audit_log_company_at_idx: ['company_id', 'at'],
  };
  for (const [name, columns] of Object.entries(auditIndexes)) {
    await db.schema.createIndex(name).on('audit_log').columns(columns).execute();
  }
}
