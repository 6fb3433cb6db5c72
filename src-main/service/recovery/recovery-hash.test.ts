import { describe, expect, it } from 'vitest';
import { hashRecoveryCode, recoveryCodeMatches } from './recovery-hash';

const CODE = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

describe('recovery code hashes', () => {
  it('match the code they were made from, and no other', () => {
    const stored = hashRecoveryCode(CODE);
    expect(stored).not.toContain(CODE);
    expect(recoveryCodeMatches(CODE, stored)).toBe(true);
    expect(recoveryCodeMatches(`${CODE.slice(0, -1)}8`, stored)).toBe(false);
  });

  it('are salted, so the same code never hashes the same twice', () => {
    expect(hashRecoveryCode(CODE)).not.toBe(hashRecoveryCode(CODE));
  });

  it('refuse a stored value of another format', () => {
    expect(recoveryCodeMatches(CODE, 'md5$x$y')).toBe(false);
    expect(recoveryCodeMatches(CODE, '')).toBe(false);
  });
});
