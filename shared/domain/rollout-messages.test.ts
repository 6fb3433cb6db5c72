import { describe, expect, it } from 'vitest';
import { DEFAULT_ROLLOUT_WORDING } from './rollout-defaults';
import { buildRolloutBatch, deadlineWords, enforcementMoments, type RolloutReader } from './rollout-messages';
import { checkRolloutTemplate, type RolloutMessageKind } from './rollout-template';

const company = { name: 'Northwind Builders', ssoDomains: ['sso.example'] };
const policy = { deadlineDate: '2027-01-15', deadlineZone: 'America/New_York', allowedMethods: ['totp', 'sms'] as ('totp' | 'sms')[], smsCodeTtlMinutes: 10 };
const reader = (email: string, timeZone: string, extra: Partial<RolloutReader> = {}): RolloutReader => ({
  id: email,
  email,
  name: email.split('@')[0] ?? email,
  status: 'active',
  country: 'US',
  timeZone,
  accountType: 'standard',
  methods: [],
  ...extra,
});
const readers = [
  reader('ny@x.example', 'America/New_York'),
  reader('tokyo@x.example', 'Asia/Tokyo', { country: 'JP' }),
  reader('kolkata@x.example', 'Asia/Calcutta', { country: 'IN' }),
  reader('done@x.example', 'Asia/Tokyo', { country: 'JP', methods: ['totp'] }),
  reader('payor@x.example', 'America/Chicago', { accountType: 'payments_payor' }),
  reader('gone@x.example', 'Europe/Paris', { status: 'inactive' }),
  reader('idp@sso.example', 'Europe/London'),
];

function batch(kind: RolloutMessageKind) {
  const template = checkRolloutTemplate(DEFAULT_ROLLOUT_WORDING[kind]);
  if (!template.ok) throw new Error(template.message);
  const result = buildRolloutBatch({ kind, template, readers, company, policy, now: Date.parse('2026-12-01T12:00:00Z') });
  if (!result) throw new Error('no batch');
  return result;
}

describe('rollout messages in each reader’s own time (R-RPT-2)', () => {
  it('names the enforcement moment in each reader’s zone, as the time-zone preview computes it', () => {
    const moments = enforcementMoments(policy, ['Asia/Tokyo', 'Asia/Calcutta', 'Pacific/Kiritimati', 'America/Los_Angeles']);
    expect(moments?.at).toBe(Date.parse('2027-01-15T05:00:00Z'));
    expect(moments?.byZone.get('Asia/Tokyo')?.words).toBe('Friday 15 January 2027, 14:00 your time');
    expect(moments?.byZone.get('Asia/Calcutta')?.words).toBe('Friday 15 January 2027, 10:30 your time');
    expect(moments?.byZone.get('America/Los_Angeles')?.words).toBe('Thursday 14 January 2027, 21:00 your time');
    expect(deadlineWords(policy)).toBe('Friday 15 January 2027, 00:00 in America/New_York');
  });

  it('sends the announcement to active non-SSO users, grouped by zone and by what they may set up', () => {
    const announcement = batch('announcement');
    expect(announcement.recipients).toBe(5);
    expect(announcement.left).toEqual({ inactive: 1, sso: 1, enrolled: 0, unknownZone: 0 });
    expect(announcement.groups.map((g) => `${g.moment.zone} ${g.accountType} ${g.readers.length}`)).toEqual([
      'America/Chicago payments_payor 1',
      'America/New_York standard 1',
      'Asia/Kolkata standard 1',
      'Asia/Tokyo standard 2',
    ]);
    const tokyo = announcement.groups.at(-1);
    expect(tokyo?.subject).toBe('Northwind Builders will require two-factor authentication from Friday 15 January 2027');
    expect(tokyo?.body).toContain('From Friday 15 January 2027, 14:00 your time, you will need your phone');
    expect(tokyo?.body).toContain('You can use an authenticator app (text messages are not offered to you).');
    expect(tokyo?.body).toContain('Contact your company admin.');
    expect(tokyo?.body).toMatch(/^1\. Sign in as usual/m);
    expect(tokyo?.body).not.toContain('SMS Verification');
  });

  it('tells payments users and SMS countries their own steps and contact', () => {
    const announcement = batch('announcement');
    const payor = announcement.groups[0];
    expect(payor?.body).toContain('payments accounts always need two-factor authentication');
    expect(payor?.body).toContain('Contact Payments support.');
    expect(payor?.body).not.toContain('Remind Me Later');
    const ny = announcement.groups[1];
    expect(ny?.moment.words).toBe('Friday 15 January 2027, 00:00 your time');
    expect(ny?.body).toContain('"Authenticator App" (recommended) or "SMS Verification"');
    expect(ny?.body).toContain('it works for 10 minutes');
    expect(ny?.body).toContain('"Remind Me Later"');
  });

  it('reminds only those who will be blocked, on the day N days before enforcement', () => {
    const reminder = batch('reminder_7');
    expect(reminder.left.enrolled).toBe(1);
    expect(reminder.recipients).toBe(4);
    expect(reminder.sendAt).toBe(Date.parse('2027-01-08T05:00:00Z'));
    expect(reminder.groups.find((g) => g.moment.zone === 'Asia/Tokyo')?.body).toContain('(in 7 days)');
  });

  it('answers nothing for a policy without a deadline', () => {
    const template = checkRolloutTemplate(DEFAULT_ROLLOUT_WORDING.announcement);
    if (!template.ok) throw new Error(template.message);
    expect(buildRolloutBatch({ kind: 'announcement', template, readers, company, policy: { ...policy, deadlineDate: null }, now: 0 })).toBeNull();
  });
});
