/** What an unfinished sign-in shows next, from the domain's decision and the session's stage. */
import type { SignInNext } from '../../../shared/api/routes/auth';
import { contactPhrase, mfaContact } from '../../../shared/domain/contacts';
import { isSsoUser } from '../../../shared/domain/directory';
import { signInNextStep, type SignInStep } from '../../../shared/domain/sign-in';
import { methodOptions, type MethodOption } from '../../../shared/domain/methods';
import { signInChallengeOptions, usablePhoneMasked } from '../challenges/challenge-options';
import { ApiError } from '../http/api-error';
import { parseFlow } from '../repositories/sessions-repo';
import type { UserContext } from '../repositories/user-context';
import type { SessionRow } from './authenticator';

/** The contract's form of a domain step (inactive, SSO and locked are answered before a session exists). */
export function nextFromStep(uc: UserContext, step: Exclude<SignInStep, { step: 'inactive' | 'sso' | 'locked' }>): SignInNext {
  switch (step.step) {
    case 'challenge': {
      const options = signInChallengeOptions(uc);
      if (options.length === 0) {
        const contact = mfaContact({ accountType: uc.domainUser.accountType, sso: isSsoUser(uc.user.email, uc.company) });
        throw new ApiError(
          'forbidden',
          `None of your verification methods can be used any more, and you have no recovery code. Ask ${contactPhrase(contact)} to reset your MFA.`,
          { reason: 'no_usable_method' },
        );
      }
      return { step: 'challenge', options, phoneMasked: usablePhoneMasked(uc) };
    }
    case 'setup_required':
      return { step: 'setup_required', reason: step.reason, methods: [...step.methods] };
    case 'setup_optional':
      return { step: 'setup_optional', enforcementAt: step.enforcementAt, methods: [...step.methods] };
    case 'signed_in':
      return { step: 'signed_in' };
  }
}

/** The domain's step for the user now; `adminConsole` for a sign-in to the admin console (set-up, never skip). */
export function domainStep(uc: UserContext, adminConsole = false): SignInStep {
  return signInNextStep({
    user: uc.domainUser,
    policy: uc.policy,
    company: uc.company,
    hasRecoveryCode: uc.hasRecoveryCode,
    hasAccessCode: uc.accessCodeUntil !== null,
    now: uc.now,
    adminConsole,
  });
}

/** After a temporary access code: set up a new method now, with no skip (R-RST-6). */
export function accessCodeSetup(uc: UserContext): { step: 'setup_required'; reason: 'temporary_access_code'; methods: MethodOption[] } {
  return { step: 'setup_required', reason: 'temporary_access_code', methods: methodOptions(uc.domainUser, uc.policy) };
}

/** Where a session's sign-in stands. */
export function currentNext(uc: UserContext, session: SessionRow): SignInNext {
  if (session.stage === 'active') return { step: 'signed_in' };
  if (session.stage === 'recovery_ack') return { step: 'save_recovery_code' };
  if (session.stage === 'setup' && parseFlow(session.flow).accessCodeUsed === true) return accessCodeSetup(uc);
  const step = domainStep(uc, parseFlow(session.flow).adminConsole === true);
  if (step.step === 'locked' || step.step === 'inactive' || step.step === 'sso') {
    return session.stage === 'challenge' ? { step: 'challenge', options: signInChallengeOptions(uc), phoneMasked: usablePhoneMasked(uc) } : { step: 'signed_in' };
  }
  return nextFromStep(uc, step);
}
