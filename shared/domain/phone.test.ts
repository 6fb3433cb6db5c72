import { describe, it, expect } from 'vitest';
import { checkPhoneForUser } from './phone';
import type { PhoneCheck } from './phone';

const usStandard = { country: 'US', accountType: 'standard' } as const;
const gbStandard = { country: 'GB', accountType: 'standard' } as const;
const payeeAdmin = { country: 'US', accountType: 'payments_payee_admin' } as const;

function refusal(check: PhoneCheck): string {
  return check.ok ? 'accepted' : check.reason;
}

describe('phone numbers for SMS (R-SMS-1)', () => {
  it('turns a national number into E.164 in the user country', () => {
    expect(checkPhoneForUser('(415) 555-2671', usStandard)).toEqual({ ok: true, e164: '+14155552671', country: 'US' });
    expect(checkPhoneForUser('07400 123456', gbStandard)).toEqual({ ok: true, e164: '+447400123456', country: 'GB' });
  });

  it('uses the number country, not the default it was parsed with', () => {
    const canadian = checkPhoneForUser('+1 416 555 0123', usStandard);
    expect(canadian).toEqual({ ok: true, e164: '+14165550123', country: 'CA' });
    // +44 7911 is a Guernsey range: same calling code as the UK, but Guernsey is not on the SMS list.
    expect(refusal(checkPhoneForUser('+44 7911 123456', gbStandard))).toBe('country_not_on_sms_list');
  });

  it('refuses what is not a phone number', () => {
    for (const input of ['', '12', 'call me', '+1 415 555 26711111', 'x'.repeat(60)]) {
      const check = checkPhoneForUser(input, usStandard);
      expect(refusal(check)).toBe('invalid_number');
      expect(check.ok ? '' : check.message).toMatch(/not a valid phone number/);
    }
  });

  it('refuses numbers outside the SMS countries, with the list in the message', () => {
    const check = checkPhoneForUser('+91 98765 43210', usStandard);
    expect(refusal(check)).toBe('country_not_on_sms_list');
    expect(check.ok ? '' : check.message).toMatch(/United States.*Hong Kong.*authenticator app/);
  });

  it('refuses numbers that cannot receive text messages', () => {
    expect(refusal(checkPhoneForUser('+44 20 7946 0958', gbStandard))).toBe('not_mobile');
    expect(refusal(checkPhoneForUser('+1 800 555 0199', usStandard))).toBe('not_mobile');
  });

  it('accepts only US numbers from payee admins (R-PAY-1)', () => {
    const check = checkPhoneForUser('+44 7400 123456', payeeAdmin);
    expect(refusal(check)).toBe('payee_admin_needs_us_number');
    expect(check.ok ? '' : check.message).toMatch(/only on a US number/);
    expect(refusal(checkPhoneForUser('+1 416 555 0123', payeeAdmin))).toBe('payee_admin_needs_us_number');
    expect(checkPhoneForUser('+1 415 555 2671', payeeAdmin)).toMatchObject({ ok: true, country: 'US' });
  });

  it('still parses when the user country has no phone metadata', () => {
    const user = { country: 'AQ', accountType: 'standard' } as const;
    expect(checkPhoneForUser('+33 6 12 34 56 78', user)).toEqual({ ok: true, e164: '+33612345678', country: 'FR' });
    expect(refusal(checkPhoneForUser('06 12 34 56 78', user))).toBe('invalid_number');
  });
});
