/**
 * Dates and times as the admin reads them: in this computer's time zone, with the zone named, so an instant is never
 * shown without saying where its clock is.
 */
import { DateTime } from 'luxon';
import { enforcementInstant } from '../../shared/domain/enforcement-instant';

/** The admin's IANA time zone (this computer's). */
export function adminTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** "Mon 8 Jun 2026, 14:05" in `zone` (the admin's by default); "never" for null. */
export function formatDateTime(ms: number | null, zone: string = adminTimeZone()): string {
  if (ms === null) return 'never';
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: zone }).format(ms);
}

/** "Mon 8 Jun 2026" in `zone`. */
export function formatDate(ms: number | null, zone: string = adminTimeZone()): string {
  if (ms === null) return 'never';
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: zone }).format(ms);
}

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

/** Every IANA zone this platform knows, for pickers. */
export function knownTimeZones(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  return supported ? supported('timeZone') : [adminTimeZone()];
}
