/**
 * A part of a whole as a percentage a person reads (dashboards, progress): rounded to whole percent, except that a
 * share that is not nothing never reads "0 %" and one that is not everything never reads "100 %" (3 users of 1,029
 * read "<1 %", not "0 %"; 1,027 of 1,029 read ">99 %").
 */

/** `part` of `whole` as "42 %", "<1 %", ">99 %", "0 %" or "100 %"; "0 %" when the whole is empty. */
export function formatShare(part: number, whole: number): string {
  if (!(whole > 0) || !(part > 0)) return '0 %';
  if (part >= whole) return '100 %';
  const percent = (part / whole) * 100;
  if (percent < 1) return '<1 %';
  if (percent > 99) return '>99 %';
  return `${Math.round(percent)} %`;
}
