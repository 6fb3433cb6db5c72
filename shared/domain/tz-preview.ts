/**
 * R-POL-4 time-zone preview: for a deadline date and zone, the exact instant enforcement begins and, for every
 * zone in the directory (plus zones the admin adds), the local date and time it begins there, with the number of
 * active users and a note when DST is involved. Offsets come from the tz database through Luxon. Zones are named by
 * their canonical IANA name (an alias such as Asia/Calcutta is counted and shown as Asia/Kolkata). Each row also
 * carries its local days around the instant, so the timeline is drawn from the same computation as the table.
 */
import { DateTime } from 'luxon';
export { describeDayDifference } from './day-difference';
import { dstChangeNear, isInDst } from './dst';
import type { DstChange } from './dst';
import { enforcementInstant } from './enforcement-instant';
import { PREVIEW_TIMELINE_HALF_SPAN_MS, localDays, type TzPreviewDay } from './local-days';
import { canonicalTimeZone, formatUtcOffset } from './time-zone';

export { PREVIEW_TIMELINE_HALF_SPAN_MS, type TzPreviewDay } from './local-days';

/** One zone of the preview. */
export interface TzPreviewRow {
  readonly zone: string;
  /** `YYYY-MM-DD` */
  readonly localDate: string;
  /** `HH:mm`, 24-hour. */
  readonly localTime: string;
  /** English weekday name, such as `Sunday`. */
  readonly weekday: string;
  /** `+05:45`, `-03:30` */
  readonly utcOffset: string;
  readonly offsetMinutes: number;
  /** Local date minus the deadline date, in days: from -2 (a -11 zone for a +14 deadline zone) to +2. */
  readonly dayDifference: number;
  readonly activeUsers: number;
  readonly isDeadlineZone: boolean;
  readonly addedByAdmin: boolean;
  readonly inDst: boolean;
  /** A DST change within one day either side of the instant, or null. */
  readonly dstChange: DstChange | null;
  /** Plain-words DST notes for this row (empty when DST plays no part). */
  readonly notes: readonly string[];
  /** The zone's local days that overlap the timeline's window, in order. */
  readonly days: readonly TzPreviewDay[];
}

/** A zone name from the directory that the tz database does not know. */
export interface UnknownZone {
  readonly zone: string;
  readonly activeUsers: number;
}

/** The preview, or why it cannot be computed. */
export type TzPreview =
  | {
      readonly ok: true;
      readonly date: string;
      readonly zone: string;
      /** Epoch ms and ISO UTC (`2026-03-08T05:00:00.000Z`) of the enforcement instant. */
      readonly instantMs: number;
      readonly instant: string;
      readonly midnightSkipped: boolean;
      readonly midnightRepeated: boolean;
      /** The window the timeline draws (epoch ms): the instant plus and minus `PREVIEW_TIMELINE_HALF_SPAN_MS`. */
      readonly timeline: { readonly startMs: number; readonly endMs: number };
      /** Note about the deadline zone itself (its midnight is skipped or happens twice), or null. */
      readonly deadlineNote: string | null;
      /** Sorted by local wall time, earliest first; ties by zone name. */
      readonly rows: readonly TzPreviewRow[];
      readonly unknownZones: readonly UnknownZone[];
    }
  | { readonly ok: false; readonly reason: 'invalid_date' | 'invalid_zone'; readonly message: string };

/** What the preview is computed from. `activeUsersByZone`: zone → number of active users in it. */
export interface TzPreviewInput {
  readonly date: string;
  readonly zone: string;
  readonly activeUsersByZone: ReadonlyMap<string, number> | Readonly<Record<string, number>>;
  readonly extraZones?: readonly string[];
}

