import { describe, expect, it } from 'vitest';
import { SMS_FIELDS } from '../../../shared/domain/screen-labels';
import { challengeHelpWords, invalidPhoneWords } from './screen-words';

describe('who the challenge screen sends a user to', () => {
  it('sends payments users to Payments support, not the company admin (R-PAY-3)', () => {
    expect(challengeHelpWords({ accountType: 'payments_payor', sso: false })).toBe("Can't use any of these? Payments support can help.");
    expect(challengeHelpWords({ accountType: 'payments_payee_admin', sso: false })).toBe("Can't use any of these? Payments support can help.");
    expect(challengeHelpWords({ accountType: 'standard', sso: false })).toBe("Can't use any of these? Your company admin can help.");
  });
});

describe('the set-up screen\'s words about the country code', () => {
  it('agree with the hint: the number is typed without the country code, which the select adds', () => {
    const error = invalidPhoneWords({ name: 'Ireland', callingCode: '353' });
    expect(error).toBe('That is not a valid mobile number for Ireland (+353). Type your number without the country code: it comes from "Select Your Country Code".');
    expect(SMS_FIELDS.phoneHint).toContain('without the country code');
    expect(error).not.toMatch(/with the country code/);
  });
});
