import { describe, it, expect } from 'vitest';
import { UNTIL_ADMIN_UNLOCKS } from './lockout';
import type { DomainUser } from './model';
import { lockedOutTriage } from './triage';
import type { TriageInput } from './triage';

const NOW = Date.UTC(2026, 5, 10, 9);
const company = { ssoDomains: ['sso.example.com'] };
const user: DomainUser = {
  id: 'u1',
  email: 'sam@example.com',
  name: 'Sam Reed',
  status: 'active',
  country: 'US',
  timeZone: 'America/Chicago',
  accountType: 'standard',
  permissions: { companyAdmin: 'none', directory: 'read_only', helpdesk: false },
  lastSignInAt: NOW - 86_400_000,
  enrolledAt: NOW - 10 * 86_400_000,
  methods: ['totp'],
  alwaysRequireMfa: false,
  failedAttempts: 0,
  lockedUntil: null,
};

function triage(overrides: Partial<DomainUser> | null, input: Partial<TriageInput> = {}) {
  return lockedOutTriage({
    user: overrides === null ? null : { ...user, ...overrides },
    company,
    policy: { required: true },
    now: NOW,
    viewerZone: 'America/New_York',
    ...input,
  });
}

describe('"Locked out?" triage (R-RST-4)', () => {
  it('sends standard enrolled users to a company admin, with the recovery code tip', () => {
    const result = triage({});
    expect(result.helper).toBe('company_admin');
    expect(result.headline).toBe('Contact a company admin.');
    expect(result.why).toMatch(/can issue a temporary access code.*can instead reset their MFA/);
    expect(result.tips).toEqual([expect.stringMatching(/recovery code/)]);
  });

  it('leaves out the recovery code tip when the user has none', () => {
    expect(triage({}, { hasRecoveryCode: false }).tips).toEqual([]);
  });

  it('sends SSO users to IT, naming their domain', () => {
    const result = triage({ email: 'ida@sso.example.com' });
    expect(result.helper).toBe('it_department');
    expect(result.why).toMatch(/sso\.example\.com.*identity provider/);
  });

  it('sends payments users to Payments support', () => {
    for (const accountType of ['payments_payor', 'payments_payee_admin'] as const) {
      const result = triage({ accountType });
      expect(result.helper).toBe('payments_support');
      expect(result.why).toMatch(/Company admins cannot/);
    }
  });

  it('says when the email is not in the directory', () => {
    const result = triage(null);
    expect(result.helper).toBe('unknown');
    expect(result.why).toMatch(/Check the spelling/);
  });

  it('sends inactive users to a company admin to reactivate the account', () => {
    const result = triage({ status: 'inactive', email: 'ida@sso.example.com' });
    expect(result.helper).toBe('company_admin');
    expect(result.why).toMatch(/inactive.*reactivate/);
  });

  it('needs no reset for users who have not enrolled', () => {
    const result = triage({ methods: [], enrolledAt: null });
    expect(result.helper).toBe('self_service');
    expect(result.why).toMatch(/nothing to reset/);
  });

  it('explains that resets need MFA to be required by the company', () => {
    const result = triage({ alwaysRequireMfa: true }, { policy: { required: false } });
    expect(result.helper).toBe('company_admin');
    expect(result.why).toMatch(/does not require MFA.*Require MFA/);
  });

  it('uses the recovery code label the sign-in screen shows', () => {
    expect(triage({}).tips).toEqual([
      'If they saved their recovery code, they can sign in with it now: on "How do you want to verify your identity?" they choose "Enter Recovery Code".',
    ]);
  });

  it('says when a lock ends in the helpdesk\'s and the user\'s time, from the lock end the service recorded', () => {
    const lockedUntil = Date.UTC(2026, 5, 10, 9, 12, 30);
    const result = triage({ failedAttempts: 5, lockedUntil, timeZone: 'Europe/Berlin' });
    expect(result.lock).toBe(
      'Verification is locked after too many wrong codes. It unlocks by itself in 13 minutes: at 05:12 on Wed 10 Jun 2026 your time (America/New_York); 11:12 on Wed 10 Jun 2026 their time (Europe/Berlin).',
    );
    expect(triage({ failedAttempts: 5, lockedUntil: NOW + 3 * 86_400_000 }).lock).toMatch(/in about 3 days: at .* your time \(America\/New_York\); .* their time \(America\/Chicago\)/);
    expect(triage({ failedAttempts: 5, lockedUntil: NOW + 60_000 }, { viewerZone: 'America/Chicago' }).lock).toMatch(/in 1 minute: at 04:01 on Wed 10 Jun 2026 your time \(America\/Chicago\); the same for them\.$/);
    expect(triage({ failedAttempts: 5, lockedUntil: NOW }).lock).toBeNull();
  });

  it('says a lock after 100 wrong codes in a row lasts until the user\'s contact unlocks it, never a date', () => {
    const forGood = { failedAttempts: 100, lockedUntil: UNTIL_ADMIN_UNLOCKS };
    expect(triage(forGood).lock).toBe(
      'Verification is locked after 100 wrong codes in a row. It does not unlock by itself: it stays locked until a company admin unlocks it.',
    );
    expect(triage({ ...forGood, accountType: 'payments_payor' }).lock).toMatch(/stays locked until Payments support unlocks it\.$/);
    expect(triage(forGood).tips[0]).toMatch(/^Until then the sign-in screen offers no way to verify/);
    expect(triage(forGood).lock).not.toMatch(/9999/);
  });

  it('never tells a locked caller to use their recovery code, for standard or payments users', () => {
    for (const accountType of ['standard', 'payments_payor'] as const) {
      const result = triage({ accountType, failedAttempts: 5, lockedUntil: NOW + 10 * 60_000 });
      expect(result.lock).not.toBeNull();
      expect(result.tips.join(' ')).not.toMatch(/can sign in with it|choose "Enter Recovery Code"/);
      expect(result.tips[0]).toMatch(/no way to verify, not even "Enter Recovery Code"/);
    }
    expect(triage({ failedAttempts: 5, lockedUntil: NOW + 10 * 60_000 }).why).toMatch(/unlock their verification now/);
    expect(triage({ accountType: 'payments_payor', failedAttempts: 5, lockedUntil: NOW + 10 * 60_000 }).tips[1]).toMatch(/cannot unlock payments accounts/);
  });

  it('says a helpdesk can issue a temporary access code, and how to use one already issued (R-RST-6)', () => {
    const result = triage({}, { accessCodeUntil: NOW + 3_600_000 });
    expect(result.why).toMatch(/helpdesk staff \(or a company admin\) can issue a temporary access code/);
    expect(result.tips[0]).toBe(
      'They have a temporary access code, valid until 06:00 on Wed 10 Jun 2026 your time: on "How do you want to verify your identity?" they choose "Use a Temporary Access Code", then set up a new method.',
    );
    expect(triage({}, { accessCodeUntil: NOW }).tips).toEqual([expect.stringMatching(/recovery code/)]);
    expect(triage({ failedAttempts: 5, lockedUntil: NOW + 60_000 }, { accessCodeUntil: NOW + 3_600_000 }).tips).toEqual([expect.stringMatching(/offers no way to verify/)]);
  });
});

