import { describe, expect, it } from 'vitest';
import type { ToolPermission } from './model';
import { OWN_ACCOUNT_REFUSALS, userActionRefusals } from './user-actions';

const person = (email: string, companyAdmin: ToolPermission, directory: ToolPermission, status: 'active' | 'inactive' = 'active', helpdesk = false) => ({
  email,
  status,
  permissions: { companyAdmin, directory, helpdesk },
});

describe('what an operator may do from a user panel', () => {
  const admin = person('avery@x.example', 'admin', 'admin');
  const directoryStandard = person('dana@x.example', 'none', 'standard');
  const reader = person('riley@x.example', 'read_only', 'read_only');
  const plain = person('jordan@x.example', 'none', 'none');
  const helper = person('hd@x.example', 'read_only', 'standard');

  it('lets an admin on both tools do everything to someone else', () => {
    expect(userActionRefusals(admin, plain)).toEqual({ edit: null, editPermissions: null, changeStatus: null, resetMfa: null });
    expect(userActionRefusals(admin, helper).changeStatus).toBeNull();
  });

  it('refuses a read-only operator every change, with the words the service answers', () => {
    const refusals = userActionRefusals(reader, plain);
    expect(refusals.edit).toMatch(/^Changing the directory needs Standard or Admin permission on the Directory tool/);
    expect(refusals.changeStatus).toBe(refusals.edit);
    expect(refusals.editPermissions).toMatch(/needs Admin permission on both the Company Admin and Directory tools/);
    expect(refusals.resetMfa).toMatch(/^Resetting MFA needs Admin permission on both/);
  });

  it('lets Directory Standard edit and deactivate plain users, not people with admin-tool permissions', () => {
    expect(userActionRefusals(directoryStandard, plain)).toMatchObject({ edit: null, changeStatus: null });
    expect(userActionRefusals(directoryStandard, helper).changeStatus).toMatch(/admin-tool permissions \(hd@x\.example\)/);
    expect(userActionRefusals(directoryStandard, plain).editPermissions).not.toBeNull();
  });

  it('gives Helpdesk none of the panel’s changes, and keeps Helpdesk people from Directory Standard (R-RST-5)', () => {
    const helpdesk = person('hana@x.example', 'none', 'none', 'active', true);
    const refusals = userActionRefusals(helpdesk, plain);
    expect(refusals.edit).toMatch(/^Changing the directory needs Standard or Admin permission/);
    expect(refusals.changeStatus).toBe(refusals.edit);
    expect(refusals.editPermissions).toMatch(/^Changing someone’s permissions on the admin tools needs Admin permission on both/);
    expect(refusals.resetMfa).toMatch(/^Resetting MFA needs Admin permission on both/);
    expect(userActionRefusals(directoryStandard, helpdesk).changeStatus).toMatch(/admin-tool permissions \(hana@x\.example\)/);
    expect(userActionRefusals(admin, helpdesk)).toEqual({ edit: null, editPermissions: null, changeStatus: null, resetMfa: null });
  });

  it('never lets an operator change their own permissions or deactivate themselves, compared by email key', () => {
    const self = person(' AVERY@x.example', 'admin', 'admin');
    expect(userActionRefusals(admin, self)).toMatchObject({ editPermissions: OWN_ACCOUNT_REFUSALS.permissions, changeStatus: OWN_ACCOUNT_REFUSALS.deactivate, edit: null });
    expect(userActionRefusals(admin, { ...self, status: 'inactive' }).changeStatus).toBeNull();
  });
});
