import { describe, expect, it } from 'vitest';
import { PASSWORD_LENGTH, checkPassword, contextWords, passwordLength, passwordListKey } from './password-rules';

const context = { email: 'jordan.patel@northwind.example', companyName: 'Northwind Builders' };
const breached = new Set(['correcthorsebatterystaple', 'qwertyqwerty']);
const check = (password: string) => checkPassword(password, context, (key) => breached.has(key));

describe('checkPassword (NIST SP 800-63B)', () => {
  it('accepts 12 to 128 characters of anything, with no composition rules', () => {
    expect(check('plain lowercase words here')).toEqual({ ok: true });
    expect(check('ünïcödé 🙂 and spaces')).toEqual({ ok: true });
    expect(check('a'.repeat(PASSWORD_LENGTH.max))).toEqual({ ok: true });
  });

  it('refuses short and overlong passwords, saying how long they are', () => {
    const short = check('elevenchars');
    expect(short).toMatchObject({ ok: false, problem: 'too_short' });
    expect(short.ok ? '' : short.message).toContain('at least 12 characters (this one has 11)');
    expect(check('a'.repeat(129))).toMatchObject({ ok: false, problem: 'too_long' });
  });

  it('counts characters, not UTF-16 units, after NFKC', () => {
    expect(passwordLength('🙂🙂🙂')).toBe(3);
    expect(passwordLength('ﬁ')).toBe(2);
    expect(check('🙂'.repeat(12))).toEqual({ ok: true });
  });

  it('refuses breached passwords whatever their case', () => {
    expect(check('CorrectHorseBatteryStaple')).toMatchObject({ ok: false, problem: 'breached' });
    expect(passwordListKey('QWERTYqwerty')).toBe('qwertyqwerty');
  });

  it('refuses passwords containing the email, its name part, or the company name', () => {
    expect(check('my jordan.patel@northwind.example!')).toMatchObject({ ok: false, problem: 'contains_email' });
    expect(check('xx Jordan.Patel 2026 xx')).toMatchObject({ ok: false, problem: 'contains_email' });
    const company = check('I love NorthWind forever');
    expect(company).toMatchObject({ ok: false, problem: 'contains_company' });
    expect(company.ok ? '' : company.message).toContain('"northwind"');
    expect(check('northwindbuilders rocks')).toMatchObject({ ok: false, problem: 'contains_company' });
  });

  it('ignores context words too short to matter', () => {
    expect(contextWords({ email: 'al@x.io', companyName: 'A&B Co' })).toEqual({ email: ['al@x.io'], company: ['a&b co', 'abco'] });
    expect(checkPassword('al likes long walks', { email: 'al@x.io', companyName: 'A&B Co' }, () => false)).toEqual({ ok: true });
  });
});
