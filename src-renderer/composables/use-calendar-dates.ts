/** Calendar-date arithmetic in a time zone for the admin's screens (date pickers, ranges, written-out dates). */
import { DateTime } from 'luxon';
import { enforcementInstant } from '../../shared/domain/enforcement-instant';
import { adminTimeZone } from './use-admin-time';

/** A calendar date `YYYY-MM-DD` written out: "Friday 17 July 2026". */
export function formatCalendarDate(date: string): string {
  const parsed = DateTime.fromISO(date, { zone: 'UTC' });
  if (!parsed.isValid) return date;
  return new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(parsed.toMillis());
}

/** Today's date `YYYY-MM-DD` in `zone` at `now`. */
export function calendarDateIn(now: number, zone: string = adminTimeZone()): string {
  return DateTime.fromMillis(now, { zone }).toISODate() ?? '';
}

/** The first instant of a local calendar date in `zone` (midnight, or the first moment when DST skips it); null when invalid. */
export function startOfLocalDay(date: string, zone: string = adminTimeZone()): number | null {
  const start = enforcementInstant(date, zone);
  return start.ok ? start.at : null;
}

/** The first instant of the day after a local calendar date (the end of a date range, exclusive); null when invalid. */
export function endOfLocalDay(date: string, zone: string = adminTimeZone()): number | null {
  const next = DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: 1 }).toISODate();
  return next ? startOfLocalDay(next, zone) : null;
}
