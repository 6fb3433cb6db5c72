/** What each sign-in step's answer means as an attempt's outcome (R-LOG-1), with the detail a helpdesk reads. */
import type { SignInResponse } from '../../../shared/api/routes/auth';
import type { SetupReason } from '../../../shared/domain/sign-in';
import type { ChallengePassed } from '../../../shared/api/routes/auth';
import type { z } from 'zod';
import type { AttemptOutcome } from './record-sign-in';

/** Why set-up was asked for, as the activity says it. */
const SETUP_REASONS: Readonly<Record<SetupReason, string>> = {
  company_policy: 'The company requires MFA and no method is set up yet.',
  payments_user: 'Payments accounts always use MFA and no method is set up yet.',
  user_opted_in: 'The user turned on "Always require 2FA" and no method is set up yet.',
  admin_console: 'The admin console needs MFA and no method is set up yet.',
  temporary_access_code: 'A temporary access code replaced the code once: a new method must be set up now.',
};

/** The password step. */
export function passwordStepOutcome(answer: SignInResponse): AttemptOutcome | null {
  const userId = answer.user?.id;
  switch (answer.next.step) {
    case 'sso':
      return { outcome: 'sso_redirect', detail: answer.next.message };
    case 'challenge':
      return { outcome: 'code_asked', userId };
    case 'setup_required':
      return { outcome: 'setup_required', userId, detail: SETUP_REASONS[answer.next.reason] };
    case 'setup_optional':
      return { outcome: 'setup_offered', userId, detail: 'Early enrollment: the user may set up MFA now or skip until the deadline.' };
    case 'signed_in':
      return { outcome: 'signed_in', userId, detail: 'No code needed: MFA is not required for this account now.' };
    case 'save_recovery_code':
      return null;
  }
}

/** A passed challenge. */
export function challengeOutcome(passed: z.input<typeof ChallengePassed>): AttemptOutcome {
  switch (passed.step) {
    case 'signed_in':
      return { outcome: 'signed_in' };
    case 'save_recovery_code':
      return { outcome: 'signed_in', detail: 'The recovery code was used up; a new one was shown to save.' };
    case 'setup_required':
      return { outcome: 'setup_required', detail: SETUP_REASONS.temporary_access_code };
  }
}

/** A method confirmed while signing in. */
export function setupConfirmedOutcome(kind: 'totp' | 'sms'): AttemptOutcome {
  const what = kind === 'totp' ? 'an authenticator app' : 'a phone for text messages';
  return { outcome: 'signed_in', detail: `Set up ${what}; a new recovery code was shown to save.` };
}
