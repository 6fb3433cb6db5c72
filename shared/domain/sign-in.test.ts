import { describe, it, expect } from 'vitest';
import type { DomainUser } from './model';
import { defaultPolicy } from './policy';
import type { DomainPolicy } from './policy';
import { UNTIL_ADMIN_UNLOCKS } from './lockout';
import { challengeOptions, lockedMessage, signInNextStep } from './sign-in';
import type { SignInInput } from './sign-in';

const DEADLINE = Date.UTC(2026, 5, 5, 4);
const company = { ssoDomains: ['sso.example.com'] };
const policy: DomainPolicy = {
  ...defaultPolicy('America/New_York'),
  required: true,
  deadlineDate: '2026-06-05',
};

const base: DomainUser = {
  id: 'u1',
  email: 'sam@example.com',
  name: 'Sam Reed',
  status: 'active',
  country: 'US',
  timeZone: 'America/Chicago',
  accountType: 'standard',
  permissions: { companyAdmin: 'none', directory: 'read_only', helpdesk: false },
  lastSignInAt: null,
  enrolledAt: null,
  methods: [],
  alwaysRequireMfa: false,
  failedAttempts: 0,
  lockedUntil: null,
};

function step(user: Partial<DomainUser>, overrides: Partial<SignInInput> = {}) {
  return signInNextStep({ user: { ...base, ...user }, policy, company, hasRecoveryCode: true, now: DEADLINE, ...overrides });
}

describe('sign-in next step (R-AUTH-1)', () => {
  it('turns inactive users away (R-DIR-3)', () => {
    const result = step({ status: 'inactive', methods: ['totp'] });
    expect(result.step).toBe('inactive');
    expect(result.step === 'inactive' && result.message).toMatch(/inactive.*Ask your company admin/);
  });

  it('sends SSO users to their identity provider', () => {
    const result = step({ email: 'ida@sso.example.com', methods: ['totp'] });
    expect(result.step).toBe('sso');
    expect(result.step === 'sso' && result.message).toMatch(/identity provider/);
  });

  it('requires setup after the deadline, listing only what this user may use', () => {
    const result = step({ country: 'IN' });
    expect(result.step).toBe('setup_required');
    if (result.step !== 'setup_required') return;
    expect(result.reason).toBe('company_policy');
    expect(result.methods.filter((m) => m.available).map((m) => m.kind)).toEqual(['totp']);
    expect(result.methods.find((m) => m.kind === 'sms')).toMatchObject({ reason: 'country_not_on_sms_list' });
  });

  it('lets users set up or skip during early enrollment', () => {
    const result = step({}, { now: DEADLINE - 1 });
    expect(result).toMatchObject({ step: 'setup_optional', enforcementAt: DEADLINE });
  });

  it('requires setup for payments users even when the company policy is off', () => {
    const result = step({ accountType: 'payments_payor' }, { policy: { ...policy, required: false } });
    expect(result).toMatchObject({ step: 'setup_required', reason: 'payments_user' });
    if (result.step === 'setup_required') {
      expect(result.methods.filter((m) => m.available).map((m) => m.kind)).toEqual(['totp']);
    }
  });

  it('signs in not-enrolled users straight away when MFA is off', () => {
    expect(step({}, { policy: { ...policy, required: false } })).toEqual({ step: 'signed_in' });
  });

  it('always challenges enrolled users, even when MFA is off', () => {
    const off = { ...policy, required: false };
    expect(step({ methods: ['totp'] }, { policy: off })).toEqual({ step: 'challenge', options: ['totp', 'recovery_code'] });
    expect(step({ methods: ['sms', 'totp'] }, { now: DEADLINE - 1 })).toEqual({
      step: 'challenge',
      options: ['totp', 'sms', 'recovery_code'],
    });
  });

  it('offers the recovery code only while the user has one', () => {
    expect(step({ methods: ['sms'] }, { hasRecoveryCode: false })).toEqual({ step: 'challenge', options: ['sms'] });
  });

  it('says how long to wait while verification is locked', () => {
    const result = step({ methods: ['totp'], failedAttempts: 5, lockedUntil: DEADLINE + 90_000 });
    expect(result).toMatchObject({ step: 'locked', lockedUntil: DEADLINE + 90_000 });
    expect(result.step === 'locked' && result.message).toMatch(/Try again in 2 minutes/);
    expect(result.step === 'locked' && result.message).toMatch(/ask your company admin for help/);
    expect(step({ methods: ['totp'], failedAttempts: 5, lockedUntil: DEADLINE })).toMatchObject({ step: 'challenge' });
    const forGood = step({ methods: ['totp'], failedAttempts: 100, lockedUntil: UNTIL_ADMIN_UNLOCKS });
    expect(forGood).toMatchObject({ step: 'locked', end: { kind: 'admin_unlock' }, message: expect.stringMatching(/until your company admin unlocks it/) });
  });

  it('sends a locked payments user to Payments support, not the company admin (R-PAY-3)', () => {
    const result = step({ methods: ['totp'], accountType: 'payments_payor', failedAttempts: 5, lockedUntil: DEADLINE + 90_000 });
    expect(result.step === 'locked' && result.message).toMatch(/ask Payments support for help\.$/);
  });
});

describe('challenge helpers', () => {
  it('orders methods app first', () => {
    expect(challengeOptions({ methods: ['sms', 'totp'] }, false)).toEqual(['totp', 'sms']);
    expect(challengeOptions({ methods: ['totp'] }, true, true)).toEqual(['totp', 'recovery_code', 'temporary_access_code']);
  });

  it('rounds the wait up and says "1 minute" in the singular', () => {
    expect(lockedMessage({ kind: 'at', at: 1_000 }, 0, 'company_admin')).toMatch(/in 1 minute \(/);
    expect(lockedMessage({ kind: 'at', at: 15 * 60_000 }, 0, 'company_admin')).toMatch(/in 15 minutes/);
  });

  it('says when only an unlock ends the lock, and who can unlock it (Payments support for payments users)', () => {
    expect(lockedMessage({ kind: 'admin_unlock' }, 0, 'company_admin')).toBe(
      'Verification is locked after 100 wrong codes in a row. It does not unlock by itself: it stays locked until your company admin unlocks it. Ask them for help.',
    );
    expect(lockedMessage({ kind: 'admin_unlock' }, 0, 'payments_support')).toMatch(/until Payments support unlocks it/);
    expect(lockedMessage({ kind: 'at', at: 60_000 }, 0, 'payments_support')).toMatch(/ask Payments support for help\.$/);
  });
});
