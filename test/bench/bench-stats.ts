/** Timing helpers of `npm run bench`: run a step several times, keep the median, print one line per figure. */
import { performance } from 'node:perf_hooks';

/** The value at quantile `q` (0..1) of the numbers, by nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** The median of the numbers. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Milliseconds `fn` takes, once. */
export async function timeOnce(fn: () => Promise<unknown> | unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Runs `fn` `runs` times (each with its run number) and returns every duration in milliseconds. */
export async function timeRuns(runs: number, fn: (run: number) => Promise<unknown> | unknown): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) times.push(await timeOnce(() => fn(run)));
  return times;
}

/** Formats a number of milliseconds (or other unit) for a bench line. */
export function fmt(value: number, digits = value < 10 ? 2 : value < 100 ? 1 : 0): string {
  return value.toFixed(digits);
}

/** One figure: `name: value unit`, with the baseline measured in the same run when there is one, and the goal. */
export function report(name: string, value: number, unit: string, extra: { baseline?: [string, number]; goal?: number } = {}): string {
  const parts = [`${name}: ${fmt(value)} ${unit}`];
  if (extra.baseline) parts.push(`baseline (${extra.baseline[0]}): ${fmt(extra.baseline[1])} ${unit}`);
  if (extra.goal !== undefined) parts.push(`goal < ${extra.goal} ${unit} ${value < extra.goal ? 'met' : 'NOT met'}`);
  return parts.join(' · ');
}
