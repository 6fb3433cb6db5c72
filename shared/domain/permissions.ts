/**
 * Who may do what in the admin tools (R-POL-1, R-RST-1, R-RST-5, R-DIR-3), as one table: the service enforces it
 * on every route and the console disables what an operator may not do, with the same words.
 *
 * - Admin on both Company Admin and Directory: everything (policy, permissions, resets, …).
 * - Helpdesk (Okta Help Desk Admin, Entra Helpdesk Administrator, Duo Help Desk): triage, sign-in activity,
 *   unlock, temporary access codes — never the policy, permissions or a reset, which stay Admin on both tools.
 * - Standard or Admin on Directory: add, change, deactivate and import users.
 *
 * Nobody below Admin on both tools may change how an account with admin-tool permissions (Helpdesk included) signs
 * in (its email, status, lock or MFA), so an operator can never lock out someone who has as much access as they do,
 * or more.
 */
import type { ToolPermissions } from './model';

/** Something an operator does in the admin tools that needs a permission. */
export type OperatorAction =
  | 'change_policy'
  | 'change_permissions'
  | 'reset_mfa'
  | 'write_directory'
  | 'run_triage'
  | 'see_sign_in_activity'
  | 'unlock_mfa'
  | 'issue_access_code';

/** True when the permissions are `admin` on both Company Admin and Directory. */
export function hasAdminOnBothTools(permissions: Pick<ToolPermissions, 'companyAdmin' | 'directory'>): boolean {
  return permissions.companyAdmin === 'admin' && permissions.directory === 'admin';
}

/** True for helpdesk work (R-RST-5): the Helpdesk permission, or Admin on both tools, who may do everything. */
function doesHelpdeskWork(permissions: ToolPermissions): boolean {
  return permissions.helpdesk || hasAdminOnBothTools(permissions);
}

const ADMIN_ON_BOTH = 'Admin permission on both the Company Admin and Directory tools';
const HELPDESK_OR_ADMIN = 'the Helpdesk permission, or Admin permission on both the Company Admin and Directory tools';

/** Each action: who may do it, what it is called in a sentence, and what it needs. */
const RULES: Readonly<Record<OperatorAction, { readonly allowed: (p: ToolPermissions) => boolean; readonly what: string; readonly needs: string }>> = {
  change_policy: { allowed: hasAdminOnBothTools, what: 'Changing the MFA policy', needs: ADMIN_ON_BOTH },
  change_permissions: { allowed: hasAdminOnBothTools, what: 'Changing someone’s permissions on the admin tools', needs: ADMIN_ON_BOTH },
  reset_mfa: { allowed: hasAdminOnBothTools, what: 'Resetting MFA', needs: ADMIN_ON_BOTH },
  write_directory: {
    allowed: (p) => p.directory === 'standard' || p.directory === 'admin',
    what: 'Changing the directory',
    needs: 'Standard or Admin permission on the Directory tool',
  },
  run_triage: { allowed: holdsAdminToolAccess, what: 'The "Locked out?" triage', needs: 'access to the admin tools' },
  see_sign_in_activity: {
    allowed: (p) => p.helpdesk || p.companyAdmin !== 'none',
    what: 'Sign-in activity',
    needs: 'the Helpdesk permission or a permission on the Company Admin tool (it shows people’s addresses and devices)',
  },
  unlock_mfa: { allowed: doesHelpdeskWork, what: 'Unlocking a user’s MFA', needs: HELPDESK_OR_ADMIN },
  issue_access_code: { allowed: doesHelpdeskWork, what: 'Issuing a temporary access code', needs: HELPDESK_OR_ADMIN },
};

/** May this operator do `action` (before looking at whom it is done to)? */
export function operatorMay(operator: { readonly permissions: ToolPermissions }, action: OperatorAction): boolean {
  return RULES[action].allowed(operator.permissions);
}

/** The refusal of what needs Admin on both tools; `what` completes "… needs Admin permission on both tools". */
export function adminOnBothRefusal(what: string): string {
  return `${what} needs ${ADMIN_ON_BOTH}. Ask a company admin who has both.`;
}

/** Why an operator may not do `action`, in plain words with whom to ask: "Unlocking … needs … Ask a company admin …". */
export function permissionRefusal(action: OperatorAction): string {
  const rule = RULES[action];
  if (rule.needs === ADMIN_ON_BOTH) return adminOnBothRefusal(rule.what);
  return `${rule.what} needs ${rule.needs}. Ask a company admin to do it for you or to raise your permission.`;
}

/** R-POL-1: may this operator change the company MFA policy? */
export function canChangePolicy(operator: { readonly permissions: ToolPermissions }): boolean {
  return operatorMay(operator, 'change_policy');
}

/** R-DIR-3: may this operator add, change, deactivate and import users? `standard` or `admin` on Directory. */
export function canWriteDirectory(operator: { readonly permissions: Pick<ToolPermissions, 'directory'> }): boolean {
  return RULES.write_directory.allowed({ companyAdmin: 'none', helpdesk: false, ...operator.permissions });
}

/** R-RST-1: may this operator reset other users' MFA at all (before looking at the target)? */
export function canResetMfa(operator: { readonly permissions: ToolPermissions }): boolean {
  return operatorMay(operator, 'reset_mfa');
}

/** True when the permissions include anything on the admin tools: read-only or more on either, or Helpdesk. */
export function holdsAdminToolAccess(permissions: ToolPermissions): boolean {
  return permissions.companyAdmin !== 'none' || permissions.directory !== 'none' || permissions.helpdesk;
}

/**
 * May this operator change the sign-in email, status, lock or MFA methods of `target`? Always with Admin on both
 * tools; otherwise only for targets without admin-tool permissions (which covers everyone with more permissions
 * than the operator, and their peers).
 */
export function mayChangeSignInOf(
  operator: { readonly permissions: ToolPermissions },
  target: { readonly permissions: ToolPermissions },
): boolean {
  return hasAdminOnBothTools(operator.permissions) || !holdsAdminToolAccess(target.permissions);
}
