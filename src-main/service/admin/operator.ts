/**
 * Who is calling the Admin API and what they may do. Every admin route is `auth: 'operator'` (at least read-only on
 * Company Admin or Directory: enough to read); writes are checked here with plain-words refusals.
 */
import type { ToolPermissions } from '../../../shared/domain/model';
import { canWriteDirectory, hasAdminOnBothTools, mayChangeSignInOf } from '../../../shared/domain/permissions';
import { DIRECTORY_WRITE_REFUSAL, adminOnBothRefusal } from '../../../shared/domain/user-actions';
import type { AuthContext } from '../auth/authenticator';
import { ApiError } from '../http/api-error';

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
  return {
    id: auth.user.id,
    email: auth.user.email,
    companyId: auth.user.company_id,
    permissions: { companyAdmin: auth.user.perm_company_admin, directory: auth.user.perm_directory },
  };
}

/** Refuses unless the operator may write the directory. */
export function requireDirectoryWrite(operator: Operator): void {
  if (!canWriteDirectory(operator)) {
    throw new ApiError('forbidden', DIRECTORY_WRITE_REFUSAL);
  }
}

/**
 * Refuses unless the operator has `admin` on both Company Admin and Directory (R-POL-1, R-RST-1), which policy
 * changes, resets, unlocks and permission changes need. `what` completes "… needs Admin permission".
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