const DAY_MS = 86_400_000;
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** Epoch-day number of a calendar date, to compare dates (no time of day, no offsets involved). */
function dayNumber(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

function dstNotes(inDst: boolean, change: DstChange | null, instant: number): string[] {
  const notes: string[] = [];
  if (inDst) notes.push('Daylight saving time is in effect at that moment.');
  if (change) {
    const when =
      change.at === instant
        ? 'at the moment'
        : change.at < instant
          ? 'less than a day before'
          : 'less than a day after';
    const verb = change.direction === 'forward' ? 'go forward' : 'go back';
    notes.push(
      `Clocks ${verb} at ${change.localTimeBefore} local time (${change.offsetBefore} to ${change.offsetAfter}), ${when} enforcement begins.`,
    );
  }
  return notes;
}

function previewRow(
  zone: string,
  instant: number,
  input: { dateDay: number; activeUsers: number; isDeadlineZone: boolean; addedByAdmin: boolean },
): TzPreviewRow {
  const local = DateTime.fromMillis(instant, { zone });
  const offsetMinutes = local.offset;
  const localDate = `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}`;
  const inDst = isInDst(zone, local.year, offsetMinutes);
  const dstChange = dstChangeNear(zone, instant, offsetMinutes);
  return {
    zone,
    localDate,
    localTime: `${pad(local.hour)}:${pad(local.minute)}`,
    weekday: WEEKDAYS[local.weekday - 1] ?? '',
    utcOffset: formatUtcOffset(offsetMinutes),
    offsetMinutes,
    dayDifference: dayNumber(local.year, local.month, local.day) - input.dateDay,
    activeUsers: input.activeUsers,
    isDeadlineZone: input.isDeadlineZone,
    addedByAdmin: input.addedByAdmin,
    inDst,
    dstChange,
    notes: dstNotes(inDst, dstChange, instant),
    days: localDays(zone, instant - PREVIEW_TIMELINE_HALF_SPAN_MS, instant + PREVIEW_TIMELINE_HALF_SPAN_MS),
  };
}

/** Counts by canonical zone (aliases merged into their zone); names the platform does not know are kept as given. */
function countsOf(source: TzPreviewInput['activeUsersByZone']): Map<string, number> {
  const entries = source instanceof Map ? [...source.entries()] : Object.entries(source);
  const counts = new Map<string, number>();
  for (const [name, count] of entries) {
    const zone = canonicalTimeZone(name) ?? name;
    counts.set(zone, (counts.get(zone) ?? 0) + count);
  }
  return counts;
}

function deadlineNote(input: { date: string; zone: string }, start: { midnightSkipped: boolean; midnightRepeated: boolean; localTime: string }): string | null {
  if (start.midnightSkipped) {
    return `Midnight does not exist on ${input.date} in ${input.zone} (clocks jump forward), so enforcement begins at ${start.localTime}, the first moment of that day.`;
  }
  if (start.midnightRepeated) {
    return `Midnight occurs twice on ${input.date} in ${input.zone} (clocks go back from 01:00 to 00:00), so enforcement begins at the first midnight.`;
  }
  return null;
}

/** Compute the preview. Fast enough to run on every keystroke: a few hundred zones take a few milliseconds. */
export function timeZonePreview(input: TzPreviewInput): TzPreview {
  const deadlineZone = canonicalTimeZone(input.zone) ?? input.zone;
  const start = enforcementInstant(input.date, deadlineZone);
  if (!start.ok) return start;
  const instant = start.at;
  const counts = countsOf(input.activeUsersByZone);
  const deadline = DateTime.fromISO(input.date, { zone: 'UTC' });
  const dateDay = dayNumber(deadline.year, deadline.month, deadline.day);
  const extra = new Set((input.extraZones ?? []).map((zone) => canonicalTimeZone(zone) ?? zone));
  const zones = new Set<string>([deadlineZone, ...counts.keys(), ...extra]);
  const rows: TzPreviewRow[] = [];
  const unknownZones: UnknownZone[] = [];
  for (const zone of zones) {
    const activeUsers = counts.get(zone) ?? 0;
    if (canonicalTimeZone(zone) === null) {
      unknownZones.push({ zone, activeUsers });
      continue;
    }
    rows.push(
      previewRow(zone, instant, {
        dateDay,
        activeUsers,
        isDeadlineZone: zone === deadlineZone,
        addedByAdmin: extra.has(zone) && !counts.has(zone),
      }),
    );
  }
  rows.sort((a, b) => a.offsetMinutes - b.offsetMinutes || (a.zone < b.zone ? -1 : a.zone > b.zone ? 1 : 0));
  unknownZones.sort((a, b) => (a.zone < b.zone ? -1 : 1));
  return {
    ok: true,
    date: input.date,
    zone: deadlineZone,
    instantMs: instant,
    instant: new Date(instant).toISOString(),
    midnightSkipped: start.midnightSkipped,
    midnightRepeated: start.midnightRepeated,
    timeline: { startMs: instant - PREVIEW_TIMELINE_HALF_SPAN_MS, endMs: instant + PREVIEW_TIMELINE_HALF_SPAN_MS },
    deadlineNote: deadlineNote({ date: input.date, zone: deadlineZone }, start),
    rows,
    unknownZones,
  };
}
