import { describe, it, expect } from 'vitest';
import { contactLabel, contactName, contactPhrase, mfaContact } from './contacts';

describe('contacts', () => {
  it('names each contact in plain words', () => {
    expect(contactLabel('company_admin')).toBe('A company admin');
    expect(contactLabel('another_company_admin')).toBe('Another company admin');
    expect(contactLabel('it_department')).toMatch(/IT department/);
    expect(contactLabel('payments_support')).toBe('Payments support');
    expect(contactPhrase('company_admin')).toBe('your company admin');
    expect(contactPhrase('payments_support')).toBe('Payments support');
    expect(contactName('company_admin')).toBe('a company admin');
    expect(contactName('it_department')).toBe('their IT department');
  });

  it('sends payments users to Payments support and SSO users to IT (R-PAY-3, R-DIR-2)', () => {
    expect(mfaContact({ accountType: 'payments_payor', sso: false })).toBe('payments_support');
    expect(mfaContact({ accountType: 'payments_payee_admin', sso: false })).toBe('payments_support');
    expect(mfaContact({ accountType: 'standard', sso: true })).toBe('it_department');
    expect(mfaContact({ accountType: 'standard', sso: false })).toBe('company_admin');
  });
});
