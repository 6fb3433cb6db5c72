/**
 * 002-audit-company-time: audit entries stamp real time in `at`; `company_at` keeps the company's simulated time
 * beside it when a demo clock was shifted (R-AUD-1). Older entries have none, which is what they recorded.
 */
import type { Kysely, Migration } from 'kysely';

/** Adds the nullable `audit_log.company_at` column (same on both engines). */
export function auditCompanyTimeMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('audit_log').addColumn('company_at', 'bigint').execute();
    },
  };
}
