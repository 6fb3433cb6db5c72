import { describe, it, expect } from 'vitest';
import { exactEmailMatch } from './directory';
import type { AccountType, ToolPermissions } from './model';
import { resetEligibility } from './reset-eligibility';
import type { ResetEligibility } from './reset-eligibility';

const admin: ToolPermissions = { companyAdmin: 'admin', directory: 'admin', helpdesk: false };
const noAccess: ToolPermissions = { companyAdmin: 'none', directory: 'none', helpdesk: false };
const operator = { id: 'op', permissions: admin };
const company = { ssoDomains: ['sso.example.com'] };
const required = { required: true };

function target(email: string, accountType: AccountType = 'standard', id = 't1') {
  return { id, email, accountType, status: 'active' as 'active' | 'inactive', methods: ['totp'] as ('totp' | 'sms')[], permissions: noAccess };
}

type Target = ReturnType<typeof target>;

function check(overrides: Partial<Parameters<typeof resetEligibility<Target>>[0]> = {}): ResetEligibility<Target> {
  return resetEligibility<Target>({ operator, target: target('sam@example.com'), company, policy: required, ...overrides });
}

describe('MFA reset eligibility (R-RST-1, R-RST-2)', () => {
  it('lets an admin on both tools reset a standard user when MFA is required', () => {
    const result = check();
    expect(result).toEqual({ eligible: true, target: target('sam@example.com') });
  });

  it('refuses operators without admin on both tools, before looking at the target', () => {
    for (const permissions of [
      { companyAdmin: 'admin', directory: 'standard', helpdesk: false },
      { companyAdmin: 'standard', directory: 'admin', helpdesk: false },
      { companyAdmin: 'read_only', directory: 'none', helpdesk: false },
      { companyAdmin: 'none', directory: 'read_only', helpdesk: true },
    ] as const) {
      const result = check({ operator: { id: 'op', permissions }, target: null });
      expect(result).toMatchObject({ eligible: false, reason: 'operator_lacks_permission', contact: 'company_admin' });
      expect(result.eligible ? '' : result.message).toMatch(/Admin permission on both the Company Admin and Directory/);
    }
  });

  it('refuses an email that is not exactly in the directory', () => {
    const users = [target('Sam@Example.com')];
    expect(check({ target: exactEmailMatch('sam@example.co', users) })).toMatchObject({
      eligible: false,
      reason: 'not_in_directory',
      contact: null,
    });
    expect(check({ target: exactEmailMatch('SAM@example.COM', users) })).toMatchObject({ eligible: true });
  });

  it('sends SSO users to their IT department', () => {
    const result = check({ target: target('ida@sso.example.com') });
    expect(result).toMatchObject({ eligible: false, reason: 'sso_user', contact: 'it_department' });
    expect(result.eligible ? '' : result.message).toMatch(/ida@sso.example.com.*IT department/);
  });

  it('sends payments users to Payments support (R-PAY-3)', () => {
    for (const type of ['payments_payor', 'payments_payee_admin'] as const) {
      const result = check({ target: target('pay@example.com', type) });
      expect(result).toMatchObject({ eligible: false, reason: 'payments_user', contact: 'payments_support' });
      expect(result.eligible ? '' : result.message).toMatch(/Payments support/);
    }
  });

  it('refuses the operator own account: another admin must do it', () => {
    const result = check({ target: target('op@example.com', 'standard', 'op') });
    expect(result).toMatchObject({ eligible: false, reason: 'own_account', contact: 'another_company_admin' });
    expect(result.eligible ? '' : result.message).toMatch(/another company admin/);
  });

  it('refuses when the company does not require MFA', () => {
    const result = check({ policy: { required: false } });
    expect(result).toMatchObject({ eligible: false, reason: 'mfa_not_enforced', contact: null });
    expect(result.eligible ? '' : result.message).toMatch(/Turn on Require MFA/);
  });

  it('tells why a reset is pointless for an inactive or a not-enrolled user, instead of offering one', () => {
    const inactive = check({ target: { ...target('sam@example.com'), status: 'inactive' } });
    expect(inactive).toMatchObject({ eligible: false, reason: 'inactive_user', contact: null });
    expect(inactive.eligible ? '' : inactive.message).toMatch(/cannot sign in at all.*reactivate them in the Directory/);
    expect(check({ target: { ...target('ida@sso.example.com'), status: 'inactive' } })).toMatchObject({ reason: 'inactive_user' });
    const notEnrolled = check({ target: { ...target('sam@example.com'), methods: [] } });
    expect(notEnrolled).toMatchObject({ eligible: false, reason: 'not_enrolled', contact: null });
    expect(notEnrolled.eligible ? '' : notEnrolled.message).toMatch(/nothing to reset.*next sign-in/);
    expect(check({ target: { ...target('ida@sso.example.com'), methods: [] } })).toMatchObject({ reason: 'sso_user' });
    expect(check({ target: { ...target('p@example.com', 'payments_payor'), methods: [] } })).toMatchObject({ reason: 'payments_user' });
  });

  it('routes to the team that owns the MFA before other refusals', () => {
    const off = { required: false };
    expect(check({ policy: off, target: target('ida@sso.example.com') })).toMatchObject({ reason: 'sso_user' });
    expect(check({ policy: off, target: target('p@example.com', 'payments_payor') })).toMatchObject({
      reason: 'payments_user',
    });
    expect(check({ target: target('op@sso.example.com', 'standard', 'op') })).toMatchObject({ reason: 'sso_user' });
    expect(check({ policy: off, target: target('op@example.com', 'standard', 'op') })).toMatchObject({
      reason: 'own_account',
    });
  });
});

