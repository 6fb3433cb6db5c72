/**
 * Who may use the demo tools (R-CON-2): they answer only in a service that runs them, only in the demo company,
 * and only to an operator with Admin on both Company Admin and Directory (the tools reset MFA, read authenticator
 * keys and text-message codes, and move the company's clock). They act only on the seeded demo people.
 */
import { hasAdminOnBothTools } from '../../../shared/domain/permissions';
import type { AuthContext } from '../auth/authenticator';
import { ApiError } from '../http/api-error';
import type { CompanyRow } from '../repositories/policy-rows';
import type { UserRow } from '../repositories/user-context';
import { isDemoPersonEmail } from '../seed/demo-company';
import type { ServiceContext } from '../service-context';

/** The demo company and the operator using its demo tools. */
export interface DemoAccess {
  readonly company: CompanyRow;
  readonly operator: UserRow;
  readonly sessionId: string;
}

/** The caller's demo company, or 401/403 saying why the demo tools are not available to them. */
export async function requireDemoTools(ctx: ServiceContext, auth: AuthContext): Promise<DemoAccess> {
  if (auth.kind === 'none') throw new ApiError('unauthorized', 'Sign in first.');
  if (!ctx.mfa.demoTools) {
    throw new ApiError('forbidden', 'Demo tools are off in this MFA service. Start it with --demo to use the simulator.', { reason: 'demo_tools_off' });
  }
  const company = auth.uc.companyRow;
  if (company.is_demo !== 1) {
    throw new ApiError('forbidden', 'Demo tools work only in the demo company, never with real users.', { reason: 'not_demo_company' });
  }
  if (!hasAdminOnBothTools({ companyAdmin: auth.user.perm_company_admin, directory: auth.user.perm_directory })) {
    throw new ApiError(
      'forbidden',
      'The simulator’s demo tools (demo user reset, authenticator keys, text messages, the clock) need Admin permission on both the Company Admin and Directory tools. Act as such an admin in Settings, or ask one to run the demo.',
      { reason: 'operator_lacks_permission' },
    );
  }
  return { company, operator: auth.user, sessionId: auth.session.id };
}

/** Refuses a user who is not one of the seeded demo people: the demo tools never touch anyone else. */
export function requireDemoPerson(user: Pick<UserRow, 'email' | 'name'>): void {
  if (!isDemoPersonEmail(user.email)) {
    throw new ApiError(
      'forbidden',
      `${user.name} (${user.email}) is not one of the seeded demo people, so the demo tools leave them alone. Reset a real user's MFA on the Reset screen, after the identity checks.`,
      { reason: 'not_demo_person' },
    );
  }
}
