/**
 * Daylight-saving facts of a zone around an instant, read from the tz database through Luxon: whether DST is in
 * effect, and the nearest clock change within a window (used by the time-zone preview, R-POL-4).
 */
import { DateTime, FixedOffsetZone } from 'luxon';
import { formatUtcOffset, zoneOffsetMinutes } from './time-zone';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** A clock change in a zone. */
export interface DstChange {
  /** Epoch ms of the change. */
  readonly at: number;
  readonly offsetBefore: string;
  readonly offsetAfter: string;
  /** Clocks go `forward` (offset grows) or `back`. */
  readonly direction: 'forward' | 'back';
  /** Local wall time just before the change, such as `02:00`. */
  readonly localTimeBefore: string;
}

/** Standard (lowest) offset of a zone per year; a year's rules do not change while the process runs. */
const standardOffsetCache = new Map<string, number>();

function standardOffset(zone: string, year: number): number {
  const key = `${zone}|${year}`;
  let offset = standardOffsetCache.get(key);
  if (offset === undefined) {
    offset = Math.min(zoneOffsetMinutes(zone, Date.UTC(year, 0, 1)), zoneOffsetMinutes(zone, Date.UTC(year, 6, 1)));
    standardOffsetCache.set(key, offset);
  }
  return offset;
}

/**
 * True when the zone's offset at `at` is above its lowest offset of that year (summer time, in either
 * hemisphere). `year` is the local year at `at` and `offsetMinutes` the offset then (callers usually have both).
 */
export function isInDst(zone: string, year: number, offsetMinutes: number): boolean {
  return offsetMinutes > standardOffset(zone, year);
}

/** The first minute at which the offset differs from `before`, between `lo` (offset `before`) and `hi`. */
function findChange(zone: string, lo: number, hi: number, before: number): number {
  let low = lo;
  let high = hi;
  while (high - low > MINUTE_MS) {
    const mid = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
    if (zoneOffsetMinutes(zone, mid) === before) low = mid;
    else high = mid;
  }
  return high;
}

/**
 * The clock change within one day before or after `instant` (the earlier one if there were two), or null.
 * `offsetMinutes` is the zone's offset at `instant`.
 */
export function dstChangeNear(zone: string, instant: number, offsetMinutes: number): DstChange | null {
  const offsetDayBefore = zoneOffsetMinutes(zone, instant - DAY_MS);
  let before: number;
  let at: number;
  if (offsetDayBefore !== offsetMinutes) {
    before = offsetDayBefore;
    at = findChange(zone, instant - DAY_MS, instant, offsetDayBefore);
  } else if (zoneOffsetMinutes(zone, instant + DAY_MS) !== offsetMinutes) {
    before = offsetMinutes;
    at = findChange(zone, instant, instant + DAY_MS, offsetMinutes);
  } else {
    return null;
  }
  const after = zoneOffsetMinutes(zone, at);
  return {
    at,
    offsetBefore: formatUtcOffset(before),
    offsetAfter: formatUtcOffset(after),
    direction: after > before ? 'forward' : 'back',
    localTimeBefore: DateTime.fromMillis(at, { zone: FixedOffsetZone.instance(before) }).toFormat('HH:mm'),
  };
}
