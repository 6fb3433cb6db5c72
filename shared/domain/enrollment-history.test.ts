import { describe, expect, it } from 'vitest';
import { addCalendarDays, enrollmentSeries, localDateOf } from './enrollment-history';

const at = (iso: string) => Date.parse(iso);

describe('enrollment over time (R-RPT-1)', () => {
  it('walks back from the count now: enrollments add, removals take away, at each day’s end in the zone', () => {
    const now = at('2026-03-10T15:00:00Z');
    const events = [
      { at: at('2026-03-07T12:00:00Z'), delta: 1 as const },
      { at: at('2026-03-08T04:30:00Z'), delta: 1 as const }, // 23:30 on the 7th in New York (UTC-5)
      { at: at('2026-03-09T10:00:00Z'), delta: -1 as const },
      { at: at('2026-03-10T14:00:00Z'), delta: 1 as const },
    ];
    const days = enrollmentSeries({ events, enrolledNow: 12, now, zone: 'America/New_York', first: '2026-03-06', last: '2026-03-12' });
    expect(days).toEqual([
      { date: '2026-03-06', enrolled: 10 },
      { date: '2026-03-07', enrolled: 12 },
      { date: '2026-03-08', enrolled: 12 },
      { date: '2026-03-09', enrolled: 11 },
      { date: '2026-03-10', enrolled: 12 },
      { date: '2026-03-11', enrolled: null },
      { date: '2026-03-12', enrolled: null },
    ]);
  });

  it('puts an event in the reader’s day: the same instant is another date in Kathmandu', () => {
    const now = at('2026-03-10T00:00:00Z');
    const events = [{ at: at('2026-03-08T20:00:00Z'), delta: 1 as const }]; // 01:45 on the 9th in Kathmandu
    const ny = enrollmentSeries({ events, enrolledNow: 1, now, zone: 'America/New_York', first: '2026-03-07', last: '2026-03-09' });
    const ktm = enrollmentSeries({ events, enrolledNow: 1, now, zone: 'Asia/Kathmandu', first: '2026-03-07', last: '2026-03-09' });
    expect(ny.map((d) => d.enrolled)).toEqual([0, 1, 1]);
    expect(ktm.map((d) => d.enrolled)).toEqual([0, 0, 1]);
  });

  it('counts a day whose midnight is skipped from its first instant (Santiago, clocks jump at midnight)', () => {
    // 2026-09-06 00:00 does not exist in America/Santiago: the day starts at 01:00 (-03), i.e. 04:00Z.
    const events = [{ at: at('2026-09-06T03:30:00Z'), delta: 1 as const }]; // 23:30 on the 5th, local
    const days = enrollmentSeries({ events, enrolledNow: 5, now: at('2026-09-07T12:00:00Z'), zone: 'America/Santiago', first: '2026-09-05', last: '2026-09-06' });
    expect(days).toEqual([
      { date: '2026-09-05', enrolled: 5 },
      { date: '2026-09-06', enrolled: 5 },
    ]);
  });

  it('never goes below zero when the log holds more removals than it can explain', () => {
    const days = enrollmentSeries({ events: [{ at: 2_000, delta: 1 }], enrolledNow: 0, now: 10_000_000, zone: 'UTC', first: '1970-01-01', last: '1970-01-01' });
    expect(days).toEqual([{ date: '1970-01-01', enrolled: 0 }]);
  });

  it('moves calendar dates without any zone, and names an instant’s date in a zone', () => {
    expect(addCalendarDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(localDateOf(at('2026-03-08T20:00:00Z'), 'Asia/Kathmandu')).toBe('2026-03-09');
  });
});
