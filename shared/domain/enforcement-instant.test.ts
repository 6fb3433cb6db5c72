import { Settings } from 'luxon';
import { afterEach, describe, it, expect } from 'vitest';
import { enforcementInstant, policyEnforcementAt } from './enforcement-instant';

function at(date: string, zone: string): string {
  const result = enforcementInstant(date, zone);
  if (!result.ok) throw new Error(result.message);
  return new Date(result.at).toISOString();
}

describe('enforcement instant (R-POL-2)', () => {
  it('is midnight of the deadline date in the admin zone (the guide: Friday, New York)', () => {
    // Friday 5 June 2026, New York on EDT (UTC-4).
    expect(at('2026-06-05', 'America/New_York')).toBe('2026-06-05T04:00:00.000Z');
    expect(at('2026-01-09', 'America/New_York')).toBe('2026-01-09T05:00:00.000Z');
  });

  it('uses the offset in force at that midnight on DST change days', () => {
    // DST starts 2026-03-08 at 02:00 and ends 2026-11-01 at 02:00: midnight is still EST / EDT.
    expect(at('2026-03-08', 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
    expect(at('2026-11-01', 'America/New_York')).toBe('2026-11-01T04:00:00.000Z');
  });

  it('handles 45-minute, half-hour and +14 zones', () => {
    expect(at('2026-03-08', 'Asia/Kathmandu')).toBe('2026-03-07T18:15:00.000Z');
    expect(at('2026-07-01', 'Australia/Lord_Howe')).toBe('2026-06-30T13:30:00.000Z');
    expect(at('2026-01-01', 'Australia/Lord_Howe')).toBe('2025-12-31T13:00:00.000Z');
    expect(at('2026-03-08', 'Pacific/Kiritimati')).toBe('2026-03-07T10:00:00.000Z');
  });

  it('starts at the first instant of the day when midnight does not exist', () => {
    // Santiago: clocks jump from 00:00 (-04) to 01:00 (-03) on 2026-09-06.
    const santiago = enforcementInstant('2026-09-06', 'America/Santiago');
    expect(santiago).toEqual({ ok: true, at: Date.UTC(2026, 8, 6, 4), midnightSkipped: true, midnightRepeated: false, localTime: '01:00' });
    // Havana: 00:00 (-05) jumps to 01:00 (-04) on 2026-03-08.
    expect(enforcementInstant('2026-03-08', 'America/Havana')).toMatchObject({
      at: Date.UTC(2026, 2, 8, 5),
      midnightSkipped: true,
    });
    expect(enforcementInstant('2026-03-08', 'America/New_York')).toMatchObject({ midnightSkipped: false, localTime: '00:00' });
  });

  describe('when midnight happens twice', () => {
    const realNow = Settings.now;
    afterEach(() => {
      Settings.now = realNow;
    });

    it('starts at the first midnight whatever day the question is asked', () => {
      // Havana: clocks go back from 01:00 (-04) to 00:00 (-05) on 2026-11-01; the first midnight is 04:00 UTC.
      // Azores: clocks go back from 01:00 (+00) to 00:00 (-01) on 2026-10-25; the first midnight is 00:00 UTC.
      for (const asked of [Date.UTC(2026, 3, 15), Date.UTC(2026, 6, 1), Date.UTC(2026, 10, 15), Date.UTC(2027, 0, 15)]) {
        Settings.now = () => asked;
        const when = new Date(asked).toISOString();
        expect(enforcementInstant('2026-11-01', 'America/Havana'), when).toEqual({
          ok: true,
          at: Date.UTC(2026, 10, 1, 4),
          midnightSkipped: false,
          midnightRepeated: true,
          localTime: '00:00',
        });
        expect(enforcementInstant('2026-10-25', 'Atlantic/Azores'), when).toMatchObject({ at: Date.UTC(2026, 9, 25, 0), midnightRepeated: true });
        expect(enforcementInstant('2026-10-24', 'Atlantic/Azores'), when).toMatchObject({ midnightRepeated: false });
        expect(enforcementInstant('2026-11-01', 'America/New_York'), when).toMatchObject({ at: Date.UTC(2026, 10, 1, 4), midnightRepeated: false });
      }
    });
  });

  it('moves to the next day when the whole day never happened (Samoa, 30 Dec 2011)', () => {
    expect(enforcementInstant('2011-12-30', 'Pacific/Apia')).toEqual({
      ok: true,
      at: Date.UTC(2011, 11, 30, 10),
      midnightSkipped: true,
      midnightRepeated: false,
      localTime: '00:00',
    });
  });

  it('refuses impossible dates and unknown zones in plain words', () => {
    expect(enforcementInstant('2026-02-29', 'UTC')).toMatchObject({ ok: false, reason: 'invalid_date' });
    expect(enforcementInstant('2026-06-05', 'Nowhere/City')).toMatchObject({ ok: false, reason: 'invalid_zone' });
  });
});

describe('policy enforcement instant', () => {
  it('is null without a deadline', () => {
    expect(policyEnforcementAt({ deadlineDate: null, deadlineZone: 'UTC' })).toBeNull();
    expect(policyEnforcementAt({ deadlineDate: '2026-06-05', deadlineZone: 'UTC' })).toBe(Date.UTC(2026, 5, 5));
  });

  it('fails loudly on a policy that was stored without validation', () => {
    expect(() => policyEnforcementAt({ deadlineDate: '2026-06-05', deadlineZone: 'Bad/Zone' })).toThrow(/invalid/);
  });
});
