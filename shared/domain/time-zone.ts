/**
 * Time-zone and calendar-date helpers over Luxon and the platform's IANA database.
 * Offsets always come from the tz database through Luxon; nothing here knows DST rules itself.
 * Zone names: the platform's list holds some old names (Asia/Calcutta, Europe/Kiev, America/Godthab) where IANA
 * now has others (Asia/Kolkata, Europe/Kyiv, America/Nuuk). Both are accepted everywhere, and the product shows and
 * stores IANA's current (canonical) name, from the maintained alias table of `countries-and-timezones`.
 */
import { getAllTimezones } from 'countries-and-timezones';
import { DateTime, IANAZone } from 'luxon';

/** True when `zone` names a time zone of the platform's IANA database (for example `America/New_York`). */
export function isValidTimeZone(zone: string): boolean {
  return zone.length > 0 && zone.length <= 64 && IANAZone.isValidZone(zone);
}

/** This computer's IANA time zone (the platform's default), `UTC` when it has none. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Lower-case zone name or alias → IANA's canonical name; built on first use. */
let canonicalByName: Map<string, string> | null = null;

/** IANA's zone for UTC is `Etc/UTC`; people (and the platform) read it as `UTC`, so that is the name shown. */
const UTC_NAMES: Readonly<Record<string, string>> = { 'Etc/UTC': 'UTC' };

function canonicalIndex(): Map<string, string> {
  if (canonicalByName) return canonicalByName;
  const index = new Map<string, string>();
  for (const [name, info] of Object.entries(getAllTimezones({ deprecated: true }))) {
    const canonical = info.aliasOf ?? name;
    index.set(name.toLowerCase(), UTC_NAMES[canonical] ?? canonical);
  }
  canonicalByName = index;
  return index;
}

/**
 * IANA's canonical name of a zone given by its name or an alias, in any letter case (`asia/calcutta` →
 * `Asia/Kolkata`, `US/Eastern` → `America/New_York`); null when the platform cannot compute times in it.
 */
export function canonicalTimeZone(name: string): string | null {
  const zone = name.trim();
  if (!isValidTimeZone(zone)) return null;
  const canonical = canonicalIndex().get(zone.toLowerCase());
  if (canonical !== undefined && isValidTimeZone(canonical)) return canonical;
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}

let canonicalNames: string[] | null = null;

/** Every canonical zone name the platform can compute times in, sorted: what zone pickers offer. */
export function canonicalTimeZoneNames(): readonly string[] {
  if (!canonicalNames) {
    const names = new Set<string>();
    for (const name of Object.keys(getAllTimezones())) {
      const canonical = canonicalTimeZone(name);
      if (canonical !== null) names.add(canonical);
    }
    canonicalNames = [...names].sort();
  }
  return canonicalNames;
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
