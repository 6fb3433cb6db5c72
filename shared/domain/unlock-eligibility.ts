/**
 * R-AUTH-2, R-RST-5: may this operator end a user's MFA lockout? It needs the Helpdesk permission or Admin on both
 * tools (and Admin on both for someone with admin-tool permissions), and it is refused where the user's MFA belongs
 * to someone else (their identity provider, Payments support), and where there is no lock to end. The Reset and
 * Directory screens offer Unlock exactly where the service would do it.
 */
import { mfaContact, type Contact } from './contacts';
import { isSsoUser } from './directory';
import { isLocked } from './lockout';
import type { DomainCompany, DomainUser } from './model';
import { mayChangeSignInOf, operatorMay, permissionRefusal } from './permissions';

/** Why an unlock is refused. */
export type UnlockRefusal = 'operator_lacks_permission' | 'admin_tool_user' | 'sso_user' | 'payments_user' | 'not_locked';

/** The refusal with its words and whom to contact, or null when the unlock may go ahead. */
export type UnlockDecision = { readonly reason: UnlockRefusal; readonly message: string; readonly contact: Contact | null } | null;

/**
 * The operator's part of the decision (the Directory panel knows no more): the Helpdesk permission or Admin on both
 * tools, and Admin on both for someone with admin-tool permissions.
 */
export function unlockPermissionRefusal(operator: Pick<DomainUser, 'permissions'>, user: Pick<DomainUser, 'email' | 'permissions'>): UnlockDecision {
  if (!operatorMay(operator, 'unlock_mfa')) {
    return { reason: 'operator_lacks_permission', message: permissionRefusal('unlock_mfa'), contact: 'company_admin' };
  }
  if (!mayChangeSignInOf(operator, user)) {
    return {
      reason: 'admin_tool_user',
      message: `${user.email} has permissions on the admin tools: only a company admin with Admin on both tools can unlock them.`,
      contact: 'company_admin',
    };
  }
  return null;
}

/** Decides whether `operator` may unlock `user` at company time `now`. */
export function unlockRefusal(
  operator: Pick<DomainUser, 'permissions'>,
  user: Pick<DomainUser, 'email' | 'accountType' | 'failedAttempts' | 'lockedUntil' | 'permissions'>,
  company: Pick<DomainCompany, 'ssoDomains'>,
  now: number,
): UnlockDecision {
  if (!operatorMay(operator, 'unlock_mfa')) return unlockPermissionRefusal(operator, user);
  const contact = mfaContact({ accountType: user.accountType, sso: isSsoUser(user.email, company) });
  if (contact === 'it_department') {
    return { reason: 'sso_user', message: `${user.email} signs in through your identity provider, which runs their MFA. Your IT department must help them.`, contact };
  }
  if (contact === 'payments_support') {
    return { reason: 'payments_user', message: `${user.email} is a payments user: only Payments support can help with their MFA.`, contact };
  }
  const refusal = unlockPermissionRefusal(operator, user);
  if (refusal) return refusal;
  if (!isLocked(user, now)) {
    return {
      reason: 'not_locked',
      message: `${user.email} is not locked out, so there is nothing to unlock. If they cannot sign in, try the "Locked out?" triage.`,
      contact: null,
    };
  }
  return null;
}