describe('temporary access code eligibility (R-RST-5, R-RST-6)', () => {
  const helpdesk = { id: 'hd', permissions: { companyAdmin: 'none', directory: 'read_only', helpdesk: true } as const };
  const code = (overrides: Partial<Parameters<typeof resetEligibility<Target>>[0]> = {}) => check({ operator: helpdesk, action: 'access_code', ...overrides });

  it('lets helpdesk (and admins on both tools) issue one where a reset would be allowed', () => {
    expect(code()).toMatchObject({ eligible: true });
    expect(check({ action: 'access_code' })).toMatchObject({ eligible: true });
  });

  it('refuses operators without the Helpdesk permission or Admin on both, before looking at the target', () => {
    const result = code({ operator: { id: 'r', permissions: { companyAdmin: 'read_only', directory: 'read_only', helpdesk: false } }, target: null });
    expect(result).toMatchObject({ eligible: false, reason: 'operator_lacks_permission', contact: 'company_admin' });
    expect(result.eligible ? '' : result.message).toMatch(/needs the Helpdesk permission/);
  });

  it('refuses with the same reasons and contacts as a reset, in words about the code', () => {
    const cases: [Partial<Target>, string, string | null][] = [
      [{ email: 'ida@sso.example.com' }, 'sso_user', 'it_department'],
      [{ accountType: 'payments_payee_admin' }, 'payments_user', 'payments_support'],
      [{ status: 'inactive' }, 'inactive_user', null],
      [{ methods: [] }, 'not_enrolled', null],
      [{ id: 'hd' }, 'own_account', 'another_company_admin'],
    ];
    for (const [overrides, reason, contact] of cases) {
      const asCode = code({ target: { ...target('sam@example.com'), ...overrides } });
      const asReset = check({ target: { ...target('sam@example.com'), ...overrides }, operator: overrides.id ? { id: 'hd', permissions: admin } : operator });
      expect(asCode).toMatchObject({ eligible: false, reason, contact });
      expect(asReset).toMatchObject({ eligible: false, reason, contact });
      expect(asCode.eligible ? '' : asCode.message).toMatch(/[Tt]emporary access code|code from here/);
    }
    expect(code({ policy: { required: false } })).toMatchObject({ eligible: false, reason: 'mfa_not_enforced' });
  });

  it('keeps people with admin-tool permissions for admins on both tools', () => {
    const peer = { ...target('lee@example.com'), permissions: { companyAdmin: 'none', directory: 'none', helpdesk: true } as const };
    expect(code({ target: peer })).toMatchObject({ eligible: false, reason: 'admin_tool_user', contact: 'company_admin' });
    expect(check({ target: peer, action: 'access_code' })).toMatchObject({ eligible: true });
  });
});
