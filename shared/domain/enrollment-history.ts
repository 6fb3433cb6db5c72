/**
 * R-RPT-1 "enrollment over time": how many users had MFA set up at the end of each day, from the audit log. The
 * series is anchored on the count now and walked back through the log (an enrollment before a day's end adds one to
 * that day; a reset or removal of someone's methods takes one away), so people enrolled before the log began (an
 * upgraded or seeded database) are counted from the first day, and the last day always agrees with the directory.
 * Days are calendar days in one time zone (the admin's), each from its first instant, DST included.
 */
import { DateTime } from 'luxon';
import { enforcementInstant } from './enforcement-instant';

/** A change of the number of enrolled users at company time `at`: +1 enrolled, -1 methods removed. */
export interface EnrollmentEvent {
  readonly at: number;
  readonly delta: 1 | -1;
}

/** One day of the chart: the number enrolled at its end (now, for today), or null for a day still to come. */
export interface EnrollmentDay {
  readonly date: string;
  readonly enrolled: number | null;
}

/** The calendar date (`YYYY-MM-DD`) of instant `ms` in `zone`. */
export function localDateOf(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISODate() ?? '';
}

/** `date` moved by `days` calendar days (no time zone involved). */
export function addCalendarDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() ?? date;
}

/** The first instant of each date from `first` to `last` in `zone`, plus that of the day after `last`. */
function dayStarts(first: string, last: string, zone: string): { dates: string[]; starts: number[] } {
  const dates: string[] = [];
  const starts: number[] = [];
  for (let date = first; date <= last; date = addCalendarDays(date, 1)) {
    const start = enforcementInstant(date, zone);
    if (!start.ok) throw new Error(start.message);
    dates.push(date);
    starts.push(start.at);
  }
  const after = enforcementInstant(addCalendarDays(last, 1), zone);
  if (!after.ok) throw new Error(after.message);
  starts.push(after.at);
  return { dates, starts };
}

/**
 * The series from `first` to `last` (dates in `zone`): past days and today get the count at their end (today's is
 * `enrolledNow`), days after today null. `events` may come in any order; those after `now` are taken as already
 * counted in `enrolledNow`.
 */
export function enrollmentSeries(input: {
  readonly events: readonly EnrollmentEvent[];
  readonly enrolledNow: number;
  readonly now: number;
  readonly zone: string;
  readonly first: string;
  readonly last: string;
}): EnrollmentDay[] {
  const { dates, starts } = dayStarts(input.first, input.last, input.zone);
  // Each day counts what happened before its end (now, for today). `ends` never decreases, so an event is found a
  // place by binary search, and below[i] (the deltas of events before day i's end) is a running sum: no sorting.
  const ends = dates.map((_, index) => Math.min(starts[index + 1] ?? input.now, input.now));
  const firstEndAfter = new Float64Array(dates.length + 1);
  let total = 0;
  for (const event of input.events) {
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((ends[mid] ?? 0) > event.at) hi = mid;
      else lo = mid + 1;
    }
    firstEndAfter[lo] = (firstEndAfter[lo] ?? 0) + event.delta;
    total += event.delta;
  }
  let below = 0;
  return dates.map((date, index) => {
    below += firstEndAfter[index] ?? 0;
    if ((starts[index] ?? 0) > input.now) return { date, enrolled: null };
    return { date, enrolled: Math.max(0, input.enrolledNow - (total - below)) };
  });
}
