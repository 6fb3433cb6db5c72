/** Resolves the caller of a route from its bearer token, by the route's `auth` kind. */
import type { Kysely } from 'kysely';
import type { RouteAuth } from '../../../shared/api/define';
import { holdsAdminToolAccess } from '../../../shared/domain/permissions';
import { ApiError } from '../http/api-error';
import { loadSessionContext, type SessionRow, type UserContext, type UserRow } from '../repositories/user-context';
import { permissionsOf } from '../repositories/users-repo';
import type { Database } from '../store/schema';
import { bearerToken, hashSessionToken } from './session-token';
import type { Clock } from '../clock';

export type { SessionRow, UserRow };

/**
 * Who is calling: nobody (public route), or a user with a session at some stage, with the user's context (company,
 * policy, methods) read in the same query as the session: handlers use `uc` instead of reading it again.
 */
export type AuthContext =
  | { kind: 'none' }
  | { kind: 'operator' | 'session' | 'sign_in'; user: UserRow; session: SessionRow; uc: UserContext };

/** Resolves callers; a seam so routes can be tested with any session source. */
export interface Authenticator {
  authenticate(kind: RouteAuth, authorization: string | undefined): Promise<AuthContext>;
}

const SIGN_IN_AGAIN = 'Your session has ended. Sign in again.';

/** True when the user holds at least read-only on one of the two admin tools, or Helpdesk (R-DIR-1, R-RST-5). */
export function isOperator(user: Pick<UserRow, 'perm_company_admin' | 'perm_directory' | 'perm_helpdesk'>): boolean {
  return holdsAdminToolAccess(permissionsOf(user));
}

/**
 * The session-table authenticator: one query reads the session, its user, company, policy, methods and recovery
 * code. Idle timeout and last-seen bookkeeping live in `touch`.
 */
export function createSessionAuthenticator(deps: {
  db: Kysely<Database>;
  clock: Clock;
  /** Called for a valid session: may refuse it (idle timeout) or record activity. */
  touch?: (session: SessionRow, uc: UserContext) => Promise<void>;
}): Authenticator {
  return {
    async authenticate(kind, authorization) {
      if (kind === 'none') return { kind: 'none' };
      const token = bearerToken(authorization);
      if (!token) throw new ApiError('unauthorized', 'Sign in first: this request needs a session token.');
      const found = await loadSessionContext(deps.db, deps.clock, hashSessionToken(token));
      if (!found || found.session.revoked_at !== null) throw new ApiError('unauthorized', SIGN_IN_AGAIN);
      const { session, uc } = found;
      const { user } = uc;
      if (user.status !== 'active') throw new ApiError('unauthorized', SIGN_IN_AGAIN);
      const active = session.stage === 'active';
      if (kind === 'sign_in' && active) throw new ApiError('conflict', 'You are already signed in.');
      if (kind !== 'sign_in' && !active) throw new ApiError('unauthorized', 'Finish signing in (two-factor authentication) first.');
      if (kind === 'operator' && !isOperator(user)) {
        throw new ApiError('forbidden', 'Your account has no access to the admin tools. Ask a company admin for Company Admin, Directory or Helpdesk permission.');
      }
      if (kind === 'operator' && session.mfa_at === null) {
        throw new ApiError('forbidden', 'The admin tools need two-factor authentication. Sign in to the console again and pass the verification (set up a method if you have none).', {
          reason: 'mfa_required',
        });
      }
      await deps.touch?.(session, uc);
      return { kind, user, session, uc };
    },
  };
}
