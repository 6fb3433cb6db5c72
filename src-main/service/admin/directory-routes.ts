/** Admin API routes of the directory: list, changed-since sync, stale users, one user, create/update, status. */
import { apiRoutes } from '../../../shared/api';
import { staleCutoff } from '../../../shared/domain/stale';
import { registerRoute } from '../http/register-route';
import type { ServiceContext } from '../service-context';
import { callerCompanyContext } from './company-context';
import { listStaleUsers, listUsers, usersChangedSince } from './directory-repo';
import { numberPendingChanges } from './user-writes';
import { operatorOf } from './operator';
import { loadUserDetail } from './user-detail';
import { createUser, updateUser } from './user-edit-service';
import { bulkDeactivate, changeStatus } from './user-status-service';

/** Registers the directory routes. */
export function registerDirectoryRoutes(ctx: ServiceContext): void {
  const { app, authenticator, store, clock } = ctx;
  const deps = { store, clock };

  registerRoute(app, apiRoutes.adminUsersList, authenticator, async ({ auth, query }) => {
    const { cursor, limit, ...filter } = query;
    return listUsers(store.db, callerCompanyContext(auth).company, filter, { cursor, limit });
  });

  registerRoute(app, apiRoutes.adminUsersChanges, authenticator, async ({ auth, query }) => {
    await numberPendingChanges(store);
    return usersChangedSince(store.db, callerCompanyContext(auth).company, query.since, query.limit);
  });

  registerRoute(app, apiRoutes.adminUsersStale, authenticator, async ({ auth, query }) => {
    const context = callerCompanyContext(auth);
    const days = query.days ?? context.policy.staleAfterDays;
    const cutoff = staleCutoff(context.now, days);
    const page = await listStaleUsers(store.db, context.company, cutoff, { afterEmail: query.cursor ?? null, limit: query.limit });
    return { days, cutoff, ...page };
  });

  registerRoute(app, apiRoutes.adminUsersBulkDeactivate, authenticator, async ({ auth, body }) =>
    bulkDeactivate(deps, operatorOf(auth), body.userIds),
  );

  registerRoute(app, apiRoutes.adminUserGet, authenticator, async ({ auth, params }) => {
    const context = callerCompanyContext(auth);
    return loadUserDetail(store.db, context.company, params.id, context.now);
  });

  registerRoute(app, apiRoutes.adminUserCreate, authenticator, async ({ auth, body }) => createUser(deps, operatorOf(auth), body));

  registerRoute(app, apiRoutes.adminUserUpdate, authenticator, async ({ auth, params, body }) =>
    updateUser(deps, operatorOf(auth), params.id, body),
  );

  registerRoute(app, apiRoutes.adminUserDeactivate, authenticator, async ({ auth, params }) =>
    changeStatus(deps, operatorOf(auth), params.id, 'inactive'),
  );

  registerRoute(app, apiRoutes.adminUserReactivate, authenticator, async ({ auth, params }) =>
    changeStatus(deps, operatorOf(auth), params.id, 'active'),
  );
}
