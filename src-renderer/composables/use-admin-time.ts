/**
 * Dates and times as the admin reads them: in this computer's time zone, with the zone named, so an instant is never
 * shown without saying where its clock is. Only the platform's Intl here: calendar arithmetic (Luxon) lives in
 * use-calendar-dates.ts, so screens that only format times stay light.
 */
import { isUntilAdminUnlocks } from '../../shared/domain/lockout';

/** The admin's IANA time zone (this computer's). */
export function adminTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** "Mon 8 Jun 2026, 14:05" in `zone` (the admin's by default); "never" for null. */
export function formatDateTime(ms: number | null, zone: string = adminTimeZone()): string {
  if (ms === null) return 'never';
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: zone }).format(ms);
}

/** When an MFA lock ends, after "Locked ": "until Mon 8 Jun 2026, 14:05", or "until an admin unlocks it" (R-AUTH-2). */
export function formatLockEnd(lockedUntil: number | null, zone: string = adminTimeZone()): string {
  return isUntilAdminUnlocks(lockedUntil) ? 'until an admin unlocks it' : `until ${formatDateTime(lockedUntil, zone)}`;
}

/** "14:05:09" (with seconds) in `zone`: when something was last looked at today. */
export function formatTime(ms: number, zone: string = adminTimeZone()): string {
  return new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: zone }).format(ms);
}

/** "Mon 8 Jun 2026" in `zone`. */
export function formatDate(ms: number | null, zone: string = adminTimeZone()): string {
  if (ms === null) return 'never';
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: zone }).format(ms);
}

/** "30 Nov 2026" in `zone`: a date where a grid column has little room. */
export function formatShortDate(ms: number, zone: string = adminTimeZone()): string {
  return new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: zone }).format(ms);
}
