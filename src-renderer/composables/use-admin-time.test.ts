import { describe, expect, it } from 'vitest';
import { UNTIL_ADMIN_UNLOCKS } from '../../shared/domain/lockout';
import { formatDateTime, formatLockEnd } from './use-admin-time';
import { calendarDateIn, endOfLocalDay, startOfLocalDay } from './use-calendar-dates';

describe('admin time helpers', () => {
  it('turns a local date range into instants, DST included', () => {
    expect(startOfLocalDay('2026-03-08', 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 5));
    expect(endOfLocalDay('2026-03-08', 'America/New_York')).toBe(Date.UTC(2026, 2, 9, 4));
    expect(startOfLocalDay('2026-02-30', 'UTC')).toBeNull();
  });

  it('reads the calendar date in a zone, across the date line', () => {
    const instant = Date.UTC(2026, 6, 16, 20);
    expect(calendarDateIn(instant, 'Pacific/Kiritimati')).toBe('2026-07-17');
    expect(calendarDateIn(instant, 'America/New_York')).toBe('2026-07-16');
  });

  it('says "never" for a missing instant', () => {
    expect(formatDateTime(null, 'UTC')).toBe('never');
  });

  it('words a lock only an admin can lift instead of showing the year 9999', () => {
    expect(formatLockEnd(UNTIL_ADMIN_UNLOCKS, 'UTC')).toBe('until an admin unlocks it');
    expect(formatLockEnd(Date.UTC(2026, 5, 8, 14, 5), 'UTC')).toMatch(/^until .*2026/);
  });
});
