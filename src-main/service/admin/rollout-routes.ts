/** Admin API routes of the rollout messages' wording (R-RPT-2). */
import { apiRoutes } from '../../../shared/api';
import { ROLLOUT_PLACEHOLDERS } from '../../../shared/domain/rollout-template';
import { registerRoute } from '../http/register-route';
import type { ServiceContext } from '../service-context';
import { operatorOf } from './operator';
import { changeRolloutWording, listRolloutWording } from './rollout-wording-service';

const placeholders = Object.entries(ROLLOUT_PLACEHOLDERS).map(([name, description]) => ({ name, description }));

/** Registers the rollout wording routes. */
export function registerRolloutRoutes(ctx: ServiceContext): void {
  const { app, authenticator, store, clock } = ctx;
  const deps = { store, clock };

  registerRoute(app, apiRoutes.adminRolloutWordingList, authenticator, async ({ auth }) => ({
    messages: await listRolloutWording(store.db, operatorOf(auth).companyId),
    placeholders,
  }));

  registerRoute(app, apiRoutes.adminRolloutWordingUpdate, authenticator, async ({ auth, params, body }) =>
    changeRolloutWording(deps, operatorOf(auth), params.kind, body),
  );

  registerRoute(app, apiRoutes.adminRolloutWordingReset, authenticator, async ({ auth, params }) =>
    changeRolloutWording(deps, operatorOf(auth), params.kind, null),
  );
}
