import { describe, expect, it } from 'vitest';
import { changedSettings, describePolicyChange, type PolicyDraft } from './use-policy-change';

const base: PolicyDraft = {
  required: false,
  deadlineDate: null,
  deadlineZone: 'America/New_York',
  allowedMethods: ['totp', 'sms'],
  smsCodeTtlMinutes: 10,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  sessionIdleMinutes: null,
  sessionLifetimeHours: 12,
  resetChecklist: [{ id: 'ticket', label: 'Recorded the ticket number' }],
  staleAfterDays: 90,
};

describe('policy change in words', () => {
  it('states when MFA starts, in the zone, for everyone', () => {
    const after = { ...base, required: true, deadlineDate: '2026-07-17' };
    const [line] = describePolicyChange(base, after);
    expect(line).toMatch(/^MFA will be required from .*2026 at 00:00 in America\/New_York, for users in every time zone\.$/);
    expect(line).toContain('17');
  });

  it('names each other setting that changed, with its old value', () => {
    const after = { ...base, allowedMethods: ['totp' as const], lockoutThreshold: 3, sessionIdleMinutes: 30, sessionLifetimeHours: 8 };
    expect(describePolicyChange(base, after)).toEqual([
      'Only the authenticator app will be allowed: text messages (SMS) are turned off.',
      'After 3 wrong codes in a row, MFA locks for 15 minutes, each lock in a row twice as long as the last (was 5 codes, 15 minutes). After 100 in a row it stays locked until an admin unlocks it.',
      'Sessions will end after 30 minutes without activity.',
      'Users will sign in again after 8 hours, however active they are (was 12 hours). Console sessions end after 12 hours at most.',
    ]);
  });

  it('sends only what changed', () => {
    expect(changedSettings(base, { ...base, staleAfterDays: 60 })).toEqual({ staleAfterDays: 60 });
    expect(describePolicyChange(base, { ...base })).toEqual([]);
  });
});
