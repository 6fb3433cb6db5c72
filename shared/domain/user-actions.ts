/**
 * What an operator may do from a user's panel in the Directory (R-DIR-1, R-DIR-3, R-POL-1, R-RST-1), each refusal
 * in the words the service answers with. Built from the same predicates the service checks (`canWriteDirectory`,
 * `mayChangeSignInOf`, `hasAdminOnBothTools`, `operatorMay`), so a control is disabled exactly where the service
 * would refuse, and says why.
 */
import { emailKey } from './directory';
import type { ToolPermissions, UserStatus } from './model';
import { adminOnBothRefusal, canWriteDirectory, hasAdminOnBothTools, mayChangeSignInOf, operatorMay, permissionRefusal } from './permissions';

/** One action: null when it may go ahead, else the plain-words reason it is refused. */
export type ActionRefusal = string | null;

/** The actions of the user panel. */
export interface UserActionRefusals {
  /** Name, country, time zone. */
  readonly edit: ActionRefusal;
  /** Permissions on the two admin tools. */
  readonly editPermissions: ActionRefusal;
  /** Deactivate when active, reactivate when inactive. */
  readonly changeStatus: ActionRefusal;
  /** Open the verified reset workflow for this user. */
  readonly resetMfa: ActionRefusal;
}

type Operator = { readonly email: string; readonly permissions: ToolPermissions };
type Target = { readonly email: string; readonly permissions: ToolPermissions; readonly status: UserStatus };

/** The refusal of a directory change to an operator below Standard on Directory (the service answers the same). */
export const DIRECTORY_WRITE_REFUSAL = permissionRefusal('write_directory');

/** Refusals of changes to one's own account (the service answers the same). */
export const OWN_ACCOUNT_REFUSALS = {
  permissions: 'You cannot change your own permissions. Ask another company admin to do it.',
  deactivate: 'You cannot deactivate your own account. Ask another company admin to do it.',
} as const;

/** What permission changes are called in their refusals ("… needs Admin permission on both tools"). */
export const PERMISSION_CHANGES = {
  give: 'Giving someone permissions on the admin tools',
  change: 'Changing someone’s permissions on the admin tools',
} as const;

/** What `operator` may do to `target`, each with the reason when refused. */
export function userActionRefusals(operator: Operator, target: Target): UserActionRefusals {
  const self = emailKey(operator.email) === emailKey(target.email);
  const writes = canWriteDirectory(operator);
  const adminOnBoth = hasAdminOnBothTools(operator.permissions);
  let editPermissions: ActionRefusal = null;
  if (!adminOnBoth) editPermissions = permissionRefusal('change_permissions');
  else if (self) editPermissions = OWN_ACCOUNT_REFUSALS.permissions;
  let changeStatus: ActionRefusal = null;
  if (!writes) changeStatus = DIRECTORY_WRITE_REFUSAL;
  else if (self && target.status === 'active') changeStatus = OWN_ACCOUNT_REFUSALS.deactivate;
  else if (!mayChangeSignInOf(operator, target)) changeStatus = adminOnBothRefusal(`Changing the status of someone with admin-tool permissions (${target.email})`);
  return {
    edit: writes ? null : DIRECTORY_WRITE_REFUSAL,
    editPermissions,
    changeStatus,
    resetMfa: operatorMay(operator, 'reset_mfa') ? null : permissionRefusal('reset_mfa'),
  };
}
