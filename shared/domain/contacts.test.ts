import { describe, it, expect } from 'vitest';
import { contactLabel } from './contacts';

describe('contacts', () => {
  it('names each contact in plain words', () => {
    expect(contactLabel('company_admin')).toBe('A company admin');
    expect(contactLabel('another_company_admin')).toBe('Another company admin');
    expect(contactLabel('it_department')).toMatch(/IT department/);
    expect(contactLabel('payments_support')).toBe('Payments support');
  });
});
