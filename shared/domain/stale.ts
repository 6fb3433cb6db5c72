/**
 * R-DIR-3 stale users: active users with no sign-in for N days (default 90). A user who never signed in counts from
 * the day they were added, so people who were just imported are not stale. Admins mark stale users inactive before
 * enabling MFA, so enrollment is only asked of people who still use the product. The console cache calls these
 * functions; the service's stale query reads the same instant as `coalesce(last_sign_in_at, created_at)`.
 */
import type { DomainUser } from './model';

const DAY_MS = 86_400_000;

/** What the stale rule reads of a user. Times are epoch milliseconds. */
export type StaleFacts = Pick<DomainUser, 'status' | 'lastSignInAt'> & { readonly createdAt: number };

/** The instant a user's inactivity counts from: their last sign-in, or when they were added if they never signed in. */
export function inactiveSince(user: Pick<StaleFacts, 'lastSignInAt' | 'createdAt'>): number {
  return user.lastSignInAt ?? user.createdAt;
}

/** Users inactive since this instant or earlier are stale: `now` minus `staleAfterDays` days. */
export function staleCutoff(now: number, staleAfterDays: number): number {
  return now - staleAfterDays * DAY_MS;
}

/** True for an active user inactive for at least `staleAfterDays` days at `now` (the Nth day counts). */
export function isStale(user: StaleFacts, now: number, staleAfterDays: number): boolean {
  return user.status === 'active' && inactiveSince(user) <= staleCutoff(now, staleAfterDays);
}

/** The stale users of a list, in list order. */
export function staleUsers<U extends StaleFacts>(users: Iterable<U>, now: number, staleAfterDays: number): U[] {
  const stale: U[] = [];
  for (const user of users) if (isStale(user, now, staleAfterDays)) stale.push(user);
  return stale;
}
