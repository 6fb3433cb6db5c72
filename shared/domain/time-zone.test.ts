import { describe, it, expect } from 'vitest';
import { canonicalTimeZone, canonicalTimeZoneNames, formatUtcOffset, isValidCalendarDate, isValidTimeZone, zoneOffsetMinutes } from './time-zone';

describe('time zones', () => {
  it('knows IANA zones and refuses the rest', () => {
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('Asia/Kathmandu')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone('+05:00 ')).toBe(false);
  });

  it('accepts current names and their aliases, in any case, and gives the current name', () => {
    const pairs = [
      ['Asia/Kathmandu', 'Asia/Kathmandu'],
      ['Asia/Katmandu', 'Asia/Kathmandu'],
      ['Asia/Kolkata', 'Asia/Kolkata'],
      ['Asia/Calcutta', 'Asia/Kolkata'],
      ['Europe/Kyiv', 'Europe/Kyiv'],
      ['Europe/Kiev', 'Europe/Kyiv'],
      ['America/Nuuk', 'America/Nuuk'],
      ['America/Godthab', 'America/Nuuk'],
      ['US/Eastern', 'America/New_York'],
      ['Etc/UTC', 'UTC'],
      ['UTC', 'UTC'],
      [' asia/kolkata ', 'Asia/Kolkata'],
    ];
    for (const [given, canonical] of pairs) expect(canonicalTimeZone(given!), given).toBe(canonical);
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
    expect(canonicalTimeZone('')).toBeNull();
  });

  it('offers pickers the current names, not the platform\'s old ones', () => {
    const names = canonicalTimeZoneNames();
    expect(names).toEqual(expect.arrayContaining(['Asia/Kathmandu', 'Asia/Kolkata', 'Europe/Kyiv', 'America/Nuuk', 'America/New_York']));
    expect(names).not.toContain('Asia/Calcutta');
    expect(names).not.toContain('Europe/Kiev');
    expect(names).toContain('UTC');
    expect(names).not.toContain('Etc/UTC');
    expect(names.length).toBeGreaterThan(300);
  });

  it('reads offsets from the tz database', () => {
    expect(zoneOffsetMinutes('Asia/Kathmandu', Date.UTC(2026, 0, 1))).toBe(345);
    expect(zoneOffsetMinutes('America/New_York', Date.UTC(2026, 0, 1))).toBe(-300);
    expect(zoneOffsetMinutes('America/New_York', Date.UTC(2026, 6, 1))).toBe(-240);
  });

  it('formats offsets with sign, hours and minutes', () => {
    expect(formatUtcOffset(345)).toBe('+05:45');
    expect(formatUtcOffset(-210)).toBe('-03:30');
    expect(formatUtcOffset(0)).toBe('+00:00');
    expect(formatUtcOffset(840)).toBe('+14:00');
  });
});

describe('calendar dates', () => {
  it('accepts real dates only', () => {
    expect(isValidCalendarDate('2028-02-29')).toBe(true);
    expect(isValidCalendarDate('2026-02-29')).toBe(false);
    expect(isValidCalendarDate('2026-13-01')).toBe(false);
    expect(isValidCalendarDate('2026-1-01')).toBe(false);
  });
});
