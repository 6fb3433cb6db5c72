/** R-POL-6: the countries where text-message (SMS) codes are offered, with display names and calling codes. */
import type { AccountType, CountryCode } from './model';

/** One country on the SMS list. */
export interface SmsCountry {
  readonly code: CountryCode;
  readonly name: string;
  /** International calling code without the plus, such as `44`. */
  readonly callingCode: string;
}

/** The SMS list, in the order the guide shows it. */
export const SMS_COUNTRIES: readonly SmsCountry[] = [
  { code: 'US', name: 'United States', callingCode: '1' },
  { code: 'CA', name: 'Canada', callingCode: '1' },
  { code: 'MX', name: 'Mexico', callingCode: '52' },
  { code: 'GB', name: 'United Kingdom', callingCode: '44' },
  { code: 'IE', name: 'Ireland', callingCode: '353' },
  { code: 'FR', name: 'France', callingCode: '33' },
  { code: 'DE', name: 'Germany', callingCode: '49' },
  { code: 'ES', name: 'Spain', callingCode: '34' },
  { code: 'IT', name: 'Italy', callingCode: '39' },
  { code: 'AU', name: 'Australia', callingCode: '61' },
  { code: 'NZ', name: 'New Zealand', callingCode: '64' },
  { code: 'SG', name: 'Singapore', callingCode: '65' },
  { code: 'HK', name: 'Hong Kong', callingCode: '852' },
];

/** R-PAY-1: the only country whose numbers payments payee admins may use for SMS. */
export const PAYEE_ADMIN_SMS_COUNTRY: CountryCode = 'US';

const byCode = new Map(SMS_COUNTRIES.map((country) => [country.code, country]));

/** True when SMS codes may be sent to users (and numbers) of this country. */
export function isSmsCountry(code: string): boolean {
  return byCode.has(code.toUpperCase());
}

/** The SMS list entry of a country, or null when SMS is not offered there. */
export function smsCountry(code: string): SmsCountry | null {
  return byCode.get(code.toUpperCase()) ?? null;
}

/** The countries whose numbers this user may use for SMS: the whole list, or only the US for payee admins (R-PAY-1). */
export function smsCountriesFor(user: { readonly accountType: AccountType }): readonly SmsCountry[] {
  return user.accountType === 'payments_payee_admin' ? SMS_COUNTRIES.filter((country) => country.code === PAYEE_ADMIN_SMS_COUNTRY) : SMS_COUNTRIES;
}

/** The SMS countries as plain words, for messages: "United States, Canada, … and Hong Kong". */
export function smsCountryNames(): string {
  const names = SMS_COUNTRIES.map((country) => country.name);
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}
