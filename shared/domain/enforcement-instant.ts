/**
 * R-POL-2: enforcement begins at 00:00 of the deadline date in the deadline zone, for everyone everywhere: at the
 * first instant of that date there.
 * - When that midnight does not exist (clocks jump forward at midnight, as in Santiago or Havana in spring), it
 *   begins at the moment of the jump, the first instant of that day.
 * - When that midnight happens twice (clocks go back from 01:00 to 00:00, as in Havana on 2026-11-01 or in the
 *   Azores on the last Sunday of October), it begins at the first one.
 * Both answers are the same whatever day the question is asked (Luxon alone would resolve a repeated time with the
 * offset in force today).
 */
import { DateTime } from 'luxon';
import { isValidCalendarDate, isValidTimeZone } from './time-zone';

/** The instant enforcement begins, or why it cannot be computed. */
export type EnforcementInstant =
  | {
      readonly ok: true;
      /** Epoch milliseconds. */
      readonly at: number;
      /** True when 00:00 does not exist on that date in that zone. */
      readonly midnightSkipped: boolean;
      /** True when 00:00 happens twice on that date in that zone (enforcement begins at the first). */
      readonly midnightRepeated: boolean;
      /** Local wall time enforcement begins at in the deadline zone: `00:00`, or e.g. `01:00` when skipped. */
      readonly localTime: string;
    }
  | { readonly ok: false; readonly reason: 'invalid_date' | 'invalid_zone'; readonly message: string };

const SEARCH_WINDOW_MS = 6 * 3_600_000;

function localDate(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISODate() ?? '';
}

/** The first instant whose local date is `date`, searching back from `candidate` (which is on or after it). */
function firstInstantOfDay(candidate: number, date: string, zone: string): number {
  let lo = candidate - SEARCH_WINDOW_MS;
  let hi = candidate;
  if (localDate(lo, zone) >= date) return candidate;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (localDate(mid, zone) >= date) hi = mid;
    else lo = mid;
  }
  return hi - (hi % 1000);
}

/**
 * Answers already computed, by date and zone: the answer depends on nothing else (the tz database does not change
 * while the process runs), and the service asks it on every authenticated request (the enforcement re-check), where
 * Luxon's zone checks cost more than the rest of the request's work. Bounded: a policy has one deadline.
 */
const computed = new Map<string, EnforcementInstant>();
const COMPUTED_LIMIT = 256;

/** The instant enforcement begins for a deadline `date` (`YYYY-MM-DD`) read in the IANA `zone`. */
export function enforcementInstant(date: string, zone: string): EnforcementInstant {
  const key = `${date}\u0000${zone}`;
  const known = computed.get(key);
  if (known) return known;
  const answer = computeEnforcementInstant(date, zone);
  if (computed.size >= COMPUTED_LIMIT) computed.clear();
  computed.set(key, answer);
  return answer;
}

function computeEnforcementInstant(date: string, zone: string): EnforcementInstant {
  if (!isValidCalendarDate(date)) {
    return { ok: false, reason: 'invalid_date', message: 'Pick a real calendar date for the deadline (YYYY-MM-DD).' };
  }
  if (!isValidTimeZone(zone)) {
    return { ok: false, reason: 'invalid_zone', message: 'Pick a time zone from the list, such as America/New_York.' };
  }
  const midnight = DateTime.fromISO(date, { zone });
  const exists = midnight.toISODate() === date && midnight.hour === 0 && midnight.minute === 0;
  if (!exists) {
    const at = firstInstantOfDay(midnight.toMillis(), date, zone);
    return { ok: true, at, midnightSkipped: true, midnightRepeated: false, localTime: DateTime.fromMillis(at, { zone }).toFormat('HH:mm') };
  }
  const occurrences = midnight.getPossibleOffsets().map((candidate) => candidate.toMillis());
  const at = Math.min(midnight.toMillis(), ...occurrences);
  return { ok: true, at, midnightSkipped: false, midnightRepeated: occurrences.length > 1, localTime: '00:00' };
}

/**
 * The enforcement instant of a stored policy, or null when it has no deadline.
 * Throws only for a policy that never passed the policy schema (an invalid date or zone in storage).
 */
export function policyEnforcementAt(policy: { readonly deadlineDate: string | null; readonly deadlineZone: string }): number | null {
  if (policy.deadlineDate === null) return null;
  const result = enforcementInstant(policy.deadlineDate, policy.deadlineZone);
  if (!result.ok) throw new Error(`Stored MFA policy is invalid: ${result.message}`);
  return result.at;
}
