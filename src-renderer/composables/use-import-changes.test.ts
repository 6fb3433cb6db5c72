import { describe, expect, it } from 'vitest';
import { describeImportChange, permissionChangeLines } from './use-import-changes';

const riley = {
  line: 2,
  userId: 'u1',
  email: 'RILEY@x.example',
  kind: 'updated' as const,
  before: { email: 'riley@x.example', directory: 'read_only' },
  after: { email: 'RILEY@x.example', directory: 'none' },
  permissionChange: true,
};
const gus = { line: 5, userId: 'u2', email: 'gus@x.example', kind: 'added' as const, before: null, after: { email: 'gus@x.example', name: 'Gus', companyAdmin: 'admin' }, permissionChange: true };

describe('import changes in words', () => {
  it('says each changed field before and after, with the labels of the Directory screen', () => {
    expect(describeImportChange(riley)).toEqual(['Email: riley@x.example → RILEY@x.example', 'Directory: Read only → None']);
    expect(describeImportChange(gus)).toEqual(['Company Admin: Admin']);
  });

  it('lists the permission changes for the confirmation, new users marked', () => {
    expect(permissionChangeLines([riley, gus, { ...riley, permissionChange: false, line: 9 }])).toEqual([
      'RILEY@x.example (line 2): Directory: Read only → None',
      'gus@x.example (line 5, new user): Company Admin: Admin',
    ]);
  });
});
