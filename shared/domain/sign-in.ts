/**
 * R-AUTH-1: what comes after a correct email and password. Enrolled users always get the challenge, whatever the
 * policy; not-enrolled users set up when MFA is required or they sign in to the admin console, may set up or skip
 * in the early enrollment period, and are signed in when MFA is off. Inactive users cannot sign in (R-DIR-3); SSO
 * users continue at their IdP (R-DIR-2).
 */
import { assertNever } from './assert-never';
import { contactPhrase, mfaContact, type Contact } from './contacts';
import { isSsoUser } from './directory';
import { mfaRequirement } from './enforcement';
import type { RequiredReason } from './enforcement';
import { adminLockWords, lockEnd, type LockEnd } from './lockout';
import { methodOptions } from './methods';
import type { MethodOption } from './methods';
import { METHOD_KINDS, isEnrolled } from './model';
import type { DomainCompany, DomainUser, MethodKind } from './model';
import type { DomainPolicy } from './policy';

/**
 * Why set-up is required at this sign-in: a reason of the MFA requirement, a sign-in to the admin console, or a
 * temporary access code just used in place of the challenge (R-RST-6: it leads straight to a new method).
 */
export type SetupReason = RequiredReason | 'admin_console' | 'temporary_access_code';

/** A way to answer the challenge: one of the user's methods, their recovery code, or a temporary access code. */
export type ChallengeOption = MethodKind | 'recovery_code' | 'temporary_access_code';

/** The next screen after the password. */
export type SignInStep =
  | { readonly step: 'inactive'; readonly message: string }
  | { readonly step: 'sso'; readonly message: string }
  | { readonly step: 'locked'; readonly lockedUntil: number; readonly end: LockEnd; readonly message: string }
  | { readonly step: 'challenge'; readonly options: readonly ChallengeOption[] }
  | { readonly step: 'setup_required'; readonly reason: SetupReason; readonly methods: readonly MethodOption[] }
  | { readonly step: 'setup_optional'; readonly enforcementAt: number; readonly methods: readonly MethodOption[] }
  | { readonly step: 'signed_in' };

/**
 * Everything the decision reads. `hasRecoveryCode`: the user has an unused recovery code; `hasAccessCode`: a
 * temporary access code issued for them can still be used (R-RST-6).
 */
export interface SignInInput {
  readonly user: DomainUser;
  readonly policy: DomainPolicy;
  readonly company: Pick<DomainCompany, 'ssoDomains'>;
  readonly hasRecoveryCode: boolean;
  readonly hasAccessCode?: boolean;
  readonly now: number;
  /**
   * A sign-in to the admin console: it always ends with a passed MFA challenge (Okta and Google require MFA of
   * administrators whatever the end-user policy), so a user without a method sets one up, with no skip.
   */
  readonly adminConsole?: boolean;
}

/**
 * The words the user is told about their lock: how long to wait (rounded up to the minute), or that only an unlock
 * ends it, and who can help before then (`mfaContact`).
 */
export function lockedMessage(end: LockEnd, now: number, contact: Contact): string {
  const who = contactPhrase(contact);
  if (end.kind === 'admin_unlock') return `${adminLockWords(who)} Ask them for help.`;
  const minutes = Math.max(1, Math.ceil((end.at - now) / 60_000));
  const wait = minutes === 1 ? '1 minute' : `${minutes} minutes`;
  return `Too many wrong codes in a row, so verification is locked. Try again in ${wait} (each lock in a row lasts twice as long), or ask ${who} for help.`;
}

/**
 * The challenge choices of an enrolled user: their methods in product order, then the recovery code if they have
 * one, then the temporary access code a helpdesk issued them, if any.
 */
export function challengeOptions(user: Pick<DomainUser, 'methods'>, hasRecoveryCode: boolean, hasAccessCode = false): ChallengeOption[] {
  const options: ChallengeOption[] = METHOD_KINDS.filter((kind) => user.methods.includes(kind));
  if (hasRecoveryCode) options.push('recovery_code');
  if (hasAccessCode) options.push('temporary_access_code');
  return options;
}

/** The step that follows a correct password. */
export function signInNextStep(input: SignInInput): SignInStep {
  const { user, policy, company, now } = input;
  if (user.status === 'inactive') {
    return {
      step: 'inactive',
      message: 'This account is inactive, so it cannot sign in. Ask your company admin to reactivate it.',
    };
  }
  const requirement = mfaRequirement(user, policy, company, now);
  if (requirement.kind === 'sso') {
    return {
      step: 'sso',
      message:
        "Your company signs you in through its identity provider. Continue there; your IT department runs your sign-in and MFA.",
    };
  }
  if (isEnrolled(user)) {
    const end = lockEnd(user, now);
    if (end !== null && user.lockedUntil !== null) {
      const contact = mfaContact({ accountType: user.accountType, sso: isSsoUser(user.email, company) });
      return { step: 'locked', lockedUntil: user.lockedUntil, end, message: lockedMessage(end, now, contact) };
    }
    return { step: 'challenge', options: challengeOptions(user, input.hasRecoveryCode, input.hasAccessCode) };
  }
  if (input.adminConsole && requirement.kind !== 'required') {
    return { step: 'setup_required', reason: 'admin_console', methods: methodOptions(user, policy) };
  }
  switch (requirement.kind) {
    case 'required':
      return { step: 'setup_required', reason: requirement.reason, methods: methodOptions(user, policy) };
    case 'optional':
      return { step: 'setup_optional', enforcementAt: requirement.enforcementAt, methods: methodOptions(user, policy) };
    case 'off':
      return { step: 'signed_in' };
    default:
      return assertNever(requirement, 'MFA requirement');
  }
}
