/**
 * Adds and changes directory users (R-DIR-1). Writing needs Standard or Admin on Directory; giving or changing
 * admin-tool permissions, or the sign-in email of someone who holds them, needs Admin on both tools, and nobody
 * changes their own permissions (no self-escalation, no accidental lock-out). Every change is audited with before/after and bumps the user's change sequence.
 */
import { randomUUID } from 'node:crypto';
import type { Selectable, Transaction } from 'kysely';
import type { DirectoryUserDetail } from '../../../shared/api/routes/admin-common';
import type { ToolPermissions } from '../../../shared/domain/model';
import { holdsAdminToolAccess } from '../../../shared/domain/permissions';
import { AUDIT_ACTIONS } from '../../../shared/api/routes/admin-audit';
import type { UserCreateBody, UserUpdateBody } from '../../../shared/api/routes/admin-directory';
import { emailKey } from '../../../shared/domain/directory';
import { searchText } from '../../../shared/domain/search';
import type { z } from 'zod';
import { appendAudit } from '../audit/append-audit';
import type { Clock } from '../clock';
import { OWN_ACCOUNT_REFUSALS, PERMISSION_CHANGES } from '../../../shared/domain/user-actions';
import { ApiError } from '../http/api-error';
import { nextChangeSeq } from '../store/change-seq';
import type { Database, UsersTable } from '../store/schema';
import type { Store } from '../store/store';
import { loadCompanyContext } from './company-context';
import { requireAdminOnBoth, requireDirectoryWrite, requireMayChangeSignIn, type Operator } from './operator';
import { permissionsOf } from '../repositories/users-repo';
import { detailOf, findUserRow } from './user-detail';

type Deps = { store: Store; clock: Clock };

async function assertEmailFree(trx: Transaction<Database>, companyId: string, email: string, exceptId?: string): Promise<void> {
  let query = trx.selectFrom('users').select('id').where('company_id', '=', companyId).where('email_lower', '=', emailKey(email));
  if (exceptId) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) {
    throw new ApiError('conflict', `Someone in the directory already has the email ${email.trim()}. Open their entry instead, or use another email.`, {
      field: 'email',
    });
  }
}

/** Adds a user; 409 when the email is taken. */
export async function createUser(deps: Deps, operator: Operator, body: z.output<typeof UserCreateBody>): Promise<DirectoryUserDetail> {
  requireDirectoryWrite(operator);
  const given = body.permissions ?? { companyAdmin: 'none', directory: 'none' };
  const permissions: ToolPermissions = { ...given, helpdesk: given.helpdesk ?? false };
  if (holdsAdminToolAccess(permissions)) requireAdminOnBoth(operator, PERMISSION_CHANGES.give);
  return deps.store.write(async (trx) => {
    const ctx = await loadCompanyContext(trx, deps.clock, operator.companyId);
    await assertEmailFree(trx, operator.companyId, body.email);
    const row: Selectable<UsersTable> = {
      id: randomUUID(),
      company_id: operator.companyId,
      email: body.email,
      email_lower: emailKey(body.email),
      name: body.name,
      search_text: searchText(body),
      status: body.status,
      country: body.country,
      time_zone: body.timeZone,
      account_type: body.accountType,
      perm_company_admin: permissions.companyAdmin,
      perm_directory: permissions.directory,
      perm_helpdesk: permissions.helpdesk ? 1 : 0,
      password_hash: null,
      last_sign_in_at: null,
      always_require_mfa: 0,
      enrolled_at: null,
      failed_attempts: 0,
      locked_until: null,
      created_at: ctx.now,
      updated_at: ctx.now,
      change_seq: await nextChangeSeq(trx),
      password_set_at: null,
      invited_at: null,
      invitation_expires_at: null,
    };
    await trx.insertInto('users').values(row).execute();
    await appendAudit(trx, {
      companyId: operator.companyId,
      when: ctx.moment,
      actorId: operator.id,
      actorEmail: operator.email,
      action: AUDIT_ACTIONS.userCreate,
      targetId: row.id,
      targetEmail: row.email,
      after: { email: row.email, name: row.name, status: row.status, country: row.country, timeZone: row.time_zone, accountType: row.account_type, permissions },
    });
    return detailOf(trx, row, ctx.company, ctx.now);
  });
}

/** The API field names of the user columns an update may change. */
const UPDATABLE = {
  email: 'email',
  name: 'name',
  country: 'country',
  timeZone: 'time_zone',
  accountType: 'account_type',
} as const;

/** Changes a user's details or permissions; 409 when the email is taken or `expectedChangeSeq` is stale. */
export async function updateUser(
  deps: Deps,
  operator: Operator,
  userId: string,
  body: z.output<typeof UserUpdateBody>,
): Promise<DirectoryUserDetail> {
  requireDirectoryWrite(operator);
  return deps.store.write(async (trx) => {
    const ctx = await loadCompanyContext(trx, deps.clock, operator.companyId);
    const row = await findUserRow(trx, operator.companyId, userId);
    if (body.expectedChangeSeq !== undefined && body.expectedChangeSeq !== Number(row.change_seq)) {
      throw new ApiError('conflict', `${row.email} was changed by someone else after you opened it. Reload their entry and make your change again.`, {
        currentChangeSeq: Number(row.change_seq),
      });
    }
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const set: Partial<Selectable<UsersTable>> = {};
    for (const [field, column] of Object.entries(UPDATABLE) as [keyof typeof UPDATABLE, (typeof UPDATABLE)[keyof typeof UPDATABLE]][]) {
      const value = body[field];
      if (value === undefined || value === row[column]) continue;
      before[field] = row[column];
      after[field] = value;
      Object.assign(set, { [column]: value });
    }
    const current = permissionsOf(row);
    const permissions = body.permissions ? { ...body.permissions, helpdesk: body.permissions.helpdesk ?? current.helpdesk } : undefined;
    if (permissions && (permissions.companyAdmin !== current.companyAdmin || permissions.directory !== current.directory || permissions.helpdesk !== current.helpdesk)) {
      requireAdminOnBoth(operator, PERMISSION_CHANGES.change);
      if (row.id === operator.id) {
        throw new ApiError('unprocessable', OWN_ACCOUNT_REFUSALS.permissions);
      }
      before.permissions = current;
      after.permissions = permissions;
      Object.assign(set, { perm_company_admin: permissions.companyAdmin, perm_directory: permissions.directory, perm_helpdesk: permissions.helpdesk ? 1 : 0 });
    }
    if (Object.keys(after).length === 0) return detailOf(trx, row, ctx.company, ctx.now);
    if (body.email !== undefined && 'email' in after) {
      requireMayChangeSignIn(operator, { email: row.email, permissions: current }, 'Changing the sign-in email');
      await assertEmailFree(trx, operator.companyId, body.email, row.id);
      set.email_lower = emailKey(body.email);
    }
    if ('email' in after || 'name' in after) set.search_text = searchText({ name: set.name ?? row.name, email: set.email ?? row.email });
    const changeSeq = await nextChangeSeq(trx);
    await trx.updateTable('users').set({ ...set, updated_at: ctx.now, change_seq: changeSeq }).where('id', '=', row.id).execute();
    await appendAudit(trx, {
      companyId: operator.companyId,
      when: ctx.moment,
      actorId: operator.id,
      actorEmail: operator.email,
      action: AUDIT_ACTIONS.userUpdate,
      targetId: row.id,
      targetEmail: row.email,
      before,
      after,
    });
    return detailOf(trx, { ...row, ...set, updated_at: ctx.now, change_seq: changeSeq }, ctx.company, ctx.now);
  });
}
