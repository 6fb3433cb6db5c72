/**
 * Session expiry, checked on every authenticated request: an unfinished sign-in lasts 30 minutes; a signed-in
 * session ends after the company's idle timeout (R-POL-7; none by default). Times are company time (a demo's
 * simulated clock moves them too). Activity is recorded at most once a minute, to spare the database file.
 */
import { sessionIdleExpired } from '../../../shared/domain/sessions';
import { companyNow, type Clock } from '../clock';
import { ApiError } from '../http/api-error';
import { parseFlow, revokeSession, updateSession } from '../repositories/sessions-repo';
import type { Store } from '../store/store';
import type { SessionRow, UserRow } from './authenticator';

/** Minutes an unfinished sign-in (set-up, challenge, saving the recovery code) may take. */
export const UNFINISHED_SIGN_IN_MINUTES = 30;
const ACTIVITY_RESOLUTION_MS = 60_000;

/** The authenticator's `touch`: refuses expired sessions and records activity. */
export function createSessionTouch(store: Store, clock: Clock): (session: SessionRow, user: UserRow) => Promise<void> {
  return async (session, user) => {
    if (parseFlow(session.flow).trusted) return;
    const company = await store.db
      .selectFrom('companies')
      .innerJoin('policies', 'policies.company_id', 'companies.id')
      .select(['companies.clock_offset_ms', 'policies.session_idle_minutes'])
      .where('companies.id', '=', user.company_id)
      .executeTakeFirst();
    const now = companyNow(clock, { clock_offset_ms: Number(company?.clock_offset_ms ?? 0) });
    const lastSeen = Number(session.last_seen_at);
    if (session.stage !== 'active') {
      if (now - Number(session.created_at) >= UNFINISHED_SIGN_IN_MINUTES * 60_000) {
        await store.write((trx) => revokeSession(trx, session.id, now));
        throw new ApiError('unauthorized', `Signing in took longer than ${UNFINISHED_SIGN_IN_MINUTES} minutes, so it was stopped. Sign in again.`);
      }
      return;
    }
    const idleMinutes = company?.session_idle_minutes ?? null;
    if (sessionIdleExpired(lastSeen, { sessionIdleMinutes: idleMinutes }, now)) {
      await store.write((trx) => revokeSession(trx, session.id, now));
      throw new ApiError('unauthorized', `You were signed out after ${idleMinutes} minutes without activity. Sign in again.`);
    }
    if (now - lastSeen >= ACTIVITY_RESOLUTION_MS) {
      await store.write((trx) => updateSession(trx, session.id, { lastSeenAt: now }));
    }
  };
}
