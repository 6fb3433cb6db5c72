import { describe, it, expect } from 'vitest';
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
  permissions: { companyAdmin: 'none', directory: 'read_only' },
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
    ...input,
  });
}

describe('"Locked out?" triage (R-RST-4)', () => {
  it('sends standard enrolled users to a company admin, with the recovery code tip', () => {
    const result = triage({});
    expect(result.helper).toBe('company_admin');
    expect(result.headline).toBe('Contact a company admin.');
    expect(result.why).toMatch(/reset their MFA after verifying/);
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

  it('says a lock wears off by itself, and when', () => {
    const result = triage({ failedAttempts: 5, lockedUntil: NOW + 9 * 60_000 + 1 });
    expect(result.tips[0]).toMatch(/unlocks by itself in 10 minutes/);
    expect(triage({ failedAttempts: 5, lockedUntil: NOW }).tips).toHaveLength(1);
  });
});
