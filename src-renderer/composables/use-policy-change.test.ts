import { describe, expect, it } from 'vitest';
import { changedSettings, describePolicyChange, policySettingWords, saveFailure, type PolicyDraft } from './use-policy-change';
import { fieldName } from './use-policy-labels';

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
  signInRetentionDays: 90,
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

  it('says how long sign-in activity is kept, and that a shorter time removes older attempts', () => {
    expect(describePolicyChange(base, { ...base, signInRetentionDays: 30 })).toEqual(['Sign-in activity will be kept 30 days (was 90). Older attempts are removed when you save.']);
    expect(describePolicyChange(base, { ...base, signInRetentionDays: 180 })).toEqual(['Sign-in activity will be kept 180 days (was 90).']);
    expect(policySettingWords('signInRetentionDays', 1)).toBe('1 day');
    expect(fieldName('signInRetentionDays')).toBe('Keep sign-in activity for');
  });

  it('sends only what changed', () => {
    expect(changedSettings(base, { ...base, staleAfterDays: 60 })).toEqual({ staleAfterDays: 60 });
    expect(describePolicyChange(base, { ...base })).toEqual([]);
  });
});

describe('policy settings in words', () => {
  it('names each setting as the form does, never by its code name', () => {
    expect(fieldName('deadlineDate')).toBe('Enforcement deadline');
    expect(fieldName('smsCodeTtlMinutes')).toBe('SMS codes stay valid');
    expect(fieldName('sessionIdleMinutes')).toBe('End sessions after inactivity');
    expect(fieldName('someFutureSetting')).toBe('Some future setting');
  });

  it('gives values with their units and names', () => {
    expect(policySettingWords('smsCodeTtlMinutes', 12)).toBe('12 minutes');
    expect(policySettingWords('lockoutThreshold', 1)).toBe('1 wrong code');
    expect(policySettingWords('sessionIdleMinutes', null)).toBe('never');
    expect(policySettingWords('sessionIdleMinutes', 30)).toBe('after 30 minutes');
    expect(policySettingWords('staleAfterDays', 90)).toBe('90 days');
    expect(policySettingWords('required', true)).toBe('on');
    expect(policySettingWords('deadlineDate', null)).toBe('no deadline');
    expect(policySettingWords('deadlineDate', '2027-03-14')).toMatch(/14.*2027/);
    expect(policySettingWords('allowedMethods', ['totp', 'sms'])).toBe('Authenticator app, Text message (SMS)');
    expect(policySettingWords('resetChecklist', [{ id: 'a', label: 'Called back' }])).toBe('Called back');
    expect(policySettingWords('resetChecklist', [])).toBe('none');
  });

  it('says why a save failed with the setting\'s name, not the field code', () => {
    const refused = saveFailure({
      code: 'bad_request',
      message: 'The request was not valid. Check the highlighted fields and try again. (deadlineZone: Use a time zone from the IANA list.)',
      fields: { deadlineZone: 'Use a time zone from the IANA list.' },
    });
    expect(refused).toBe('The MFA policy was not saved. Time zone the date is read in: Use a time zone from the IANA list.');
    expect(refused).not.toContain('deadlineZone');
    expect(saveFailure({ code: 'conflict', message: 'Someone else saved the policy. Reload it.' })).toBe('The MFA policy was not saved. Someone else saved the policy. Reload it.');
  });
});
