/** Who may administer MFA (R-POL-1, R-RST-1): `admin` on both the Company Admin and Directory tools. */
import type { ToolPermissions } from './model';

/** True when the permissions are `admin` on both Company Admin and Directory. */
export function hasAdminOnBothTools(permissions: ToolPermissions): boolean {
  return permissions.companyAdmin === 'admin' && permissions.directory === 'admin';
}

/** R-POL-1: may this operator change the company MFA policy? */
export function canChangePolicy(operator: { readonly permissions: ToolPermissions }): boolean {
  return hasAdminOnBothTools(operator.permissions);
}

/** R-DIR-3: may this operator add, change, deactivate and import users? `standard` or `admin` on Directory. */
export function canWriteDirectory(operator: { readonly permissions: Pick<ToolPermissions, 'directory'> }): boolean {
  return operator.permissions.directory === 'standard' || operator.permissions.directory === 'admin';
}

/** R-RST-1: may this operator reset other users' MFA at all (before looking at the target)? */
export function canResetMfa(operator: { readonly permissions: ToolPermissions }): boolean {
  return hasAdminOnBothTools(operator.permissions);
}
