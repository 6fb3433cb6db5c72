import { describe, expect, it } from 'vitest';
import { challengeHelpWords } from './screen-words';

describe('who the challenge screen sends a user to', () => {
  it('sends payments users to Payments support, not the company admin (R-PAY-3)', () => {
    expect(challengeHelpWords({ accountType: 'payments_payor', sso: false })).toBe("Can't use any of these? Payments support can help.");
    expect(challengeHelpWords({ accountType: 'payments_payee_admin', sso: false })).toBe("Can't use any of these? Payments support can help.");
    expect(challengeHelpWords({ accountType: 'standard', sso: false })).toBe("Can't use any of these? Your company admin can help.");
  });
});
