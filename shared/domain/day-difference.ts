/** R-POL-4: how a zone's local date compares with the deadline date, in words (the preview's "Local start" column). */

/** '' for the same day, else "1 day later", "2 days earlier" (a -11 zone sees a +14 zone's midnight two days earlier). */
export function describeDayDifference(difference: number): string {
  if (difference === 0) return '';
  const days = Math.abs(difference);
  return `${days} ${days === 1 ? 'day' : 'days'} ${difference > 0 ? 'later' : 'earlier'}`;
}
