/** A countdown to an instant (R-RPT-1): pure arithmetic, no dependencies, so the dashboard's first load stays small. */

/** Time left until an instant, split for display ("12 days 3 h 4 min 5 s"). */
export interface Countdown {
  /** True once the instant has come (all parts are then 0). */
  readonly passed: boolean;
  readonly totalMs: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

/** The countdown from `now` to `target` (epoch ms), in whole units rounded down. */
export function countdown(target: number, now: number): Countdown {
  const totalMs = Math.max(0, target - now);
  const totalSeconds = Math.floor(totalMs / 1000);
  return {
    passed: target <= now,
    totalMs,
    days: Math.floor(totalSeconds / 86_400),
    hours: Math.floor((totalSeconds % 86_400) / 3600),
    minutes: Math.floor((totalSeconds % 3600) / 60),
    seconds: totalSeconds % 60,
  };
}
