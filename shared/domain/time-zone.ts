/**
 * Time-zone and calendar-date helpers over Luxon and the platform's IANA database.
 * Offsets always come from the tz database through Luxon; nothing here knows DST rules itself.
 */
import { DateTime, IANAZone } from 'luxon';

/** True when `zone` names a time zone of the platform's IANA database (for example `America/New_York`). */
export function isValidTimeZone(zone: string): boolean {
  return zone.length > 0 && zone.length <= 64 && IANAZone.isValidZone(zone);
}

/** True when `date` is a real calendar date written `YYYY-MM-DD` (so `2026-02-30` is refused). */
export function isValidCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  return DateTime.fromISO(date, { zone: 'UTC' }).isValid;
}

/** The UTC offset of `zone` at the instant `at` (epoch ms), in minutes east of UTC (New York in winter: -300). */
export function zoneOffsetMinutes(zone: string, at: number): number {
  return IANAZone.create(zone).offset(at);
}

/** An offset in minutes as `+05:45`, `-03:30` or `+00:00`. */
export function formatUtcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hours = String(Math.floor(abs / 60)).padStart(2, '0');
  const mins = String(abs % 60).padStart(2, '0');
  return `${sign}${hours}:${mins}`;
}
