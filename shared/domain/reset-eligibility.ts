/**
 * R-RST-1/2, R-RST-6: may this operator reset this user's MFA, or issue them a temporary access code? Both are
 * refused for the same reasons, each with its own plain words and whom to contact; only the permission differs
 * (a reset needs Admin on both tools, a code the Helpdesk permission or Admin on both). Checked in this order: the
 * operator's permission (so nothing about the target leaks to someone who may not act), the target exists, the
 * account is active (an inactive account cannot sign in at all, so acting would change nothing), then who else
 * owns the user's MFA (IT for SSO users, Payments support for payments users; routing to the right team is the
 * useful answer even for one's own account), one's own account, whether the operator may act on someone with
 * admin-tool permissions, whether there is anything to recover (no method set up), and last whether the company
 * requires MFA.
 */
import type { Contact } from './contacts';
import { isSsoUser } from './directory';
import { isEnrolled, isPaymentsUser } from './model';
import type { DomainCompany, DomainUser } from './model';
import { mayChangeSignInOf, operatorMay, permissionRefusal } from './permissions';
import type { DomainPolicy } from './policy';

/** The two verified helpdesk actions: a reset (R-RST-1) or a temporary access code (R-RST-6). */
export type VerifiedAction = 'reset' | 'access_code';

/** Why the action is refused. */
export type ResetRefusal =
  | 'operator_lacks_permission'
  | 'not_in_directory'
  | 'sso_user'
  | 'payments_user'
  | 'own_account'
  | 'admin_tool_user'
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

type TargetFields = 'id' | 'email' | 'accountType' | 'status' | 'methods' | 'permissions';

/** What the check reads. `target` is the exact email match (see `exactEmailMatch`), or null when there is none. */
export interface ResetEligibilityInput<U extends Pick<DomainUser, TargetFields>> {
  readonly operator: Pick<DomainUser, 'id' | 'permissions'>;
  readonly target: U | null;
  readonly company: Pick<DomainCompany, 'ssoDomains'>;
  readonly policy: Pick<DomainPolicy, 'required'>;
  /** The action asked for; a reset when absent. */
  readonly action?: VerifiedAction;
}

/** The words of each refusal that names the action, for a reset and for a temporary access code. */
const WORDS: Readonly<Record<VerifiedAction, {
  readonly inactive: (email: string) => string;
  readonly sso: (email: string) => string;
  readonly payments: (email: string) => string;
  readonly own: string;
  readonly adminToolUser: (email: string) => string;
  readonly notEnrolled: (email: string) => string;
  readonly notEnforced: string;
}>> = {
  reset: {
    inactive: (email) => `${email} is inactive, so they cannot sign in at all and a reset would change nothing. If they should have access again, reactivate them in the Directory first; their MFA stays as it was.`,
    sso: (email) => `${email} signs in through your company's identity provider, which runs their MFA. Your IT department must reset it there.`,
    payments: (email) => `${email} is a payments user. Company admins cannot reset MFA for payments accounts: the user must contact Payments support.`,
    own: 'You cannot reset your own MFA. Ask another company admin to do it for you.',
    adminToolUser: (email) => `${email} has permissions on the admin tools: only a company admin with Admin on both tools can reset their MFA.`,
    notEnrolled: (email) => `${email} has not set up MFA, so there is nothing to reset. At their next sign-in they are asked to set it up; they need no help from you for that.`,
    notEnforced: 'MFA resets are available only while your company requires MFA. Turn on Require MFA in the MFA policy first. The "Locked out?" triage says what the user can do meanwhile.',
  },
  access_code: {
    inactive: (email) => `${email} is inactive, so they cannot sign in at all and a temporary access code would not help. If they should have access again, reactivate them in the Directory first.`,
    sso: (email) => `${email} signs in through your company's identity provider, which runs their MFA: a code from here would not work for them. Your IT department must help them there.`,
    payments: (email) => `${email} is a payments user. Temporary access codes are not issued for payments accounts: the user must contact Payments support.`,
    own: 'You cannot issue a temporary access code for your own account. Ask another company admin to help you.',
    adminToolUser: (email) => `${email} has permissions on the admin tools: only a company admin with Admin on both tools can issue them a temporary access code.`,
    notEnrolled: (email) => `${email} has not set up MFA, so they need no temporary access code: at their next sign-in they are asked to set it up.`,
    notEnforced: 'Temporary access codes, like resets, are available only while your company requires MFA. Turn on Require MFA in the MFA policy first. The "Locked out?" triage says what the user can do meanwhile.',
  },
};

function refuse(reason: ResetRefusal, message: string, contact: Contact | null) {
  return { eligible: false as const, reason, message, contact };
}

/** Decide whether the reset (or the temporary access code) may go ahead. */
export function resetEligibility<U extends Pick<DomainUser, TargetFields>>(input: ResetEligibilityInput<U>): ResetEligibility<U> {
  const { operator, target, company, policy } = input;
  const action = input.action ?? 'reset';
  const words = WORDS[action];
  const permission = action === 'reset' ? 'reset_mfa' : 'issue_access_code';
  if (!operatorMay(operator, permission)) return refuse('operator_lacks_permission', permissionRefusal(permission), 'company_admin');
  if (target === null) {
    return refuse(
      'not_in_directory',
      'No one in your directory has exactly that email. Type it exactly as it appears in the directory (upper or lower case does not matter).',
      null,
    );
  }
  if (target.status === 'inactive') return refuse('inactive_user', words.inactive(target.email), null);
  if (isSsoUser(target.email, company)) return refuse('sso_user', words.sso(target.email), 'it_department');
  if (isPaymentsUser(target)) return refuse('payments_user', words.payments(target.email), 'payments_support');
  if (target.id === operator.id) return refuse('own_account', words.own, 'another_company_admin');
  if (!mayChangeSignInOf(operator, target)) return refuse('admin_tool_user', words.adminToolUser(target.email), 'company_admin');
  if (!isEnrolled(target)) return refuse('not_enrolled', words.notEnrolled(target.email), null);
  if (!policy.required) return refuse('mfa_not_enforced', words.notEnforced, null);
  return { eligible: true, target };
}
