/**
 * Deactivation and reactivation (R-DIR-3). Inactive users cannot sign in and are not asked to enroll, so
 * deactivating ends their sessions. Needs Standard or Admin on Directory; a user who holds admin-tool permissions
 * can only be (de)activated by an operator with Admin on both tools; nobody deactivates themselves.
 */
import type { Selectable, Transaction } from 'kysely';
import type { DirectoryUserDetail } from '../../../shared/api/routes/admin-common';
import { AUDIT_ACTIONS } from '../../../shared/api/routes/admin-audit';
import type { BulkSkip } from '../../../shared/api/routes/admin-directory';
import { mayChangeSignInOf } from '../../../shared/domain/permissions';
import { appendAudit, appendAuditEntries, type AuditEntryInput } from '../audit/append-audit';
import type { Clock, Moment } from '../clock';
import { OWN_ACCOUNT_REFUSALS } from '../../../shared/domain/user-actions';
import { ApiError } from '../http/api-error';
import type { Database, UsersTable } from '../store/schema';
import type { Store } from '../store/store';
import { loadCompanyContext } from './company-context';
import { requireDirectoryWrite, requireMayChangeSignIn, type Operator } from './operator';
import { permissionsOf } from '../repositories/users-repo';
import { detailOf, findUserRow } from './user-detail';
import { endSessions, reserveChangeSeqs, updateUsersBatch } from './user-writes';

type Deps = { store: Store; clock: Clock };
type UserRow = Selectable<UsersTable>;
type Status = UsersTable['status'];

function statusAudit(operator: Operator, row: UserRow, to: Status, when: Moment, evidence: Record<string, unknown>): AuditEntryInput {
  return {
    companyId: operator.companyId,
    when,
    actorId: operator.id,
    actorEmail: operator.email,
    action: to === 'inactive' ? AUDIT_ACTIONS.userDeactivate : AUDIT_ACTIONS.userReactivate,
    targetId: row.id,
    targetEmail: row.email,
    before: { status: row.status },
    after: { status: to },
    evidence,
  };
}

async function setStatus(trx: Transaction<Database>, rows: readonly UserRow[], to: Status, now: number): Promise<number> {
  const first = await reserveChangeSeqs(trx, rows.length);
  await updateUsersBatch(
    trx,
    ['status', 'updated_at', 'change_seq'],
    rows.map((row, index) => ({ id: row.id, status: to, updated_at: now, change_seq: first + index })),
  );
  return first;
}

/** Marks one user inactive or active again; doing it twice changes nothing the second time. */
export async function changeStatus(deps: Deps, operator: Operator, userId: string, to: Status): Promise<DirectoryUserDetail> {
  requireDirectoryWrite(operator);
  return deps.store.write(async (trx) => {
    const ctx = await loadCompanyContext(trx, deps.clock, operator.companyId);
    const row = await findUserRow(trx, operator.companyId, userId);
    if (to === 'inactive' && row.id === operator.id) {
      throw new ApiError('unprocessable', OWN_ACCOUNT_REFUSALS.deactivate);
    }
    requireMayChangeSignIn(operator, { email: row.email, permissions: permissionsOf(row) }, 'Changing the status');
    if (row.status === to) return detailOf(trx, row, ctx.company, ctx.now);
    const changeSeq = await setStatus(trx, [row], to, ctx.now);
    const sessionsEnded = to === 'inactive' ? await endSessions(trx, [row.id], ctx.now) : 0;
    await appendAudit(trx, statusAudit(operator, row, to, ctx.moment, to === 'inactive' ? { sessionsEnded } : {}));
    return detailOf(trx, { ...row, status: to, updated_at: ctx.now, change_seq: changeSeq }, ctx.company, ctx.now);
  });
}

function skip(id: string, row: UserRow | undefined, reason: BulkSkip['reason']): BulkSkip {
  const who = row?.email ?? 'This user';
  const messages: Record<BulkSkip['reason'], string> = {
    not_found: 'This user is not in your directory any more; refresh the list.',
    already_inactive: `${who} is already inactive.`,
    own_account: 'You cannot deactivate your own account; another company admin must do it.',
    operator_lacks_permission: `${who} has admin-tool permissions: deactivating them needs Admin on both Company Admin and Directory.`,
  };
  return { id, email: row?.email ?? null, reason, message: messages[reason] };
}

/**
 * Deactivates many users in one transaction, one audit entry per user (so each user's history shows it), all
 * marked with the batch size. Users that cannot be deactivated are skipped with the reason.
 */
export async function bulkDeactivate(
  deps: Deps,
  operator: Operator,
  userIds: readonly string[],
): Promise<{ deactivated: number; skipped: BulkSkip[]; sessionsEnded: number }> {
  requireDirectoryWrite(operator);
  return deps.store.write(async (trx) => {
    const ctx = await loadCompanyContext(trx, deps.clock, operator.companyId);
    const ids = [...new Set(userIds)];
    const found = new Map<string, UserRow>();
    for (let start = 0; start < ids.length; start += 5000) {
      const rows = await trx
        .selectFrom('users')
        .selectAll()
        .where('company_id', '=', operator.companyId)
        .where('id', 'in', ids.slice(start, start + 5000))
        .execute();
      for (const row of rows) found.set(row.id, row);
    }
    const skipped: BulkSkip[] = [];
    const targets: UserRow[] = [];
    for (const id of ids) {
      const row = found.get(id);
      if (!row) skipped.push(skip(id, row, 'not_found'));
      else if (row.id === operator.id) skipped.push(skip(id, row, 'own_account'));
      else if (row.status === 'inactive') skipped.push(skip(id, row, 'already_inactive'));
      else if (!mayChangeSignInOf(operator, { permissions: permissionsOf(row) })) skipped.push(skip(id, row, 'operator_lacks_permission'));
      else targets.push(row);
    }
    if (targets.length === 0) return { deactivated: 0, skipped, sessionsEnded: 0 };
    await setStatus(trx, targets, 'inactive', ctx.now);
    const sessionsEnded = await endSessions(trx, targets.map((row) => row.id), ctx.now);
    const evidence = { bulk: true, batchSize: targets.length };
    await appendAuditEntries(trx, targets.map((row) => statusAudit(operator, row, 'inactive', ctx.moment, evidence)));
    return { deactivated: targets.length, skipped, sessionsEnded };
  });
}
