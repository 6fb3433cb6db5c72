/** The end-user words the simulator's screens show for the service's coded answers. */
import type { PaymentsTouchpoint } from '../../../shared/api/routes/payments';
import { assertNever } from '../../../shared/domain/assert-never';
import type { SetupReason } from '../../../shared/domain/sign-in';
import type { ChallengePurpose } from '../../../shared/ipc/channels/simulator';

/** Why set-up is required, as "Two-Factor Authentication Required" explains it. */
export function setupReasonWords(reason: SetupReason): string {
  switch (reason) {
    case 'company_policy':
      return 'Your company requires two-factor authentication (2FA) to sign in.';
    case 'payments_user':
      return 'Payments accounts must use two-factor authentication (2FA) to keep payments secure.';
    case 'user_opted_in':
      return 'You chose "Always require 2FA to log into my account", so set it up to sign in.';
    case 'admin_console':
      return 'The admin console always needs two-factor authentication (2FA): set it up to sign in.';
    default:
      return assertNever(reason, 'set-up reason');
  }
}

/** Why the "Always require 2FA" toggle is locked on. */
export function lockedOnWords(reason: 'company_policy' | 'payments_user'): string {
  return reason === 'company_policy'
    ? 'Your company requires two-factor authentication, so this stays on.'
    : 'Payments accounts always use two-factor authentication, so this stays on.';
}

/** The challenge purpose of a payments touchpoint. */
export function touchpointPurpose(touchpoint: PaymentsTouchpoint, idle: boolean): ChallengePurpose {
  if (idle) return 'payments_idle';
  switch (touchpoint) {
    case 'enter_payments':
      return 'payments_entry';
    case 'disbursement':
      return 'payments_disbursement';
    case 'bank_account':
      return 'payments_bank_account';
    case 'agreement':
      return 'payments_agreement';
    default:
      return assertNever(touchpoint, 'payments touchpoint');
  }
}

/** What the Payments tool confirms after a passed step-up. */
export function touchpointDone(touchpoint: PaymentsTouchpoint, idle: boolean): string {
  if (idle) return 'Verified again after 30 minutes idle. You can go on working in the Payments tool.';
  switch (touchpoint) {
    case 'enter_payments':
      return 'Verified. You are in the Payments tool.';
    case 'disbursement':
      return 'Disbursement created (simulated).';
    case 'bank_account':
      return 'Bank account updated (simulated).';
    case 'agreement':
      return 'Payments agreement accepted (simulated).';
    default:
      return assertNever(touchpoint, 'payments touchpoint');
  }
}

/** What a resend tells the user. */
export const RESENT_WORDS = 'We sent a new code. The previous code no longer works.';

/** What a sign-in screen says when the token stopped working (reset, sign-out elsewhere, idle timeout). */
export const SESSION_ENDED_WORDS = 'Your session ended. Sign in again.';
