/** The caller and their company overview, from what the authenticator read with the session. */
import { apiRoutes } from '../../../shared/api';
import { ApiError } from '../http/api-error';
import { registerRoute } from '../http/register-route';
import type { ServiceContext } from '../service-context';

/** Registers company routes. */
export function registerCompanyRoutes(ctx: ServiceContext): void {
  registerRoute(ctx.app, apiRoutes.me, ctx.authenticator, async ({ auth }) => {
    if (auth.kind === 'none') throw new ApiError('unauthorized', 'Sign in first.');
    const { id, email, name, perm_company_admin: companyAdmin, perm_directory: directory, perm_helpdesk: helpdesk } = auth.user;
    return { id, email, name, companyAdmin, directory, helpdesk: helpdesk === 1 };
  });

  // Read with the session by the authenticator: no query of its own.
  registerRoute(ctx.app, apiRoutes.companyOverview, ctx.authenticator, async ({ auth }) => {
    if (auth.kind === 'none') throw new ApiError('unauthorized', 'Sign in first.');
    const { company, policy, companyRow } = auth.uc;
    return {
      id: company.id,
      name: company.name,
      ssoDomains: [...company.ssoDomains],
      mfaRequired: policy.required,
      deadlineDate: policy.deadlineDate,
      deadlineZone: policy.deadlineZone,
      isDemo: companyRow.is_demo === 1,
    };
  });
}
