/**
 * R-POL-4 timeline: a zone's local days around the enforcement instant, each from its first instant (midnight, or the
 * moment of the jump when midnight is skipped, the first midnight when it is repeated) to the next day's. Computed
 * with the tz database in main, so the Policy screen draws its bands without any time-zone arithmetic of its own.
 */
import { DateTime } from 'luxon';
import { enforcementInstant } from './enforcement-instant';

/** One local day of a zone on the timeline: from its first instant to the next day's. */
export interface TzPreviewDay {
  /** `YYYY-MM-DD` */
  readonly date: string;
  /** `Sat 7 Mar`, as the timeline labels it. */
  readonly label: string;
  /** Epoch ms of the day's first instant. */
  readonly startMs: number;
  /** Epoch ms of the next day's first instant. */
  readonly endMs: number;
}

/** The timeline shows this long before and after the enforcement instant. */
export const PREVIEW_TIMELINE_HALF_SPAN_MS = 30 * 3_600_000;

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The local days of `zone` that overlap [from, to), in order. */
export function localDays(zone: string, from: number, to: number): TzPreviewDay[] {
  const days: TzPreviewDay[] = [];
  let date = DateTime.fromMillis(from, { zone }).toISODate() ?? '';
  let start = enforcementInstant(date, zone);
  while (start.ok && start.at < to && days.length < 8) {
    const calendar = DateTime.fromISO(date, { zone: 'UTC' });
    const nextDate = calendar.plus({ days: 1 }).toISODate() ?? '';
    const next = enforcementInstant(nextDate, zone);
    if (!next.ok) break;
    if (next.at > from) {
      days.push({ date, label: `${WEEKDAYS[calendar.weekday - 1]} ${calendar.day} ${MONTHS[calendar.month - 1]}`, startMs: start.at, endMs: next.at });
    }
    date = nextDate;
    start = next;
  }
  return days;
}
