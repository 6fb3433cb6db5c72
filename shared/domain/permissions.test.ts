import { describe, it, expect } from 'vitest';
import type { ToolPermission } from './model';
import { canChangePolicy, canResetMfa, canWriteDirectory, hasAdminOnBothTools } from './permissions';

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

  it('lets only standard or admin on Directory change the directory (read-only operators cannot deactivate)', () => {
    expect(levels.filter((directory) => canWriteDirectory({ permissions: { directory } }))).toEqual(['standard', 'admin']);
  });
});
