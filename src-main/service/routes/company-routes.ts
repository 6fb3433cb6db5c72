/** The operator's company overview. */
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

  registerRoute(ctx.app, apiRoutes.companyOverview, ctx.authenticator, async ({ auth }) => {
    if (auth.kind === 'none') throw new ApiError('unauthorized', 'Sign in first.');
    const row = await ctx.store.db
      .selectFrom('companies')
      .innerJoin('policies', 'policies.company_id', 'companies.id')
      .select(['companies.id', 'companies.name', 'companies.sso_domains', 'companies.is_demo', 'policies.required', 'policies.deadline_date', 'policies.deadline_zone'])
      .where('companies.id', '=', auth.user.company_id)
      .executeTakeFirst();
    if (!row) throw new ApiError('not_found', 'Your company was not found in this service.');
    return {
      id: row.id,
      name: row.name,
      ssoDomains: JSON.parse(row.sso_domains) as string[],
      mfaRequired: row.required === 1,
      deadlineDate: row.deadline_date,
      deadlineZone: row.deadline_zone,
      isDemo: row.is_demo === 1,
    };
  });
}
