import { describe, it, expect } from 'vitest';
import { availableMethods, isMethodAvailable, methodOptions } from './methods';
import type { MethodOption } from './methods';
import type { AccountType, MethodKind } from './model';

const both: { allowedMethods: MethodKind[] } = { allowedMethods: ['totp', 'sms'] };
const appOnly: { allowedMethods: MethodKind[] } = { allowedMethods: ['totp'] };

function user(accountType: AccountType, country: string) {
  return { accountType, country };
}

function sms(options: MethodOption[]): MethodOption {
  const option = options.find((o) => o.kind === 'sms');
  if (!option) throw new Error('SMS option missing');
  return option;
}

describe('methods a user may set up (R-POL-6, R-PAY-1)', () => {
  it('always offers the authenticator app first, as the recommended method', () => {
    for (const type of ['standard', 'payments_payor', 'payments_payee_admin'] as const) {
      const [first] = methodOptions(user(type, 'BR'), appOnly);
      expect(first).toEqual({ kind: 'totp', label: 'Authenticator app', available: true, recommended: true });
    }
  });

  it('offers SMS to standard users in an SMS country when the policy allows it', () => {
    expect(availableMethods(user('standard', 'GB'), both)).toEqual(['totp', 'sms']);
    expect(isMethodAvailable('sms', user('standard', 'HK'), both)).toBe(true);
  });

  it('says SMS is missing because the company allows only the app', () => {
    const option = sms(methodOptions(user('standard', 'US'), appOnly));
    expect(option).toMatchObject({ available: false, reason: 'sms_not_allowed_by_policy' });
    expect(option.available ? '' : option.message).toMatch(/allows only the authenticator app/);
  });

  it('says SMS is missing because the user country is not on the list', () => {
    const option = sms(methodOptions(user('standard', 'IN'), both));
    expect(option).toMatchObject({ available: false, reason: 'country_not_on_sms_list' });
    expect(option.available ? '' : option.message).toMatch(/only in United States.*Hong Kong/);
    expect(availableMethods(user('standard', 'IN'), both)).toEqual(['totp']);
  });

  it('never offers SMS to payors, whatever the policy or country', () => {
    const option = sms(methodOptions(user('payments_payor', 'US'), both));
    expect(option).toMatchObject({ available: false, reason: 'payor_app_only' });
    expect(sms(methodOptions(user('payments_payor', 'US'), appOnly))).toMatchObject({ reason: 'payor_app_only' });
  });

  it('offers SMS to payee admins only in the United States', () => {
    expect(availableMethods(user('payments_payee_admin', 'US'), both)).toEqual(['totp', 'sms']);
    const option = sms(methodOptions(user('payments_payee_admin', 'CA'), both));
    expect(option).toMatchObject({ available: false, reason: 'payee_admin_us_only' });
    expect(option.available ? '' : option.message).toMatch(/only in the United States/);
  });

  it('lets a company that allows only the app keep payee admins on the app', () => {
    expect(sms(methodOptions(user('payments_payee_admin', 'US'), appOnly))).toMatchObject({
      reason: 'sms_not_allowed_by_policy',
    });
  });
});
