/**
 * Who is calling the Admin API and what they may do. Every admin route is `auth: 'operator'` (any admin-tool access,
 * Helpdesk included: enough to read); every action is checked here against the one permission table of
 * `shared/domain/permissions.ts`, with its plain-words refusal.
 */
import type { ToolPermissions } from '../../../shared/domain/model';
import { adminOnBothRefusal, hasAdminOnBothTools, mayChangeSignInOf, operatorMay, permissionRefusal, type OperatorAction } from '../../../shared/domain/permissions';
import type { AuthContext } from '../auth/authenticator';
import { ApiError } from '../http/api-error';
import { permissionsOf } from '../repositories/users-repo';

/** The operator behind an admin request. */
export interface Operator {
  readonly id: string;
  readonly email: string;
  readonly companyId: string;
  readonly permissions: ToolPermissions;
}

/** The operator of an authenticated admin request. */
export function operatorOf(auth: AuthContext): Operator {
  if (auth.kind === 'none') throw new ApiError('unauthorized', 'Sign in first: this request needs a session token.');
  return { id: auth.user.id, email: auth.user.email, companyId: auth.user.company_id, permissions: permissionsOf(auth.user) };
}

/** Refuses (403, `details.reason = 'operator_lacks_permission'`) unless the operator may do `action`. */
export function requireOperatorMay(operator: Operator, action: OperatorAction): void {
  if (!operatorMay(operator, action)) throw new ApiError('forbidden', permissionRefusal(action), { reason: 'operator_lacks_permission' });
}

/** Refuses unless the operator may write the directory. */
export function requireDirectoryWrite(operator: Operator): void {
  requireOperatorMay(operator, 'write_directory');
}

/**
 * Refuses unless the operator has `admin` on both Company Admin and Directory (R-POL-1, R-RST-1), which resets and
 * permission changes need. `what` completes "… needs Admin permission".
 */
export function requireAdminOnBoth(operator: Operator, what: string): void {
  if (!hasAdminOnBothTools(operator.permissions)) {
    throw new ApiError('forbidden', adminOnBothRefusal(what));
  }
}

/**
 * Refuses unless the operator may change how `target` signs in (email, status, methods): someone with admin-tool
 * permissions needs an operator with Admin on both tools. `what` completes "… needs Admin permission".
 */
export function requireMayChangeSignIn(operator: Operator, target: { email: string; permissions: ToolPermissions }, what: string): void {
  if (!mayChangeSignInOf(operator, target)) requireAdminOnBoth(operator, `${what} of someone with admin-tool permissions (${target.email})`);
}
