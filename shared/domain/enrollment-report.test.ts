import { describe, it, expect } from 'vitest';
import {
  ENROLLMENT_STATES,
  countdown,
  factsMatchState,
  stateOfFacts,
  type EnrollmentFacts,
  enrollmentCounts,
  enrollmentState,
  usersBlockedAtEnforcement,
  willBeBlocked,
} from './enrollment-report';
import type { AccountType, MethodKind, UserStatus } from './model';

const company = { ssoDomains: ['sso.example.com'] };

function user(id: string, methods: MethodKind[], extra: { status?: UserStatus; accountType?: AccountType; sso?: boolean } = {}) {
  return {
    id,
    email: `${id}@${extra.sso ? 'sso.example.com' : 'example.com'}`,
    status: extra.status ?? 'active',
    accountType: extra.accountType ?? 'standard',
    methods,
  };
}

describe('enrollment state (R-RPT-1)', () => {
  it('puts every combination of facts in exactly one state, the one enrollmentState gives', () => {
    const keys = ['active', 'sso', 'payments', 'totp', 'sms'] as const;
    for (let bits = 0; bits < 32; bits++) {
      const facts = Object.fromEntries(keys.map((key, i) => [key, (bits & (1 << i)) !== 0])) as unknown as EnrollmentFacts;
      const matching = ENROLLMENT_STATES.filter((state) => factsMatchState(facts, state));
      expect(matching, JSON.stringify(facts)).toHaveLength(1);
      expect(stateOfFacts(facts)).toBe(matching[0]);
    }
  });

  it('counts as not enrolled only active, non-SSO, non-payments users without a method', () => {
    expect(enrollmentState(user('a', [], { status: 'inactive' }), company)).toBe('inactive');
    expect(enrollmentState(user('a', [], { accountType: 'payments_payor' }), company)).toBe('payments');
    expect(enrollmentState(user('a', [], { sso: true }), company)).toBe('sso');
  });

  it('tells enrolled users apart by method', () => {
    expect(enrollmentState(user('a', ['totp']), company)).toBe('enrolled_totp');
    expect(enrollmentState(user('a', ['sms']), company)).toBe('enrolled_sms');
    expect(enrollmentState(user('a', ['sms', 'totp']), company)).toBe('enrolled_both');
    expect(enrollmentState(user('a', []), company)).toBe('not_enrolled');
  });

  it('puts inactive first, then SSO, then payments, whatever the methods', () => {
    expect(enrollmentState(user('a', ['totp'], { status: 'inactive', sso: true, accountType: 'payments_payor' }), company)).toBe('inactive');
    expect(enrollmentState(user('a', ['totp'], { sso: true, accountType: 'payments_payor' }), company)).toBe('sso');
    expect(enrollmentState(user('a', ['totp'], { accountType: 'payments_payee_admin' }), company)).toBe('payments');
  });
});

describe('who will be blocked at enforcement', () => {
  it('is every active, non-SSO user without a method, payments users included', () => {
    expect(willBeBlocked(user('a', []), company)).toBe(true);
    expect(willBeBlocked(user('a', [], { accountType: 'payments_payor' }), company)).toBe(true);
    expect(willBeBlocked(user('a', ['sms']), company)).toBe(false);
    expect(willBeBlocked(user('a', [], { status: 'inactive' }), company)).toBe(false);
    expect(willBeBlocked(user('a', [], { sso: true }), company)).toBe(false);
  });
});

describe('dashboard counts', () => {
  const users = [
    user('t1', ['totp']),
    user('t2', ['totp']),
    user('s1', ['sms']),
    user('b1', ['totp', 'sms']),
    user('n1', []),
    user('i1', [], { status: 'inactive' }),
    user('o1', [], { sso: true }),
    user('p1', [], { accountType: 'payments_payor' }),
    user('p2', ['totp'], { accountType: 'payments_payee_admin' }),
  ];

  it('counts each user once, by state, with the total and the blocked count', () => {
    expect(enrollmentCounts(users, company)).toEqual({
      enrolled_totp: 2,
      enrolled_sms: 1,
      enrolled_both: 1,
      not_enrolled: 1,
      inactive: 1,
      sso: 1,
      payments: 2,
      total: 9,
      willBeBlocked: 2,
    });
    const counts = enrollmentCounts(users, company);
    expect(ENROLLMENT_STATES.reduce((sum, state) => sum + counts[state], 0)).toBe(counts.total);
  });

  it('lists the users who will be blocked', () => {
    expect(usersBlockedAtEnforcement(users, company).map((u) => u.id)).toEqual(['n1', 'p1']);
  });

  it('counts an empty directory as zeros', () => {
    expect(enrollmentCounts([], company)).toMatchObject({ total: 0, willBeBlocked: 0, not_enrolled: 0 });
  });
});

describe('countdown to enforcement', () => {
  it('splits the time left into days, hours, minutes and seconds', () => {
    const now = Date.UTC(2026, 5, 1);
    const target = now + ((12 * 24 + 3) * 3600 + 4 * 60 + 5) * 1000 + 999;
    expect(countdown(target, now)).toEqual({ passed: false, totalMs: target - now, days: 12, hours: 3, minutes: 4, seconds: 5 });
  });

  it('stops at zero once the instant has come', () => {
    expect(countdown(1000, 1000)).toEqual({ passed: true, totalMs: 0, days: 0, hours: 0, minutes: 0, seconds: 0 });
    expect(countdown(1000, 5000)).toMatchObject({ passed: true, totalMs: 0 });
  });
});
