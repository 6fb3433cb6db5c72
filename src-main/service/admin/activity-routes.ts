/**
 * Admin API routes of sign-in activity (R-LOG-1): the list newest first with filters, and the CSV export. Both need
 * the Helpdesk permission or a permission on Company Admin (R-RST-5). "Who" is an exact email (the attempts typed
 * with it, and those of the user who has it) or words the directory search finds people by.
 */
import { apiRoutes } from '../../../shared/api';
import { ACTIVITY_EXPORT_MAX, ACTIVITY_WHO_MAX_USERS, type SignInActivityFilter } from '../../../shared/api/routes/admin-activity';
import { csvLine } from '../../../shared/domain/csv';
import { emailKey } from '../../../shared/domain/directory';
import { searchTokens } from '../../../shared/domain/search';
import type { z } from 'zod';
import { activityCursor, attemptsNewestFirst, listAttempts, moreAttemptsThan, type ActivityQuery } from '../activity/sign-in-activity-repo';
import { ApiError } from '../http/api-error';
import { registerRoute } from '../http/register-route';
import type { ServiceContext } from '../service-context';
import type { Store } from '../store/store';
import { requireOperatorMay, operatorOf, type Operator } from './operator';
import { escapeLike, like } from './sql-like';

const EXPORT_HEADER = ['time_utc', 'email_typed', 'user_id', 'user_email', 'user_name', 'outcome', 'method', 'detail', 'ip', 'user_agent'];

type Filter = z.output<typeof SignInActivityFilter>;

/** The users a "who" of words stands for (at most `ACTIVITY_WHO_MAX_USERS`, else a 400 asking for more words). */
async function usersMatching(store: Store, companyId: string, words: string): Promise<string[]> {
  const tokens = searchTokens(words);
  if (tokens.length === 0) return [];
  const rows = await tokens
    .reduce((query, token) => query.where(like('search_text', `%${escapeLike(token)}%`)), store.db.selectFrom('users').select('id').where('company_id', '=', companyId))
    .limit(ACTIVITY_WHO_MAX_USERS + 1)
    .execute();
  if (rows.length > ACTIVITY_WHO_MAX_USERS) {
    throw new ApiError('bad_request', `More than ${ACTIVITY_WHO_MAX_USERS} people match "${words.trim()}". Type more of their name, or their whole email.`, {
      fields: { who: 'Too many people match' },
    });
  }
  return rows.map((row) => row.id);
}

/** The filter as the repository reads it. */
async function activityQuery(store: Store, operator: Operator, filter: Filter): Promise<ActivityQuery> {
  const { who, userId, ...rest } = filter;
  if (who && userId) throw new ApiError('bad_request', 'Filter by who or by one user (userId), not both.', { fields: { who: 'Leave this out with userId' } });
  const base = { outcome: rest.outcome, method: rest.method, ip: rest.ip, from: rest.from, to: rest.to };
  if (userId) return { ...base, userIds: [userId] };
  if (!who) return base;
  if (who.includes('@')) {
    const email = emailKey(who);
    const owner = await store.db.selectFrom('users').select('id').where('company_id', '=', operator.companyId).where('email_lower', '=', email).executeTakeFirst();
    return { ...base, email, ...(owner ? { userIds: [owner.id] } : {}) };
  }
  return { ...base, userIds: await usersMatching(store, operator.companyId, who) };
}

function time(at: number): string {
  return new Date(at).toISOString();
}

/** Registers the sign-in activity routes. */
export function registerActivityRoutes(ctx: ServiceContext): void {
  const { app, authenticator, store } = ctx;

  registerRoute(app, apiRoutes.adminSignInActivity, authenticator, async ({ auth, query }) => {
    const operator = operatorOf(auth);
    requireOperatorMay(operator, 'see_sign_in_activity');
    const { cursor, limit, ...filter } = query;
    return listAttempts(store.db, operator.companyId, await activityQuery(store, operator, filter), { cursor: activityCursor(cursor), limit });
  });

  registerRoute(app, apiRoutes.adminSignInActivityExport, authenticator, async ({ auth, query }) => {
    const operator = operatorOf(auth);
    requireOperatorMay(operator, 'see_sign_in_activity');
    const parsed = await activityQuery(store, operator, query);
    if (await moreAttemptsThan(store.db, operator.companyId, parsed, ACTIVITY_EXPORT_MAX)) {
      throw new ApiError('unprocessable', `More than ${ACTIVITY_EXPORT_MAX.toLocaleString('en-US')} attempts match. Narrow the dates or the filters and export again.`, {
        reason: 'too_many',
      });
    }
    const parts = [csvLine(EXPORT_HEADER)];
    for await (const attempt of attemptsNewestFirst(store.db, operator.companyId, parsed, ACTIVITY_EXPORT_MAX)) {
      parts.push(
        csvLine([time(attempt.at), attempt.emailTyped, attempt.user?.id ?? null, attempt.user?.email ?? null, attempt.user?.name ?? null, attempt.outcome, attempt.method, attempt.detail, attempt.ip, attempt.userAgent]),
      );
    }
    return parts.join('');
  });
}
