/**
 * Phone numbers for SMS codes (R-SMS-1, R-POL-6, R-PAY-1): parse what a user typed into E.164, or say in plain
 * words why that number cannot receive codes. The number's own country decides, never the default we parse with.
 */
import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { AccountType, CountryCode } from './model';
import { PAYEE_ADMIN_SMS_COUNTRY, isSmsCountry, smsCountryNames } from './sms-countries';

/** Why a number is refused. */
export type PhoneRefusal = 'invalid_number' | 'not_mobile' | 'country_not_on_sms_list' | 'payee_admin_needs_us_number';

/** Outcome of checking a phone number for a user. */
export type PhoneCheck =
  | { readonly ok: true; readonly e164: string; readonly country: CountryCode }
  | { readonly ok: false; readonly reason: PhoneRefusal; readonly message: string };

/** Number types that can never receive a text message. */
const NOT_MOBILE = new Set(['FIXED_LINE', 'TOLL_FREE', 'PREMIUM_RATE', 'SHARED_COST', 'PAGER', 'UAN', 'VOICEMAIL']);

const MAX_INPUT_LENGTH = 40;

function refuse(reason: PhoneRefusal, message: string): PhoneCheck {
  return { ok: false, reason, message };
}

/**
 * Check a number typed by (or for) a user. National formats are read in the user's country, so a US user may
 * type `(415) 555-2671`; an international `+` prefix always wins.
 */
export function checkPhoneForUser(
  input: string,
  user: { readonly country: CountryCode; readonly accountType: AccountType },
): PhoneCheck {
  const text = input.trim();
  const parsed =
    text.length > 0 && text.length <= MAX_INPUT_LENGTH
      ? parsePhoneNumberFromString(text, { defaultCountry: isSupportedCountry(user.country) ? user.country : undefined })
      : undefined;
  if (!parsed || !parsed.isValid() || !parsed.country) {
    return refuse(
      'invalid_number',
      'That is not a valid phone number. Type it with the country code, for example +1 415 555 2671.',
    );
  }
  const type = parsed.getType();
  if (type !== undefined && NOT_MOBILE.has(type)) {
    return refuse('not_mobile', 'That number cannot receive text messages. Enter a mobile number.');
  }
  if (user.accountType === 'payments_payee_admin' && parsed.country !== PAYEE_ADMIN_SMS_COUNTRY) {
    return refuse(
      'payee_admin_needs_us_number',
      'Payments payee admins can receive text-message codes only on a US number. Enter a US mobile number or use an authenticator app.',
    );
  }
  if (!isSmsCountry(parsed.country)) {
    return refuse(
      'country_not_on_sms_list',
      `Text-message codes can only be sent to numbers in ${smsCountryNames()}. Use an authenticator app instead.`,
    );
  }
  return { ok: true, e164: parsed.number, country: parsed.country };
}
