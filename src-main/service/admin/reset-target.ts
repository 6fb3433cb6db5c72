/** Finds the user an email names exactly (R-RST-1) and describes them for resets and triage. */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { ContactView } from '../../../shared/api/routes/admin-common';
import type { ResetTarget } from '../../../shared/api/routes/admin-reset';
import { contactLabel, mfaContact, type Contact } from '../../../shared/domain/contacts';
import { emailKey, isSsoUser } from '../../../shared/domain/directory';
import { isLocked } from '../../../shared/domain/lockout';
import { lockEndWords } from '../../../shared/domain/triage';
import type { DomainCompany, DomainUser, MethodKind } from '../../../shared/domain/model';
import type { Database, UsersTable } from '../store/schema';
import { usableAccessCode } from '../repositories/access-codes-repo';
import { domainUser } from './user-view';

type Db = Kysely<Database> | Transaction<Database>;

/** A directory user found by exact email, with what resets, temporary access codes and triage read. */
export interface FoundUser {
  readonly row: Selectable<UsersTable>;
  readonly domain: DomainUser;
  readonly hasRecoveryCode: boolean;
  /** When the temporary access code they can still use stops working, or null (R-RST-6). */
  readonly accessCodeUntil: number | null;
}

/** The company's user whose email is exactly `typed` (case-insensitive, no fuzzy match), or null; codes at company time `now`. */
export async function findByExactEmail(db: Db, companyId: string, typed: string, now: number): Promise<FoundUser | null> {
  const key = emailKey(typed);
  if (key === '') return null;
  const row = await db.selectFrom('users').selectAll().where('company_id', '=', companyId).where('email_lower', '=', key).executeTakeFirst();
  if (!row) return null;
  const methods = await db
    .selectFrom('mfa_methods')
    .select('kind')
    .where('user_id', '=', row.id)
    .where('confirmed_at', 'is not', null)
    .execute();
  const recovery = await db.selectFrom('recovery_codes').select('user_id').where('user_id', '=', row.id).executeTakeFirst();
  const accessCode = await usableAccessCode(db, row.id, now);
  return {
    row,
    domain: domainUser(row, methods.map((method) => method.kind as MethodKind)),
    hasRecoveryCode: recovery !== undefined,
    accessCodeUntil: accessCode ? Number(accessCode.expires_at) : null,
  };
}

/**
 * The reset target as the API shows it, with its lock at company time `now` told in `viewerZone` and theirs (or who
 * must unlock it, for a lock only an unlock ends).
 */
export function resetTargetView(found: FoundUser, now: number, viewerZone: string, company: Pick<DomainCompany, 'ssoDomains'>): ResetTarget {
  const { lockedUntil } = found.domain;
  const contact = mfaContact({ accountType: found.domain.accountType, sso: isSsoUser(found.row.email, company) });
  const locked = isLocked(found.domain, now) && lockedUntil !== null;
  return {
    id: found.row.id,
    email: found.row.email,
    name: found.row.name,
    status: found.row.status,
    methods: [...found.domain.methods],
    hasRecoveryCode: found.hasRecoveryCode,
    timeZone: found.domain.timeZone,
    lockedUntil,
    locked,
    lock: locked ? lockEndWords(lockedUntil, now, { viewer: viewerZone, user: found.domain.timeZone }, contact) : null,
    accessCodeUntil: found.accessCodeUntil,
  };
}

/** A contact with its label, or null. */
export function contactView(contact: Contact | null): ContactView | null {
  return contact === null ? null : { who: contact, label: contactLabel(contact) };
}
