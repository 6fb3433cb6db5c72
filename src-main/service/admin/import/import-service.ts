/**
 * Applies an import file to the directory (R-DIR-4) in one transaction: rows are upserted by email, identical rows
 * are left alone (no write, no change sequence), so importing the same file twice changes nothing the second time.
 * Giving or changing admin-tool permissions, or the status of someone who holds them, needs Admin on both tools;
 * nobody deactivates themselves or changes their own permissions by import. One audit entry records the import and its counts.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { AUDIT_ACTIONS } from '../../../../shared/api/routes/admin-audit';
import { IMPORT_MAX_ERRORS, type ImportResult } from '../../../../shared/api/routes/admin-import';
import { hasAdminOnBothTools, mayChangeSignInOf } from '../../../../shared/domain/permissions';
import { appendAudit } from '../../audit/append-audit';
import type { Clock } from '../../clock';
import type { UsersTable } from '../../store/schema';
import type { Store } from '../../store/store';
import { loadCompanyContext } from '../company-context';
import { requireDirectoryWrite, type Operator } from '../operator';
import { endSessions, insertNewUsers, reserveChangeSeqs, updateUsersBatch, type BatchRow, type NewUserRow } from '../user-writes';
import { readImportFile, type ImportRow, type ImportRowProblem } from './import-rows';

const EXISTING_COLUMNS = ['id', 'email', 'email_lower', 'name', 'status', 'country', 'time_zone', 'account_type', 'perm_company_admin', 'perm_directory'] as const;
type Existing = Pick<Selectable<UsersTable>, (typeof EXISTING_COLUMNS)[number]>;
type Values = Omit<Existing, 'id' | 'email_lower'>;

const NO_ACCESS = 'none';

function valuesOf(row: ImportRow, existing: Existing | undefined): Values {
  return {
    email: row.email,
    name: row.name,
    country: row.country,
    time_zone: row.timeZone,
    status: row.status ?? existing?.status ?? 'active',
    account_type: row.accountType ?? existing?.account_type ?? 'standard',
    perm_company_admin: row.companyAdmin ?? existing?.perm_company_admin ?? NO_ACCESS,
    perm_directory: row.directory ?? existing?.perm_directory ?? NO_ACCESS,
  };
}

function sameValues(existing: Existing, next: Values): boolean {
  return (Object.keys(next) as (keyof Values)[]).every((key) => existing[key] === next[key]);
}

/** Why `operator` may not apply this row, or null. */
function refusal(operator: Operator, adminOnBoth: boolean, existing: Existing | undefined, next: Values): string | null {
  const permsBefore = existing ? [existing.perm_company_admin, existing.perm_directory] : [NO_ACCESS, NO_ACCESS];
  const permsChange = permsBefore[0] !== next.perm_company_admin || permsBefore[1] !== next.perm_directory;
  if (existing?.id === operator.id) {
    if (next.status === 'inactive') return 'This row would deactivate your own account. Another company admin must do that.';
    if (permsChange) return 'This row would change your own permissions. Another company admin must do that.';
  }
  if (permsChange && !adminOnBoth) return 'This row gives or changes admin-tool permissions, which needs Admin on both Company Admin and Directory. Leave those cells as they are, or ask such an admin to import it.';
  const target = existing ? { permissions: { companyAdmin: existing.perm_company_admin, directory: existing.perm_directory } } : null;
  if (target && existing?.status !== next.status && !mayChangeSignInOf(operator, target)) {
    return 'This row changes the status of someone with admin-tool permissions, which needs Admin on both Company Admin and Directory. Leave the status cell as it is, or ask such an admin to import it.';
  }
  return null;
}

/** Imports a CSV file for `operator`; returns the counts and the problems by line. */
export async function importUsers(deps: { store: Store; clock: Clock }, operator: Operator, text: string): Promise<ImportResult> {
  requireDirectoryWrite(operator);
  const started = performance.now();
  const file = readImportFile(text);
  const adminOnBoth = hasAdminOnBothTools(operator.permissions);
  const outcome = await deps.store.write(async (trx) => {
    const ctx = await loadCompanyContext(trx, deps.clock, operator.companyId);
    const existingRows = await trx.selectFrom('users').select(EXISTING_COLUMNS).where('company_id', '=', operator.companyId).execute();
    const existing = new Map(existingRows.map((row) => [row.email_lower, row]));
    const problems: ImportRowProblem[] = [...file.problems];
    const inserts: { row: ImportRow; values: Values }[] = [];
    const updates: { current: Existing; values: Values }[] = [];
    let unchanged = 0;
    for (const row of file.rows) {
      const current = existing.get(row.emailLower);
      const values = valuesOf(row, current);
      if (current && sameValues(current, values)) {
        unchanged += 1;
        continue;
      }
      const refused = refusal(operator, adminOnBoth, current, values);
      if (refused) problems.push({ line: row.line, email: row.email, message: refused });
      else if (current) updates.push({ current, values });
      else inserts.push({ row, values });
    }
    const changed = inserts.length + updates.length;
    const firstSeq = changed > 0 ? await reserveChangeSeqs(trx, changed) : 0;
    const now = ctx.now;
    const newRows: NewUserRow[] = inserts.map(({ row, values }, index) => ({
      ...values,
      id: randomUUID(),
      email_lower: row.emailLower,
      change_seq: firstSeq + index,
    }));
    await insertNewUsers(trx, operator.companyId, now, newRows);
    const updateRows: BatchRow[] = updates.map(({ current, values }, index) => ({ id: current.id, ...values, updated_at: now, change_seq: firstSeq + inserts.length + index }));
    await updateUsersBatch(trx, ['email', 'name', 'country', 'time_zone', 'status', 'account_type', 'perm_company_admin', 'perm_directory', 'updated_at', 'change_seq'], updateRows);
    const deactivated = updates.filter(({ current, values }) => current.status === 'active' && values.status === 'inactive').map(({ current }) => current.id);
    const sessionsEnded = await endSessions(trx, deactivated, now);
    problems.sort((a, b) => a.line - b.line);
    const counts = { rows: file.records, created: inserts.length, updated: updates.length, unchanged, failed: problems.length };
    await appendAudit(trx, {
      companyId: operator.companyId,
      at: now,
      actorId: operator.id,
      actorEmail: operator.email,
      action: AUDIT_ACTIONS.usersImport,
      targetId: null,
      targetEmail: null,
      after: counts,
      evidence: {
        columns: file.columns,
        fileSha256: createHash('sha256').update(text, 'utf8').digest('hex'),
        deactivated: deactivated.length,
        sessionsEnded,
        failedLines: problems.slice(0, IMPORT_MAX_ERRORS).map((problem) => problem.line),
      },
    });
    return { counts, problems };
  });
  return {
    ...outcome.counts,
    errors: outcome.problems.slice(0, IMPORT_MAX_ERRORS),
    errorsTruncated: outcome.problems.length > IMPORT_MAX_ERRORS,
    durationMs: Math.round(performance.now() - started),
  };
}
