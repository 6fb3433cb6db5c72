/** The end-user words the simulator's screens show for the service's coded answers. */
import type { DemoUser } from '../../../shared/api/routes/demo';
import type { PaymentsTouchpoint } from '../../../shared/api/routes/payments';
import { assertNever } from '../../../shared/domain/assert-never';
import { contactPhrase, mfaContact } from '../../../shared/domain/contacts';
import { SMS_FIELDS, quoted } from '../../../shared/domain/screen-labels';
import type { SetupReason } from '../../../shared/domain/sign-in';
import type { SmsCountry } from '../../../shared/domain/sms-countries';
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
    case 'temporary_access_code':
      return 'Your temporary access code was accepted. Set up a way to verify on the phone you have now, then save your new recovery code.';
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

/** Who helps a user who cannot use any way offered (R-PAY-3: payments users are sent to Payments support). */
export function challengeHelpWords(user: Pick<DemoUser, 'accountType' | 'sso'>): string {
  const who = contactPhrase(mfaContact(user));
  return `Can't use any of these? ${who.charAt(0).toUpperCase()}${who.slice(1)} can help.`;
}

/**
 * The error for a number the service found invalid, in the set-up screen's terms: the number was typed without
 * the country code (as the field's hint asks) and the selected one was put in front of it.
 */
export function invalidPhoneWords(country: Pick<SmsCountry, 'name' | 'callingCode'> | null): string {
  const where = country ? `${country.name} (+${country.callingCode})` : 'the selected country';
  return `That is not a valid mobile number for ${where}. Type your number without the country code: it comes from ${quoted(SMS_FIELDS.country)}.`;
}

/** What a resend tells the user. */
export const RESENT_WORDS = 'We sent a new code. The previous code no longer works.';

/** What a sign-in screen says when the token stopped working (reset, sign-out elsewhere, idle timeout). */
export const SESSION_ENDED_WORDS = 'Your session ended. Sign in again.';
