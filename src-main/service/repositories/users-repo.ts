/**
 * Changes to a user's MFA fields. Every change leaves the user pending (a `pending_changes` row), and the console's
 * sync numbers it before it reads (numberPendingChanges), so the console's cache sees it without these writes, one
 * per sign-in step, queueing on the change sequence; and the user's row changes no indexed column, so PostgreSQL
 * updates it in place (migration 012).
 */
import type { Expression, Kysely, Selectable, SqlBool, Transaction, Updateable } from 'kysely';
import type { ToolPermissions } from '../../../shared/domain/model';
import type { ChangeTemplate } from '../store/guarded-write';
import type { Database, UsersTable } from '../store/schema';

/** The permissions of a user row, as the rules read them. */
export function permissionsOf(row: Pick<Selectable<UsersTable>, 'perm_company_admin' | 'perm_directory' | 'perm_helpdesk'>): ToolPermissions {
  return { companyAdmin: row.perm_company_admin, directory: row.perm_directory, helpdesk: row.perm_helpdesk === 1 };
}

/** The user fields the MFA flows change. */
export type UserMfaPatch = Pick<
  Updateable<UsersTable>,
  'enrolled_at' | 'failed_attempts' | 'locked_until' | 'always_require_mfa' | 'last_sign_in_at'
>;

/** Applies `patch` to the user at company time `now`, leaving the change for the sync to number. */
export async function updateUserMfa(trx: Transaction<Database>, userId: string, patch: UserMfaPatch, now: number): Promise<void> {
  await userMfaUpdate(trx, userId, patch, now).execute();
  await trx.insertInto('pending_changes').values({ user_id: userId }).onConflict((conflict) => conflict.column('user_id').doNothing()).execute();
}

/** updateUserMfa as changes of a guarded write (Store.writeIfUnchanged): the user's update and their pending mark. */
export function userMfaChanges(userId: string, patch: UserMfaPatch, now: number): ChangeTemplate<unknown>[] {
  return [
    { build: userMfaUpdateIf, values: { userId, patch, now } },
    { build: pendingMarkIf, values: { userId } },
  ] as ChangeTemplate<unknown>[];
}

function userMfaUpdateIf(db: Kysely<Database>, onlyIf: Expression<SqlBool>, values: { userId: string; patch: UserMfaPatch; now: number }) {
  return userMfaUpdate(db, values.userId, values.patch, values.now).where(onlyIf);
}

function pendingMarkIf(db: Kysely<Database>, onlyIf: Expression<SqlBool>, values: { userId: string }) {
  return db
    .insertInto('pending_changes')
    .columns(['user_id'])
    .expression(db.selectNoFrom((eb) => [eb.val(values.userId).as('user_id')]).where(onlyIf))
    .onConflict((conflict) => conflict.column('user_id').doNothing());
}

function userMfaUpdate(db: Kysely<Database>, userId: string, patch: UserMfaPatch, now: number) {
  return db
    .updateTable('users')
    .set({ ...patch, updated_at: now })
    .where('id', '=', userId);
}

/**
 * Removes every method, pending set-up, recovery code and SMS code of a user, and revokes a temporary access code
 * they have not used (not their sessions).
 */
export async function clearUserMfa(trx: Transaction<Database>, userId: string, now: number): Promise<void> {
  await trx.deleteFrom('mfa_methods').where('user_id', '=', userId).execute();
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await trx.deleteFrom('sms_codes').where('user_id', '=', userId).execute();
  await trx.updateTable('access_codes').set({ revoked_at: now }).where('user_id', '=', userId).where('used_at', 'is', null).where('revoked_at', 'is', null).execute();
}
