/**
 * R-AUTH-2, R-RST-5: may this operator end a user's MFA lockout? Like a reset it needs Admin on both tools, and it
 * is refused where the user's MFA belongs to someone else (their identity provider, Payments support), and where
 * there is no lock to end. The Reset and Directory screens offer Unlock exactly where the service would do it.
 */
import { mfaContact, type Contact } from './contacts';
import { isSsoUser } from './directory';
import { isLocked } from './lockout';
import type { DomainCompany, DomainUser } from './model';
import { canResetMfa } from './permissions';
import { adminOnBothRefusal } from './user-actions';

/** What an unlock is, in the refusal "… needs Admin permission on both tools". */
export const UNLOCK_WHAT = 'Unlocking a user’s MFA';

/** Why an unlock is refused. */
export type UnlockRefusal = 'operator_lacks_permission' | 'sso_user' | 'payments_user' | 'not_locked';

/** The refusal with its words and whom to contact, or null when the unlock may go ahead. */
export type UnlockDecision = { readonly reason: UnlockRefusal; readonly message: string; readonly contact: Contact | null } | null;

/** Decides whether `operator` may unlock `user` at company time `now`. */
export function unlockRefusal(
  operator: Pick<DomainUser, 'permissions'>,
  user: Pick<DomainUser, 'email' | 'accountType' | 'failedAttempts' | 'lockedUntil'>,
  company: Pick<DomainCompany, 'ssoDomains'>,
  now: number,
): UnlockDecision {
  if (!canResetMfa(operator)) {
    return {
      reason: 'operator_lacks_permission',
      message: adminOnBothRefusal(UNLOCK_WHAT),
      contact: 'company_admin',
    };
  }
  const contact = mfaContact({ accountType: user.accountType, sso: isSsoUser(user.email, company) });
  if (contact === 'it_department') {
    return { reason: 'sso_user', message: `${user.email} signs in through your identity provider, which runs their MFA. Your IT department must help them.`, contact };
  }
  if (contact === 'payments_support') {
    return { reason: 'payments_user', message: `${user.email} is a payments user: only Payments support can help with their MFA.`, contact };
  }
  if (!isLocked(user, now)) {
    return {
      reason: 'not_locked',
      message: `${user.email} is not locked out, so there is nothing to unlock. If they cannot sign in, try the "Locked out?" triage.`,
      contact: null,
    };
  }
  return null;
}
