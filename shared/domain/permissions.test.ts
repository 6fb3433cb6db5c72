import { describe, it, expect } from 'vitest';
import type { ToolPermission } from './model';
import { canChangePolicy, canResetMfa, canWriteDirectory, hasAdminOnBothTools, holdsAdminToolAccess, mayChangeSignInOf } from './permissions';

const levels: ToolPermission[] = ['none', 'read_only', 'standard', 'admin'];

describe('MFA administration permissions (R-POL-1, R-RST-1)', () => {
  it('needs admin on both Company Admin and Directory, nothing less', () => {
    for (const companyAdmin of levels) {
      for (const directory of levels) {
        const expected = companyAdmin === 'admin' && directory === 'admin';
        const operator = { permissions: { companyAdmin, directory } };
        expect(hasAdminOnBothTools(operator.permissions)).toBe(expected);
        expect(canChangePolicy(operator)).toBe(expected);
        expect(canResetMfa(operator)).toBe(expected);
      }
    }
  });

  it('lets only admins on both tools change how someone with admin-tool permissions signs in', () => {
    const directoryStandard = { permissions: { companyAdmin: 'none', directory: 'standard' } as const };
    const adminOnBoth = { permissions: { companyAdmin: 'admin', directory: 'admin' } as const };
    const plainUser = { permissions: { companyAdmin: 'none', directory: 'none' } as const };
    const reader = { permissions: { companyAdmin: 'read_only', directory: 'none' } as const };
    expect(holdsAdminToolAccess(plainUser.permissions)).toBe(false);
    expect(holdsAdminToolAccess(reader.permissions)).toBe(true);
    expect(mayChangeSignInOf(directoryStandard, adminOnBoth)).toBe(false);
    expect(mayChangeSignInOf(directoryStandard, reader)).toBe(false);
    expect(mayChangeSignInOf(directoryStandard, plainUser)).toBe(true);
    expect(mayChangeSignInOf(adminOnBoth, adminOnBoth)).toBe(true);
  });

  it('lets only standard or admin on Directory change the directory (read-only operators cannot deactivate)', () => {
    expect(levels.filter((directory) => canWriteDirectory({ permissions: { directory } }))).toEqual(['standard', 'admin']);
  });
});
