import { describe, it, expect } from 'vitest';
import type { ToolPermission, ToolPermissions } from './model';
import {
  canChangePolicy,
  canResetMfa,
  canWriteDirectory,
  hasAdminOnBothTools,
  holdsAdminToolAccess,
  mayChangeSignInOf,
  operatorMay,
  permissionRefusal,
  type OperatorAction,
} from './permissions';

const levels: ToolPermission[] = ['none', 'read_only', 'standard', 'admin'];
const as = (companyAdmin: ToolPermission, directory: ToolPermission, helpdesk = false) => ({ permissions: { companyAdmin, directory, helpdesk } });

describe('MFA administration permissions (R-POL-1, R-RST-1)', () => {
  it('needs admin on both Company Admin and Directory, nothing less, whatever the Helpdesk permission', () => {
    for (const companyAdmin of levels) {
      for (const directory of levels) {
        for (const helpdesk of [false, true]) {
          const expected = companyAdmin === 'admin' && directory === 'admin';
          const operator = as(companyAdmin, directory, helpdesk);
          expect(hasAdminOnBothTools(operator.permissions)).toBe(expected);
          expect(canChangePolicy(operator)).toBe(expected);
          expect(canResetMfa(operator)).toBe(expected);
          expect(operatorMay(operator, 'change_permissions')).toBe(expected);
        }
      }
    }
  });

  it('lets only admins on both tools change how someone with admin-tool permissions (Helpdesk included) signs in', () => {
    const directoryStandard = as('none', 'standard');
    const adminOnBoth = as('admin', 'admin');
    const plainUser = as('none', 'none');
    const reader = as('read_only', 'none');
    const helpdesk = as('none', 'none', true);
    expect(holdsAdminToolAccess(plainUser.permissions)).toBe(false);
    expect(holdsAdminToolAccess(reader.permissions)).toBe(true);
    expect(holdsAdminToolAccess(helpdesk.permissions)).toBe(true);
    expect(mayChangeSignInOf(directoryStandard, adminOnBoth)).toBe(false);
    expect(mayChangeSignInOf(directoryStandard, reader)).toBe(false);
    expect(mayChangeSignInOf(directoryStandard, helpdesk)).toBe(false);
    expect(mayChangeSignInOf(helpdesk, helpdesk)).toBe(false);
    expect(mayChangeSignInOf(helpdesk, plainUser)).toBe(true);
    expect(mayChangeSignInOf(directoryStandard, plainUser)).toBe(true);
    expect(mayChangeSignInOf(adminOnBoth, adminOnBoth)).toBe(true);
  });

  it('lets only standard or admin on Directory change the directory (read-only operators cannot deactivate)', () => {
    expect(levels.filter((directory) => canWriteDirectory({ permissions: { directory } }))).toEqual(['standard', 'admin']);
    expect(operatorMay(as('none', 'read_only', true), 'write_directory')).toBe(false);
  });
});

describe('the Helpdesk permission (R-RST-5)', () => {
  const helpdesk = as('none', 'read_only', true);
  const actions = (permissions: { permissions: ToolPermissions }): OperatorAction[] =>
    (['change_policy', 'change_permissions', 'reset_mfa', 'write_directory', 'run_triage', 'see_sign_in_activity', 'unlock_mfa', 'issue_access_code'] as const).filter((action) =>
      operatorMay(permissions, action),
    );

  it('may run triage, see sign-in activity, unlock and issue temporary access codes, and nothing more', () => {
    expect(actions(helpdesk)).toEqual(['run_triage', 'see_sign_in_activity', 'unlock_mfa', 'issue_access_code']);
    expect(actions(as('none', 'none', true))).toEqual(['run_triage', 'see_sign_in_activity', 'unlock_mfa', 'issue_access_code']);
  });

  it('leaves admins on both tools every action, and read-only operators triage and (on Company Admin) activity', () => {
    expect(actions(as('admin', 'admin'))).toHaveLength(8);
    expect(actions(as('read_only', 'read_only'))).toEqual(['run_triage', 'see_sign_in_activity']);
    expect(actions(as('none', 'standard'))).toEqual(['write_directory', 'run_triage']);
    expect(actions(as('none', 'none'))).toEqual([]);
  });

  it('says what each refused action needs and whom to ask', () => {
    expect(permissionRefusal('reset_mfa')).toBe('Resetting MFA needs Admin permission on both the Company Admin and Directory tools. Ask a company admin who has both.');
    expect(permissionRefusal('unlock_mfa')).toMatch(/^Unlocking a user’s MFA needs the Helpdesk permission, or Admin permission on both/);
    expect(permissionRefusal('issue_access_code')).toMatch(/^Issuing a temporary access code needs the Helpdesk permission/);
    expect(permissionRefusal('see_sign_in_activity')).toMatch(/^Sign-in activity needs the Helpdesk permission or a permission on the Company Admin tool/);
  });
});
