/**
 * How long the console waits between tries to reach a service that stopped answering: 1 s, 2 s, 4 s … up to 30 s,
 * each shortened by up to a fifth at random, so consoles that lost the same service do not all knock at once when it
 * comes back.
 */

/** The shape of the waits. */
export interface BackoffPolicy {
  /** The wait before the first try. */
  readonly firstMs: number;
  /** The longest wait. */
  readonly maxMs: number;
  /** The largest share of a wait taken off at random (0 = always the full wait). */
  readonly jitter: number;
}

/** The console's waits: 1 s doubling to 30 s, up to 20 % shorter. */
export const DEFAULT_BACKOFF: BackoffPolicy = { firstMs: 1_000, maxMs: 30_000, jitter: 0.2 };

/** The wait before try number `attempt` (1 for the first try after the service was lost); `random` is in [0, 1). */
export function retryDelay(attempt: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const doublings = Math.min(Math.max(0, attempt - 1), 30);
  const full = Math.min(policy.maxMs, policy.firstMs * 2 ** doublings);
  return Math.round(full * (1 - policy.jitter * random()));
}
