/**
 * R-AUTH-2: wrong passwords are throttled per account, as well as per address. After a few wrong passwords in a
 * row for one email, each further try must wait, twice as long each time (up to 15 minutes); a right password
 * lifts it. The throttle is kept per typed email whether or not an account has it, so a stranger learns nothing
 * from being throttled, and a try counts before its password is checked, so parallel tries cannot slip through.
 */

/** Wrong passwords in a row that cost nothing. */
export const PASSWORD_FREE_FAILURES = 5;
/** The longest wait between two tries. */
export const PASSWORD_MAX_DELAY_MS = 15 * 60_000;
/** A throttle untouched this long is forgotten (a typo last month should not slow anyone today). */
export const PASSWORD_THROTTLE_MEMORY_MS = 24 * 60 * 60_000;

/** The throttle of one email: wrong passwords in a row, and when the next try may be checked. */
export interface PasswordThrottle {
  readonly failures: number;
  readonly blockedUntil: number;
  readonly lastFailureAt: number;
}

/** The throttle as it stands at `now` (forgotten after a quiet day), or null when there is none. */
export function currentThrottle(state: PasswordThrottle | null, now: number): PasswordThrottle | null {
  if (state === null || now - state.lastFailureAt >= PASSWORD_THROTTLE_MEMORY_MS) return null;
  return state;
}

/** Milliseconds to wait before a password for this email is checked again (0 = check it now). */
export function passwordWaitMs(state: PasswordThrottle | null, now: number): number {
  const current = currentThrottle(state, now);
  return current === null ? 0 : Math.max(0, current.blockedUntil - now);
}

/** The wait that follows the `failures`-th wrong password in a row: none for the first few, then 1 s, 2 s, 4 s… */
export function passwordDelayMs(failures: number): number {
  if (failures < PASSWORD_FREE_FAILURES) return 0;
  return Math.min(PASSWORD_MAX_DELAY_MS, 1000 * 2 ** Math.min(failures - PASSWORD_FREE_FAILURES, 20));
}

/** The throttle after one more try at `now`, counted as wrong until the password proves right. */
export function countPasswordTry(state: PasswordThrottle | null, now: number): PasswordThrottle {
  const failures = (currentThrottle(state, now)?.failures ?? 0) + 1;
  return { failures, blockedUntil: now + passwordDelayMs(failures), lastFailureAt: now };
}

/** What a throttled person is told. */
export function passwordThrottledMessage(waitMs: number): string {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const wait = seconds < 120 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${Math.ceil(seconds / 60)} minutes`;
  return `Too many wrong passwords for this account in a row. Wait ${wait}, then try again; the wait grows with each wrong password.`;
}
