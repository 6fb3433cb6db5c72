/** Demo tools answer only in a service that runs them, and only to operators of the demo company (R-CON-2). */
import type { AuthContext } from '../auth/authenticator';
import { ApiError } from '../http/api-error';
import type { CompanyRow } from '../repositories/policy-rows';
import type { ServiceContext } from '../service-context';

/** The caller's demo company, or 403 saying why the demo tools are not available. */
export async function requireDemoCompany(ctx: ServiceContext, auth: AuthContext): Promise<CompanyRow> {
  if (auth.kind === 'none') throw new ApiError('unauthorized', 'Sign in first.');
  if (!ctx.mfa.demoTools) {
    throw new ApiError('forbidden', 'Demo tools are off in this MFA service. Start it with --demo to use the simulator.', { reason: 'demo_tools_off' });
  }
  const company = await ctx.store.db.selectFrom('companies').selectAll().where('id', '=', auth.user.company_id).executeTakeFirstOrThrow();
  if (company.is_demo !== 1) {
    throw new ApiError('forbidden', 'Demo tools work only in the demo company, never with real users.', { reason: 'not_demo_company' });
  }
  return company;
}
