/** Admin API routes of resets: eligibility, the verified reset, "Locked out?" triage, and unlock. */
import { apiRoutes } from '../../../shared/api';
import { registerRoute } from '../http/register-route';
import type { ServiceContext } from '../service-context';
import { triage, unlockUser } from './lockout-service';
import { operatorOf } from './operator';
import { checkResetEligibility, resetMfa } from './reset-service';

/** Registers the reset, triage and unlock routes. */
export function registerResetRoutes(ctx: ServiceContext): void {
  const { app, authenticator, store, clock } = ctx;
  const deps = { store, clock };

  registerRoute(app, apiRoutes.adminResetEligibility, authenticator, async ({ auth, body }) =>
    checkResetEligibility(deps, operatorOf(auth), body),
  );
  registerRoute(app, apiRoutes.adminReset, authenticator, async ({ auth, body }) => resetMfa(deps, operatorOf(auth), body));
  registerRoute(app, apiRoutes.adminTriage, authenticator, async ({ auth, body }) => triage(deps, operatorOf(auth), body));
  registerRoute(app, apiRoutes.adminUserUnlock, authenticator, async ({ auth, params }) => unlockUser(deps, operatorOf(auth), params.id));
}
