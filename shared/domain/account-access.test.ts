import { describe, expect, it } from 'vitest';
import { INVITATION_VALID_DAYS, accountAccess, invitationExpiresAt, isInvitable, linkState, needsInvitation } from './account-access';

const base = { sso: false, passwordSetAt: null, invitedAt: null, invitationExpiresAt: null };
const NOW = 1_800_000_000_000;

describe('accountAccess', () => {
  it('names every state from the facts', () => {
    expect(accountAccess(base, NOW)).toBe('never_invited');
    expect(accountAccess({ ...base, invitedAt: NOW - 1, invitationExpiresAt: NOW + 1 }, NOW)).toBe('invited');
    expect(accountAccess({ ...base, invitedAt: NOW - 2, invitationExpiresAt: NOW }, NOW)).toBe('invitation_expired');
    expect(accountAccess({ ...base, invitedAt: NOW - 2, invitationExpiresAt: null }, NOW)).toBe('invitation_revoked');
    expect(accountAccess({ ...base, passwordSetAt: NOW - 5, invitedAt: NOW - 9 }, NOW)).toBe('active');
    expect(accountAccess({ ...base, sso: true }, NOW)).toBe('sso');
  });

  it('says who still needs an invitation', () => {
    expect(needsInvitation('never_invited')).toBe(true);
    expect(needsInvitation('invitation_expired')).toBe(true);
    expect(needsInvitation('invited')).toBe(false);
    expect(needsInvitation('active')).toBe(false);
    expect(needsInvitation('sso')).toBe(false);
  });

  it('invites active users only', () => {
    expect(isInvitable({ status: 'active' })).toBe(true);
    expect(isInvitable({ status: 'inactive' })).toBe(false);
  });
});

describe('invitation links', () => {
  it('last 7 days by default', () => {
    expect(invitationExpiresAt(NOW)).toBe(NOW + INVITATION_VALID_DAYS.default * 86_400_000);
  });

  it('are used, revoked, expired or valid', () => {
    expect(linkState({ usedAt: null, revokedAt: null, expiresAt: NOW + 1 }, NOW)).toBe('valid');
    expect(linkState({ usedAt: null, revokedAt: null, expiresAt: NOW }, NOW)).toBe('expired');
    expect(linkState({ usedAt: NOW - 1, revokedAt: null, expiresAt: NOW - 5 }, NOW)).toBe('used');
    expect(linkState({ usedAt: null, revokedAt: NOW - 1, expiresAt: NOW + 5 }, NOW)).toBe('revoked');
  });
});
