/** Loads one directory user of the operator's company in full (the user detail panel). */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DirectoryUserDetail } from '../../../shared/api/routes/admin-common';
import type { DomainCompany } from '../../../shared/domain/model';
import { ApiError } from '../http/api-error';
import type { Database, UsersTable } from '../store/schema';
import { usableAccessCode } from '../repositories/access-codes-repo';
import { directoryUserDetail } from './user-view';

type Db = Kysely<Database> | Transaction<Database>;

/** The user row, or a plain-words 404 when it is not in this company's directory. */
export async function findUserRow(db: Db, companyId: string, userId: string): Promise<Selectable<UsersTable>> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', userId).where('company_id', '=', companyId).executeTakeFirst();
  if (!row) throw new ApiError('not_found', 'That user is not in your directory. Refresh the list: they may have been removed or the link is old.');
  return row;
}

/** The full detail of a user row. */
export async function detailOf(
  db: Db,
  row: Selectable<UsersTable>,
  company: Pick<DomainCompany, 'ssoDomains'>,
  now: number,
): Promise<DirectoryUserDetail> {
  const methods = await db.selectFrom('mfa_methods').selectAll().where('user_id', '=', row.id).orderBy('created_at').execute();
  const recovery = await db.selectFrom('recovery_codes').select('user_id').where('user_id', '=', row.id).executeTakeFirst();
  const sessions = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', row.id)
    .where('stage', '=', 'active')
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  const accessCode = await usableAccessCode(db, row.id, now);
  return directoryUserDetail(row, {
    methods,
    hasRecoveryCode: recovery !== undefined,
    accessCode: accessCode ? { expiresAt: Number(accessCode.expires_at), issuedByEmail: accessCode.issued_by_email } : null,
    activeSessions: Number(sessions?.count ?? 0),
    company,
    now,
  });
}

/** Loads a user of the company in full; 404 when absent. */
export async function loadUserDetail(
  db: Db,
  company: Pick<DomainCompany, 'id' | 'ssoDomains'>,
  userId: string,
  now: number,
): Promise<DirectoryUserDetail> {
  return detailOf(db, await findUserRow(db, company.id, userId), company, now);
}
