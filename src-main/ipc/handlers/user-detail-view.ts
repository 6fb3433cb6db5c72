/** A user's detail as the Directory panel shows it: the service's detail plus the states the rules derive from it. */
import type { DirectoryUserDetail as ApiUserDetail } from '../../../shared/api/routes/admin-common';
import { accountAccess } from '../../../shared/domain/account-access';
import { mfaContact } from '../../../shared/domain/contacts';
import { enrollmentState } from '../../../shared/domain/enrollment-report';
import { isStale } from '../../../shared/domain/stale';
import { localTimeZone } from '../../../shared/domain/time-zone';
import { lockEndWords } from '../../../shared/domain/triage';
import type { Freshness } from '../../../shared/ipc/channels/app';
import type { DirectoryUserDetail } from '../../../shared/ipc/channels/directory';
import type { ConsoleCache } from '../../console/cache/console-cache';

/** Days without sign-in that make a user stale when the cache has no policy yet (the policy's default). */
export const DEFAULT_STALE_DAYS = 90;

/**
 * Adds enrollment, stale and access states at the cache's company time, and while their MFA is locked, when the lock
 * ends (or who must unlock it) in triage's words. `freshness` says whether the detail is the service's answer just now
 * or the offline copy's (with when it was taken).
 */
export function userDetailView(
  user: ApiUserDetail,
  cache: Pick<ConsoleCache, 'now' | 'policy' | 'company'>,
  freshness: Freshness = { takenAt: Date.now(), fromCopy: false },
): DirectoryUserDetail {
  const now = cache.now();
  return {
    ...user,
    ...freshness,
    enrollment: enrollmentState(user, { ssoDomains: cache.company?.ssoDomains ?? [] }),
    stale: isStale(user, now, cache.policy?.staleAfterDays ?? DEFAULT_STALE_DAYS),
    access: accountAccess(user, now),
    lock: user.locked && user.lockedUntil !== null ? lockEndWords(user.lockedUntil, now, { viewer: localTimeZone(), user: user.timeZone }, mfaContact(user)) : null,
  };
}
