/**
 * Who must use MFA, and when (R-POL-2, R-POL-3, R-PAY-1, R-DIR-2, R-AUTH-3).
 * The user's status is not looked at here: inactive users cannot sign in at all (see sign-in.ts).
 */
import { isSsoUser } from './directory';
import { policyEnforcementAt } from './enforcement-instant';
import { isPaymentsUser } from './model';
import type { DomainCompany, DomainUser } from './model';
import type { DomainPolicy } from './policy';

/** Why MFA is required for a user; the first that applies, in this order. */
export type RequiredReason = 'company_policy' | 'payments_user' | 'user_opted_in';

/**
 * What MFA means for one user at one instant:
 * `sso` — their identity provider runs their MFA, never us (this comes first, even for payments accounts, since
 * they never sign in with our password step); `required` — they must pass MFA (and enroll if they have not);
 * `optional` — early enrollment period: they may enroll or skip until `enforcementAt`; `off` — MFA only if enrolled.
 */
export type MfaRequirement =
  | { readonly kind: 'sso' }
  | { readonly kind: 'required'; readonly reason: RequiredReason }
  | { readonly kind: 'optional'; readonly enforcementAt: number }
  | { readonly kind: 'off' };

/** The user fields the requirement reads. */
export type RequirementUser = Pick<DomainUser, 'email' | 'accountType' | 'alwaysRequireMfa'>;
/** The policy fields the requirement reads. */
export type RequirementPolicy = Pick<DomainPolicy, 'required' | 'deadlineDate' | 'deadlineZone'>;

/**
 * True when the company policy itself requires MFA at `now`: required is on and the enforcement instant has come.
 * Required with no deadline means required at once, with no early enrollment period.
 */
export function companyEnforces(policy: RequirementPolicy, now: number): boolean {
  if (!policy.required) return false;
  const at = policyEnforcementAt(policy);
  return at === null || now >= at;
}

/** True during the early enrollment period: required is on and the deadline is still ahead (R-POL-3). */
export function inEarlyEnrollment(policy: RequirementPolicy, now: number): boolean {
  if (!policy.required) return false;
  const at = policyEnforcementAt(policy);
  return at !== null && now < at;
}

/** The MFA requirement for a user at `now`. */
export function mfaRequirement(
  user: RequirementUser,
  policy: RequirementPolicy,
  company: Pick<DomainCompany, 'ssoDomains'>,
  now: number,
): MfaRequirement {
  if (isSsoUser(user.email, company)) return { kind: 'sso' };
  if (companyEnforces(policy, now)) return { kind: 'required', reason: 'company_policy' };
  if (isPaymentsUser(user)) return { kind: 'required', reason: 'payments_user' };
  if (user.alwaysRequireMfa) return { kind: 'required', reason: 'user_opted_in' };
  const at = policyEnforcementAt(policy);
  if (policy.required && at !== null) return { kind: 'optional', enforcementAt: at };
  return { kind: 'off' };
}

/**
 * The "Always require 2FA to log into my account" toggle (R-AUTH-3): locked on when the company or the payments
 * rules already require MFA, hidden for SSO users, otherwise the user's own choice.
 */
export type AlwaysRequireToggle =
  | { readonly kind: 'locked_on'; readonly reason: 'company_policy' | 'payments_user' }
  | { readonly kind: 'not_applicable' }
  | { readonly kind: 'editable'; readonly on: boolean };

/** How to show the "Always require 2FA" toggle to this user at `now`. */
export function alwaysRequireToggle(
  user: RequirementUser,
  policy: RequirementPolicy,
  company: Pick<DomainCompany, 'ssoDomains'>,
  now: number,
): AlwaysRequireToggle {
  if (isSsoUser(user.email, company)) return { kind: 'not_applicable' };
  if (companyEnforces(policy, now)) return { kind: 'locked_on', reason: 'company_policy' };
  if (isPaymentsUser(user)) return { kind: 'locked_on', reason: 'payments_user' };
  return { kind: 'editable', on: user.alwaysRequireMfa };
}
