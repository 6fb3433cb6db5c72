import { describe, expect, it } from 'vitest';
import { unlockPermissionRefusal, unlockRefusal } from './unlock-eligibility';

const NOW = Date.UTC(2026, 5, 10, 9);
const admin = { permissions: { companyAdmin: 'admin', directory: 'admin', helpdesk: false } } as const;
const helpdesk = { permissions: { companyAdmin: 'none', directory: 'none', helpdesk: true } } as const;
const plain = { companyAdmin: 'none', directory: 'none', helpdesk: false } as const;
const company = { ssoDomains: ['sso.example.com'] };
const locked = { email: 'sam@example.com', accountType: 'standard', failedAttempts: 5, lockedUntil: NOW + 60_000, permissions: plain } as const;

describe('who may unlock a locked-out user (R-AUTH-2)', () => {
  it('lets an admin on both tools, or helpdesk (R-RST-5), unlock a locked standard user', () => {
    expect(unlockRefusal(admin, locked, company, NOW)).toBeNull();
    expect(unlockRefusal(helpdesk, locked, company, NOW)).toBeNull();
  });

  it('keeps people with admin-tool permissions for admins on both tools', () => {
    const lockedAdmin = { ...locked, permissions: { companyAdmin: 'read_only', directory: 'none', helpdesk: false } } as const;
    expect(unlockRefusal(helpdesk, lockedAdmin, company, NOW)).toMatchObject({ reason: 'admin_tool_user', contact: 'company_admin' });
    expect(unlockRefusal(admin, lockedAdmin, company, NOW)).toBeNull();
  });

  it('gives the Directory panel the operator’s part of the decision, in the same words', () => {
    const reader = { permissions: { companyAdmin: 'read_only', directory: 'read_only', helpdesk: false } } as const;
    const lockedAdmin = { ...locked, permissions: { companyAdmin: 'read_only', directory: 'none', helpdesk: false } } as const;
    expect(unlockPermissionRefusal(helpdesk, locked)).toBeNull();
    expect(unlockPermissionRefusal(helpdesk, lockedAdmin)).toEqual(unlockRefusal(helpdesk, lockedAdmin, company, NOW));
    expect(unlockPermissionRefusal(reader, locked)).toEqual(unlockRefusal(reader, locked, company, NOW));
    expect(unlockPermissionRefusal(reader, locked)?.message).toMatch(/^Unlocking a user’s MFA needs the Helpdesk permission, or Admin permission on both/);
  });

  it('refuses each other case with its reason and whom to contact', () => {
    const reader = { permissions: { companyAdmin: 'read_only', directory: 'read_only', helpdesk: false } } as const;
    expect(unlockRefusal(reader, locked, company, NOW)).toMatchObject({ reason: 'operator_lacks_permission', contact: 'company_admin' });
    expect(unlockRefusal(admin, { ...locked, email: 'ida@sso.example.com' }, company, NOW)).toMatchObject({ reason: 'sso_user', contact: 'it_department' });
    expect(unlockRefusal(admin, { ...locked, accountType: 'payments_payee_admin' }, company, NOW)).toMatchObject({ reason: 'payments_user', contact: 'payments_support' });
    expect(unlockRefusal(admin, { ...locked, lockedUntil: NOW }, company, NOW)).toMatchObject({ reason: 'not_locked', contact: null });
  });
});
