/**
 * R-RST-1/2: may this operator reset this user's MFA? Each refusal has its own reason, plain words and whom to
 * contact. Checked in this order: the operator's permission (so nothing about the target leaks to someone who may
 * not reset), the target exists, the account is active (an inactive account cannot sign in at all, so a reset
 * would change nothing), then who else owns the user's MFA (IT for SSO users, Payments support for payments users;
 * routing to the right team is the useful answer even for one's own account), one's own account, whether there is
 * anything to reset (no method set up), and last whether the company requires MFA.
 */
import type { Contact } from './contacts';
import { isSsoUser } from './directory';
import { isEnrolled, isPaymentsUser } from './model';
import type { DomainCompany, DomainUser } from './model';
import { canResetMfa } from './permissions';
import type { DomainPolicy } from './policy';

/** Why a reset is refused. */
export type ResetRefusal =
  | 'operator_lacks_permission'
  | 'not_in_directory'
  | 'sso_user'
  | 'payments_user'
  | 'own_account'
  | 'inactive_user'
  | 'not_enrolled'
  | 'mfa_not_enforced';

/** Outcome of the eligibility check. */
export type ResetEligibility<U> =
  | { readonly eligible: true; readonly target: U }
  | {
      readonly eligible: false;
      readonly reason: ResetRefusal;
      readonly message: string;
      /** Whom to send the user (or the operator) to; null when the operator should fix their input. */
      readonly contact: Contact | null;
    };

/** What the check reads. `target` is the exact email match (see `exactEmailMatch`), or null when there is none. */
export interface ResetEligibilityInput<U extends Pick<DomainUser, 'id' | 'email' | 'accountType' | 'status' | 'methods'>> {
  readonly operator: Pick<DomainUser, 'id' | 'permissions'>;
  readonly target: U | null;
  readonly company: Pick<DomainCompany, 'ssoDomains'>;
  readonly policy: Pick<DomainPolicy, 'required'>;
}

function refuse(reason: ResetRefusal, message: string, contact: Contact | null) {
  return { eligible: false as const, reason, message, contact };
}

/** Decide whether the reset may go ahead. */
export function resetEligibility<U extends Pick<DomainUser, 'id' | 'email' | 'accountType' | 'status' | 'methods'>>(
  input: ResetEligibilityInput<U>,
): ResetEligibility<U> {
  const { operator, target, company, policy } = input;
  if (!canResetMfa(operator)) {
    return refuse(
      'operator_lacks_permission',
      'Resetting MFA needs Admin permission on both the Company Admin and Directory tools. Ask a company admin who has both.',
      'company_admin',
    );
  }
  if (target === null) {
    return refuse(
      'not_in_directory',
      'No one in your directory has exactly that email. Type it exactly as it appears in the directory (upper or lower case does not matter).',
      null,
    );
  }
  if (target.status === 'inactive') {
    return refuse(
      'inactive_user',
      `${target.email} is inactive, so they cannot sign in at all and a reset would change nothing. If they should have access again, reactivate them in the Directory first; their MFA stays as it was.`,
      null,
    );
  }
  if (isSsoUser(target.email, company)) {
    return refuse(
      'sso_user',
      `${target.email} signs in through your company's identity provider, which runs their MFA. Your IT department must reset it there.`,
      'it_department',
    );
  }
  if (isPaymentsUser(target)) {
    return refuse(
      'payments_user',
      `${target.email} is a payments user. Company admins cannot reset MFA for payments accounts: the user must contact Payments support.`,
      'payments_support',
    );
  }
  if (target.id === operator.id) {
    return refuse(
      'own_account',
      'You cannot reset your own MFA. Ask another company admin to do it for you.',
      'another_company_admin',
    );
  }
  if (!isEnrolled(target)) {
    return refuse(
      'not_enrolled',
      `${target.email} has not set up MFA, so there is nothing to reset. At their next sign-in they are asked to set it up; they need no help from you for that.`,
      null,
    );
  }
  if (!policy.required) {
    return refuse(
      'mfa_not_enforced',
      'MFA resets are available only while your company requires MFA. Turn on Require MFA in the MFA policy first. The "Locked out?" triage says what the user can do meanwhile.',
      null,
    );
  }
  return { eligible: true, target };
}
