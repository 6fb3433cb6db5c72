/**
 * 002-company-time-and-check-records:
 * - audit entries stamp real time in `at`; the new `company_at` keeps the company's simulated time beside it when a
 *   demo clock was shifted (R-AUD-1). Older entries have none, which is what they recorded.
 * - the reset checklist's "Recorded the helpdesk ticket number" (the default check, unchanged by the company) now
 *   asks for the number itself (R-RST-3), as new checklists do.
 */
import { sql, type Kysely, type Migration } from 'kysely';

/** The default ticket check as 001-era databases hold it, and what it records from now on. */
const TICKET_CHECK = { id: 'ticket', label: 'Recorded the helpdesk ticket number' };
const TICKET_RECORD = 'Ticket number';

interface CheckItem {
  id: string;
  label: string;
  record?: string;
}

/** Adds `audit_log.company_at` and the ticket number to default ticket checks (same on both engines). */
export function companyTimeAndCheckRecordsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('audit_log').addColumn('company_at', 'bigint').execute();
      const policies = await sql<{ company_id: string; reset_checklist: string }>`select company_id, reset_checklist from policies`.execute(db);
      for (const policy of policies.rows) {
        const items = JSON.parse(policy.reset_checklist) as CheckItem[];
        let changed = false;
        const next = items.map((item) => {
          if (item.id !== TICKET_CHECK.id || item.label !== TICKET_CHECK.label || item.record !== undefined) return item;
          changed = true;
          return { ...item, record: TICKET_RECORD };
        });
        if (changed) {
          await sql`update policies set reset_checklist = ${JSON.stringify(next)} where company_id = ${policy.company_id}`.execute(db);
        }
      }
    },
  };
}
