import { describe, it, expect } from 'vitest';
import {
  METHOD_KINDS,
  accountTypeSchema,
  countryCodeSchema,
  isEnrolled,
  isPaymentsUser,
  methodKindSchema,
  timeZoneSchema,
  toolPermissionSchema,
  userStatusSchema,
} from './model';

describe('vocabulary', () => {
  it('uses the same values as the database columns', () => {
    expect(userStatusSchema.options).toEqual(['active', 'inactive']);
    expect(accountTypeSchema.options).toEqual(['standard', 'payments_payor', 'payments_payee_admin']);
    expect(toolPermissionSchema.options).toEqual(['none', 'read_only', 'standard', 'admin']);
    expect(methodKindSchema.options).toEqual(['totp', 'sms']);
    expect(METHOD_KINDS).toEqual(['totp', 'sms']);
  });

  it('refuses values outside the enums with a plain message', () => {
    const result = accountTypeSchema.safeParse('vip');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/standard, payments_payor or payments_payee_admin/);
  });

  it('accepts two-letter upper-case country codes only', () => {
    expect(countryCodeSchema.safeParse('US').success).toBe(true);
    expect(countryCodeSchema.safeParse('us').success).toBe(false);
    expect(countryCodeSchema.safeParse('USA').success).toBe(false);
  });

  it('accepts IANA zones only', () => {
    expect(timeZoneSchema.safeParse('Australia/Lord_Howe').success).toBe(true);
    expect(timeZoneSchema.safeParse('EST5EDT-ish').success).toBe(false);
  });
});

describe('user facts', () => {
  it('treats both payments roles as payments users', () => {
    expect(isPaymentsUser({ accountType: 'payments_payor' })).toBe(true);
    expect(isPaymentsUser({ accountType: 'payments_payee_admin' })).toBe(true);
    expect(isPaymentsUser({ accountType: 'standard' })).toBe(false);
  });

  it('counts a user as enrolled when they have a confirmed method', () => {
    expect(isEnrolled({ methods: [] })).toBe(false);
    expect(isEnrolled({ methods: ['sms'] })).toBe(true);
  });
});
