/** Admin API routes of temporary access codes (R-RST-6): eligibility, issue, revoke. */
import { apiRoutes } from '../../../shared/api';
import { registerRoute } from '../http/register-route';
import type { ServiceContext } from '../service-context';
import { issueAccessCode, revokeAccessCode } from './access-code-service';
import { operatorOf } from './operator';
import { checkResetEligibility } from './reset-service';

/** Registers the temporary access code routes. */
export function registerAccessCodeRoutes(ctx: ServiceContext): void {
  const { app, authenticator, store, clock, mfa } = ctx;
  const deps = { store, clock, random: mfa.random, codeKey: mfa.keys.codeKey };

  registerRoute(app, apiRoutes.adminAccessCodeEligibility, authenticator, async ({ auth, body }) =>
    checkResetEligibility(deps, operatorOf(auth), body, 'access_code'),
  );
  registerRoute(app, apiRoutes.adminAccessCodeIssue, authenticator, async ({ auth, body }) => issueAccessCode(deps, operatorOf(auth), body));
  registerRoute(app, apiRoutes.adminAccessCodeRevoke, authenticator, async ({ auth, params }) => revokeAccessCode(deps, operatorOf(auth), params.id));
}
