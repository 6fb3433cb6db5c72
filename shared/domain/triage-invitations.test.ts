import { describe, expect, it } from 'vitest';
import type { DomainUser } from './model';
import { SCREEN_ACTIONS, quoted } from './screen-labels';
import { lockedOutTriage } from './triage';

const NOW = Date.UTC(2026, 5, 10, 9);
const DAY = 86_400_000;
const newcomer: DomainUser = {
  id: 'u9', email: 'nia@example.com', name: 'Nia Okoye', status: 'active', country: 'GB', timeZone: 'Europe/London',
  accountType: 'standard', permissions: { companyAdmin: 'none', directory: 'none', helpdesk: false }, lastSignInAt: null, enrolledAt: null,
  methods: [], alwaysRequireMfa: false, failedAttempts: 0, lockedUntil: null,
};
const triage = (access: Parameters<typeof lockedOutTriage>[0]['access'], extra: Partial<DomainUser> = {}) =>
  lockedOutTriage({ user: { ...newcomer, ...extra }, company: { ssoDomains: [] }, policy: { required: true }, now: NOW, access, invitationExpiresAt: NOW + 3 * DAY, viewerZone: 'Europe/London' });

describe('triage of users without a password (the guide’s "Need help logging in?")', () => {
  it('points invited users to their inbox first, then to an admin who can resend', () => {
    const result = triage('invited');
    expect(result).toMatchObject({ helper: 'self_service', headline: 'Check the inbox for the invitation.' });
    expect(result.why).toContain('works for 3 more days');
    expect(result.why).toContain('resend the invitation from the Directory');
    expect(result.tips).toEqual([expect.stringContaining('spam folder')]);
    expect(result.lock).toBeNull();
  });

  it('sends expired, withdrawn and never-invited users to a company admin, even payments users', () => {
    expect(triage('invitation_expired')).toMatchObject({ helper: 'company_admin', headline: 'Contact a company admin to resend the invitation.' });
    expect(triage('invitation_expired').tips[0]).toContain(quoted(SCREEN_ACTIONS.sendNewLink));
    expect(triage('invitation_revoked').why).toContain('withdrew');
    expect(triage('never_invited', { accountType: 'payments_payor' })).toMatchObject({
      helper: 'company_admin',
      headline: 'Contact a company admin to send the invitation.',
    });
  });

  it('leaves users with a password to the usual advice', () => {
    expect(triage('active').headline).toBe('No reset is needed.');
  });
});
