/**
 * Session expiry, checked on every authenticated request: an unfinished sign-in lasts 30 minutes; a signed-in
 * session ends after its absolute lifetime (R-AUTH-4: the policy's, 12 hours at most for the console), after the
 * company's idle timeout (R-POL-7; none by default), or when MFA became required for a user who never set it up
 * (a session opened before the deadline meets it at the next request). Times are company time (a demo's
 * simulated clock moves them too). Activity is recorded at most once a minute, to spare the database.
 */
import { mfaRequirement } from '../../../shared/domain/enforcement';
import { isEnrolled } from '../../../shared/domain/model';
import { signedInSessionEnd } from '../../../shared/domain/sessions';
import { ApiError } from '../http/api-error';
import { parseFlow, revokeSession, updateSession } from '../repositories/sessions-repo';
import type { UserContext } from '../repositories/user-context';
import type { Store } from '../store/store';
import { isOperator, type SessionRow } from './authenticator';

/** Minutes an unfinished sign-in (set-up, challenge, saving the recovery code) may take. */
export const UNFINISHED_SIGN_IN_MINUTES = 30;
const ACTIVITY_RESOLUTION_MS = 60_000;

/** The authenticator's `touch`: refuses expired sessions and records activity, from the context read with the session. */
export function createSessionTouch(store: Store): (session: SessionRow, uc: UserContext) => Promise<void> {
  return async (session, uc) => {
    if (parseFlow(session.flow).trusted) return;
    const { user, now } = uc;
    if (session.stage !== 'active') {
      if (now - Number(session.created_at) >= UNFINISHED_SIGN_IN_MINUTES * 60_000) {
        await store.write((trx) => revokeSession(trx, session.id, now));
        throw new ApiError('unauthorized', `Signing in took longer than ${UNFINISHED_SIGN_IN_MINUTES} minutes, so it was stopped. Sign in again.`);
      }
      return;
    }
    const required = mfaRequirement(uc.domainUser, uc.policy, uc.company, now).kind === 'required';
    const end = signedInSessionEnd({
      createdAt: Number(session.created_at),
      lastSeenAt: Number(session.last_seen_at),
      policy: uc.policy,
      operator: isOperator(user),
      mustSetUpMfa: required && !isEnrolled(uc.domainUser),
      now,
    });
    if (end) {
      await store.write((trx) => revokeSession(trx, session.id, now));
      throw new ApiError('unauthorized', end.message, { reason: `session_${end.reason}` });
    }
    if (now - Number(session.last_seen_at) >= ACTIVITY_RESOLUTION_MS) {
      await store.write((trx) => updateSession(trx, session.id, { lastSeenAt: now }));
    }
  };
}
