import { describe, expect, it } from 'vitest';
import { detailLines } from './use-audit-details';

const ZONE = 'America/New_York';

describe('audit details as a person reads them', () => {
  it('names the fields and shows instants in the admin\'s zone, never as epoch milliseconds', () => {
    const lockedUntil = Date.UTC(2026, 2, 2, 15, 15, 10);
    const lines = detailLines({ failedAttempts: 5, lockedUntil, methods: ['totp', 'sms'], hasRecoveryCode: true }, ZONE);
    expect(lines.map((line) => [line.label, line.value])).toEqual([
      ['Wrong codes in a row', '5'],
      ['Locked until', expect.stringMatching(/2026.*10:15.*\(America\/New_York\)$/)],
      ['Methods', 'Authenticator app, Text message (SMS)'],
      ['Recovery code saved', 'Yes'],
    ]);
    expect(JSON.stringify(lines)).not.toContain(String(lockedUntil));
  });

  it('lists identity checks as done or not, with what they recorded', () => {
    const lines = detailLines(
      {
        confirmed: true,
        checks: [
          { id: 'callback', label: 'Called the user back', checked: true },
          { id: 'ticket', label: 'Recorded the helpdesk ticket number', record: 'Ticket number', checked: true, value: 'HD-4711' },
        ],
        removed: { sessionsEnded: 2, lockoutCleared: false },
      },
      ZONE,
    );
    expect(lines[0]).toMatchObject({ label: '"I have verified the user\'s request" ticked', value: 'Yes' });
    expect(lines[1]?.lines.map((line) => [line.label, line.value])).toEqual([
      ['Called the user back', 'Done'],
      ['Recorded the helpdesk ticket number', 'Done — Ticket number: HD-4711'],
    ]);
    expect(lines[2]?.lines.map((line) => [line.label, line.value])).toEqual([
      ['Sessions ended', '2'],
      ['Lockout cleared', 'No'],
    ]);
  });

  it('says how far a demo clock was shifted, and splits unknown field names into words', () => {
    expect(detailLines({ offsetMs: 46 * 86_400_000, someNewField: null }, ZONE).map((line) => [line.label, line.value])).toEqual([
      ['Simulated clock', '46 days ahead of real time'],
      ['Some new field', '—'],
    ]);
    expect(detailLines(null, ZONE)).toEqual([]);
  });

  it('names policy settings as the policy form does', () => {
    expect(detailLines({ smsCodeTtlMinutes: 12, deadlineZone: 'Europe/Paris' }, ZONE).map((line) => line.label)).toEqual([
      'SMS codes stay valid',
      'Time zone the date is read in',
    ]);
    expect(detailLines({ changed: ['smsCodeTtlMinutes', 'deadlineDate'] }, ZONE)).toEqual([
      { label: 'Changed', value: 'SMS codes stay valid, Enforcement deadline', lines: [] },
    ]);
  });
});
