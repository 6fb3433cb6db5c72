/**
 * R-DIR-3 stale users: active users with no sign-in for N days (default 90) or who never signed in. Admins mark
 * them inactive before enabling MFA, so enrollment is only asked of people who still use the product.
 */
import type { DomainUser } from './model';

const DAY_MS = 86_400_000;

/** True for an active user whose last sign-in is at least `staleAfterDays` days before `now`, or who never signed in. */
export function isStale(
  user: Pick<DomainUser, 'status' | 'lastSignInAt'>,
  now: number,
  staleAfterDays: number,
): boolean {
  if (user.status !== 'active') return false;
  return user.lastSignInAt === null || now - user.lastSignInAt >= staleAfterDays * DAY_MS;
}

/** The stale users of a list, in list order. */
export function staleUsers<U extends Pick<DomainUser, 'status' | 'lastSignInAt'>>(
  users: Iterable<U>,
  now: number,
  staleAfterDays: number,
): U[] {
  const stale: U[] = [];
  for (const user of users) if (isStale(user, now, staleAfterDays)) stale.push(user);
  return stale;
}

/** Users whose last sign-in is at or before this instant (or who never signed in) are stale: handy for a query. */
export function staleCutoff(now: number, staleAfterDays: number): number {
  return now - staleAfterDays * DAY_MS;
}
