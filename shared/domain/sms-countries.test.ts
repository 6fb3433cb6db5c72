import { describe, it, expect } from 'vitest';
import { getCountryCallingCode } from 'libphonenumber-js/max';
import type { CountryCode as PhoneCountry } from 'libphonenumber-js/max';
import { SMS_COUNTRIES, isSmsCountry, smsCountriesFor, smsCountry, smsCountryNames } from './sms-countries';

describe('SMS countries (R-POL-6)', () => {
  it('is exactly the thirteen countries of the guide', () => {
    expect(SMS_COUNTRIES.map((c) => c.code)).toEqual([
      'US', 'CA', 'MX', 'GB', 'IE', 'FR', 'DE', 'ES', 'IT', 'AU', 'NZ', 'SG', 'HK',
    ]);
  });

  it('has the calling code the phone metadata has for each country', () => {
    for (const country of SMS_COUNTRIES) {
      expect(country.callingCode).toBe(getCountryCallingCode(country.code as PhoneCountry));
    }
  });

  it('answers membership in any case', () => {
    expect(isSmsCountry('gb')).toBe(true);
    expect(isSmsCountry('IN')).toBe(false);
    expect(smsCountry('HK')?.name).toBe('Hong Kong');
    expect(smsCountry('BR')).toBeNull();
  });

  it('lists the names in plain words', () => {
    expect(smsCountryNames()).toMatch(/^United States, Canada, .* Singapore and Hong Kong$/);
  });

  it('limits payee admins to US numbers and leaves everyone else the whole list (R-PAY-1)', () => {
    expect(smsCountriesFor({ accountType: 'payments_payee_admin' }).map((c) => c.code)).toEqual(['US']);
    expect(smsCountriesFor({ accountType: 'standard' })).toBe(SMS_COUNTRIES);
  });
});
