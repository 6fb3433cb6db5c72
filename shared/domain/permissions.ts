/**
 * Who may administer MFA (R-POL-1, R-RST-1): `admin` on both the Company Admin and Directory tools. Nobody below
 * that may change how an account with admin-tool permissions signs in (its email, status or MFA methods), so an
 * operator can never lock out someone who has as much access as they do, or more.
 */
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

/** True when the permissions include anything on the admin tools (read-only or more on either). */
export function holdsAdminToolAccess(permissions: ToolPermissions): boolean {
  return permissions.companyAdmin !== 'none' || permissions.directory !== 'none';
}

/**
 * May this operator change the sign-in email, status or MFA methods of `target`? Always with Admin on both tools;
 * otherwise only for targets without admin-tool permissions (which covers everyone with more permissions than the
 * operator, and their peers).
 */
export function mayChangeSignInOf(
  operator: { readonly permissions: ToolPermissions },
  target: { readonly permissions: ToolPermissions },
): boolean {
  return hasAdminOnBothTools(operator.permissions) || !holdsAdminToolAccess(target.permissions);
}
