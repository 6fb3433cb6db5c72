/**
 * Applies an import file to the directory (R-DIR-4) in one transaction, or previews it: rows are upserted by email
 * (case-insensitive), identical rows are left alone (no write, no change sequence), so importing the same file twice
 * changes nothing the second time. The plan (import-plan.ts) decides each row, with the permission rules of
 * `shared/domain/permissions.ts`; one audit entry records the import, its counts and every changed user with the
 * values before and after.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { AUDIT_ACTIONS } from '../../../../shared/api/routes/admin-audit';
import { IMPORT_MAX_ERRORS, type ImportQuery, type ImportResult } from '../../../../shared/api/routes/admin-import';
import { isInvitable } from '../../../../shared/domain/account-access';
import { hasAdminOnBothTools } from '../../../../shared/domain/permissions';
import { searchText } from '../../../../shared/domain/search';
import { appendAudit } from '../../audit/append-audit';
import type { Clock } from '../../clock';
import type { Database } from '../../store/schema';
import type { Store } from '../../store/store';
import { loadCompanyContext } from '../company-context';
import { requireDirectoryWrite, type Operator } from '../operator';
import { endSessions, insertNewUsers, reserveChangeSeqs, updateUsersBatch, type BatchRow, type NewUserRow } from '../user-writes';
import { EXISTING_COLUMNS, planImport, type ImportPlan } from './import-plan';
import { readImportFile } from './import-rows';

/**
 * Imports (or previews) a CSV file for `operator`; returns the counts, the changed users, the problems by line and
 * the ids of the users it created (or would create). With `invite: 'new'`, `invited` counts the new users an
 * invitation goes to; the caller sends them once the import committed.
 */
export async function importUsers(
  deps: { store: Store; clock: Clock },
  operator: Operator,
  text: string,
  options: Required<ImportQuery> = { mode: 'apply', permissionChanges: 'refuse', invite: 'none' },
): Promise<ImportResult & { createdIds: string[] }> {
  requireDirectoryWrite(operator);
  const started = performance.now();
  const file = readImportFile(text);
  const preview = options.mode === 'preview';
  const planOptions = { adminOnBoth: hasAdminOnBothTools(operator.permissions), applyPermissionChanges: preview || options.permissionChanges === 'apply' };
  const planOn = async (db: Kysely<Database>): Promise<ImportPlan> => {
    const rows = await db.selectFrom('users').select(EXISTING_COLUMNS).where('company_id', '=', operator.companyId).execute();
    const plan = planImport(file.rows, new Map(rows.map((row) => [row.email_lower, row])), operator, planOptions);
    plan.problems.push(...file.problems);
    plan.problems.sort((a, b) => a.line - b.line);
    plan.changes.sort((a, b) => a.line - b.line);
    return plan;
  };
  const plan = preview
    ? await planOn(deps.store.db)
    : await deps.store.write(async (trx) => {
        const planned = await planOn(trx);
        await applyPlan(trx, deps.clock, operator, planned, { columns: file.columns, records: file.records, text });
        return planned;
      });
  return {
    preview,
    ...countsOf(plan, file.records),
    errors: plan.problems.slice(0, IMPORT_MAX_ERRORS),
    errorsTruncated: plan.problems.length > IMPORT_MAX_ERRORS,
    changes: plan.changes,
    invited: options.invite === 'new' ? plan.inserts.filter(({ values }) => isInvitable(values)).length : 0,
    createdIds: plan.inserts.map(({ id }) => id),
    durationMs: Math.round(performance.now() - started),
  };
}

/** The counts of a plan, as the answer and the audit entry give them. */
function countsOf(plan: ImportPlan, rows: number) {
  return {
    rows,
    created: plan.inserts.length,
    updated: plan.updates.length,
    unchanged: plan.unchanged,
    failed: plan.problems.length,
    permissionChanges: plan.permissionChanges,
  };
}

/** Writes the plan, ends the sessions of users it deactivates, and audits it. */
async function applyPlan(
  trx: Transaction<Database>,
  clock: Clock,
  operator: Operator,
  plan: ImportPlan,
  file: { columns: string[]; records: number; text: string },
): Promise<void> {
  const ctx = await loadCompanyContext(trx, clock, operator.companyId);
  const now = ctx.now;
  const changed = plan.inserts.length + plan.updates.length;
  const firstSeq = changed > 0 ? await reserveChangeSeqs(trx, changed) : 0;
  const newRows: NewUserRow[] = plan.inserts.map(({ row, id, values }, index) => ({
    ...values,
    id,
    email_lower: row.emailLower,
    search_text: searchText(values),
    change_seq: firstSeq + index,
  }));
  await insertNewUsers(trx, operator.companyId, now, newRows);
  const updateRows: BatchRow[] = plan.updates.map(({ current, values }, index) => ({
    id: current.id,
    ...values,
    email_lower: current.email_lower,
    search_text: searchText(values),
    updated_at: now,
    change_seq: firstSeq + plan.inserts.length + index,
  }));
  await updateUsersBatch(
    trx,
    ['email', 'name', 'search_text', 'country', 'time_zone', 'status', 'account_type', 'perm_company_admin', 'perm_directory', 'updated_at', 'change_seq'],
    updateRows,
  );
  const deactivated = plan.updates.filter(({ current, values }) => current.status === 'active' && values.status === 'inactive').map(({ current }) => current.id);
  const sessionsEnded = await endSessions(trx, deactivated, now);
  await appendAudit(trx, {
    companyId: operator.companyId,
    when: ctx.moment,
    actorId: operator.id,
    actorEmail: operator.email,
    action: AUDIT_ACTIONS.usersImport,
    targetId: null,
    targetEmail: null,
    after: countsOf(plan, file.records),
    evidence: {
      columns: file.columns,
      fileSha256: createHash('sha256').update(file.text, 'utf8').digest('hex'),
      deactivated: deactivated.length,
      sessionsEnded,
      failedLines: plan.problems.slice(0, IMPORT_MAX_ERRORS).map((problem) => problem.line),
      changes: plan.changes.map(({ userId, email, kind, before, after }) => ({ userId, email, kind, before, after })),
    },
  });
}
