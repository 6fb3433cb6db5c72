/**
 * R-AUTH-1: what comes after a correct email and password. Enrolled users always get the challenge, whatever the
 * policy; not-enrolled users set up when MFA is required, may set up or skip in the early enrollment period, and
 * are signed in when MFA is off. Inactive users cannot sign in (R-DIR-3); SSO users continue at their IdP (R-DIR-2).
 */
import { assertNever } from './assert-never';
import { contactPhrase, mfaContact, type Contact } from './contacts';
import { isSsoUser } from './directory';
import { mfaRequirement } from './enforcement';
import type { RequiredReason } from './enforcement';
import { isLocked } from './lockout';
import { methodOptions } from './methods';
import type { MethodOption } from './methods';
import { METHOD_KINDS, isEnrolled } from './model';
import type { DomainCompany, DomainUser, MethodKind } from './model';
import type { DomainPolicy } from './policy';

/** A way to answer the challenge: one of the user's methods, or their recovery code. */
export type ChallengeOption = MethodKind | 'recovery_code';

/** The next screen after the password. */
export type SignInStep =
  | { readonly step: 'inactive'; readonly message: string }
  | { readonly step: 'sso'; readonly message: string }
  | { readonly step: 'locked'; readonly lockedUntil: number; readonly message: string }
  | { readonly step: 'challenge'; readonly options: readonly ChallengeOption[] }
  | { readonly step: 'setup_required'; readonly reason: RequiredReason; readonly methods: readonly MethodOption[] }
  | { readonly step: 'setup_optional'; readonly enforcementAt: number; readonly methods: readonly MethodOption[] }
  | { readonly step: 'signed_in' };

/** Everything the decision reads. `hasRecoveryCode`: the user has an unused recovery code. */
export interface SignInInput {
  readonly user: DomainUser;
  readonly policy: DomainPolicy;
  readonly company: Pick<DomainCompany, 'ssoDomains'>;
  readonly hasRecoveryCode: boolean;
  readonly now: number;
}

/** The words for a lock: how long to wait, rounded up to the minute, and who can help before then. */
export function lockedMessage(lockedUntil: number, now: number, contact: Contact): string {
  const minutes = Math.max(1, Math.ceil((lockedUntil - now) / 60_000));
  const wait = minutes === 1 ? '1 minute' : `${minutes} minutes`;
  return `Too many wrong codes in a row, so verification is locked. Try again in ${wait}, or ask ${contactPhrase(contact)} for help.`;
}

/** The challenge choices of an enrolled user: their methods in product order, then the recovery code if they have one. */
export function challengeOptions(user: Pick<DomainUser, 'methods'>, hasRecoveryCode: boolean): ChallengeOption[] {
  const methods: ChallengeOption[] = METHOD_KINDS.filter((kind) => user.methods.includes(kind));
  return hasRecoveryCode ? [...methods, 'recovery_code'] : methods;
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
    if (isLocked(user, now) && user.lockedUntil !== null) {
      const contact = mfaContact({ accountType: user.accountType, sso: isSsoUser(user.email, company) });
      return { step: 'locked', lockedUntil: user.lockedUntil, message: lockedMessage(user.lockedUntil, now, contact) };
    }
    return { step: 'challenge', options: challengeOptions(user, input.hasRecoveryCode) };
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
