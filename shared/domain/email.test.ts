import { describe, expect, it } from 'vitest';
import { emailSchema, isValidEmail } from './email';

describe('email validity (R-DIR-1, one rule for import and edits)', () => {
  it('accepts ordinary addresses', () => {
    for (const email of ['ana@northwind.example', 'o.brien+mfa@mail.example.co.uk', "pat_o'neil@x-y.example", 'a@b.xn--p1ai']) {
      expect(isValidEmail(email), email).toBe(true);
    }
  });

  it('refuses dots in the wrong place, missing parts and stray characters', () => {
    for (const email of ['a..b@x.example', '.a@x.example', 'a.@x.example', 'a@x', 'a@-x.example', 'a@x-.example', 'a@x..example', '@x.example', 'a b@x.example', 'a@b@x.example', 'a@x.e', 'a"b@x.example', 'a@x.123']) {
      expect(isValidEmail(email), email).toBe(false);
    }
    expect(isValidEmail(`${'a'.repeat(65)}@x.example`)).toBe(false);
    expect(isValidEmail(`a@${'b'.repeat(250)}.example`)).toBe(false);
  });

  it('trims, then says in plain words what is wrong', () => {
    expect(emailSchema.parse('  ana@northwind.example ')).toBe('ana@northwind.example');
    const refused = emailSchema.safeParse('a..b@x.example');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe('"a..b@x.example" is not a valid email address. Write it like name@company.com.');
  });
});
