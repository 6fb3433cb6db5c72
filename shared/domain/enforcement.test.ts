import { describe, it, expect } from 'vitest';
import { alwaysRequireToggle, companyEnforces, inEarlyEnrollment, mfaRequirement } from './enforcement';
import type { RequirementPolicy, RequirementUser } from './enforcement';

const company = { ssoDomains: ['sso.example.com'] };
// 2026-06-05 00:00 in New York (EDT) = 04:00 UTC.
const DEADLINE = Date.UTC(2026, 5, 5, 4);
const withDeadline: RequirementPolicy = { required: true, deadlineDate: '2026-06-05', deadlineZone: 'America/New_York' };
const off: RequirementPolicy = { ...withDeadline, required: false };
const noDeadline: RequirementPolicy = { ...withDeadline, deadlineDate: null };

const standard: RequirementUser = { email: 'sam@example.com', accountType: 'standard', alwaysRequireMfa: false };
const payor: RequirementUser = { ...standard, accountType: 'payments_payor' };
const ssoUser: RequirementUser = { ...standard, email: 'ida@SSO.example.com' };
const optedIn: RequirementUser = { ...standard, alwaysRequireMfa: true };

describe('company enforcement (R-POL-2, R-POL-3)', () => {
  it('is the early enrollment period before the deadline and enforced from the instant on', () => {
    expect(inEarlyEnrollment(withDeadline, DEADLINE - 1)).toBe(true);
    expect(companyEnforces(withDeadline, DEADLINE - 1)).toBe(false);
    expect(companyEnforces(withDeadline, DEADLINE)).toBe(true);
    expect(inEarlyEnrollment(withDeadline, DEADLINE)).toBe(false);
  });

  it('enforces at once when required has no deadline, and never when off', () => {
    expect(companyEnforces(noDeadline, 0)).toBe(true);
    expect(inEarlyEnrollment(noDeadline, 0)).toBe(false);
    expect(companyEnforces(off, DEADLINE + 1)).toBe(false);
    expect(inEarlyEnrollment(off, DEADLINE - 1)).toBe(false);
  });
});

describe('MFA requirement of a user', () => {
  it('is optional for a standard user during early enrollment, required after', () => {
    expect(mfaRequirement(standard, withDeadline, company, DEADLINE - 1)).toEqual({
      kind: 'optional',
      enforcementAt: DEADLINE,
    });
    expect(mfaRequirement(standard, withDeadline, company, DEADLINE)).toEqual({
      kind: 'required',
      reason: 'company_policy',
    });
  });

  it('is off when the company does not require MFA', () => {
    expect(mfaRequirement(standard, off, company, DEADLINE + 1)).toEqual({ kind: 'off' });
  });

  it('is always required for payments users (R-PAY-1)', () => {
    expect(mfaRequirement(payor, off, company, 0)).toEqual({ kind: 'required', reason: 'payments_user' });
    expect(mfaRequirement(payor, withDeadline, company, DEADLINE - 1)).toEqual({ kind: 'required', reason: 'payments_user' });
    const payee: RequirementUser = { ...standard, accountType: 'payments_payee_admin' };
    expect(mfaRequirement(payee, off, company, 0)).toEqual({ kind: 'required', reason: 'payments_user' });
  });

  it('is required for a user who chose "Always require 2FA" (R-AUTH-3)', () => {
    expect(mfaRequirement(optedIn, off, company, 0)).toEqual({ kind: 'required', reason: 'user_opted_in' });
    expect(mfaRequirement(optedIn, withDeadline, company, DEADLINE - 1)).toEqual({
      kind: 'required',
      reason: 'user_opted_in',
    });
  });

  it('names the company policy first when it applies', () => {
    expect(mfaRequirement(payor, withDeadline, company, DEADLINE)).toEqual({ kind: 'required', reason: 'company_policy' });
  });

  it('leaves SSO users to their identity provider (R-DIR-2)', () => {
    expect(mfaRequirement(ssoUser, withDeadline, company, DEADLINE)).toEqual({ kind: 'sso' });
    expect(mfaRequirement({ ...ssoUser, accountType: 'payments_payor' }, off, company, 0)).toEqual({ kind: 'sso' });
  });
});

describe('"Always require 2FA" toggle (R-AUTH-3)', () => {
  it('is locked on when the company requires MFA', () => {
    expect(alwaysRequireToggle(standard, withDeadline, company, DEADLINE)).toEqual({
      kind: 'locked_on',
      reason: 'company_policy',
    });
  });

  it('is locked on for payments users', () => {
    expect(alwaysRequireToggle(payor, off, company, 0)).toEqual({ kind: 'locked_on', reason: 'payments_user' });
  });

  it('is the user choice otherwise, including during early enrollment', () => {
    expect(alwaysRequireToggle(standard, off, company, 0)).toEqual({ kind: 'editable', on: false });
    expect(alwaysRequireToggle(optedIn, withDeadline, company, DEADLINE - 1)).toEqual({ kind: 'editable', on: true });
  });

  it('does not apply to SSO users', () => {
    expect(alwaysRequireToggle(ssoUser, withDeadline, company, DEADLINE)).toEqual({ kind: 'not_applicable' });
  });
});
