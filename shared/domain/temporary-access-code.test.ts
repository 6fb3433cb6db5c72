import { describe, expect, it } from 'vitest';
import {
  ACCESS_CODE_BYTES,
  ACCESS_CODE_LENGTH,
  accessCodeExpiresAt,
  accessCodeFailureMessage,
  accessCodeHoursSchema,
  accessCodeUsability,
  formatAccessCode,
  newAccessCode,
  normalizeAccessCode,
} from './temporary-access-code';
import { RECOVERY_ALPHABET } from './recovery-code';

describe('temporary access codes (R-RST-6)', () => {
  it('carries 80 random bits: 16 symbols of a 32-symbol alphabet from 10 bytes', () => {
    expect(ACCESS_CODE_LENGTH * Math.log2(RECOVERY_ALPHABET.length)).toBeGreaterThanOrEqual(80);
    const code = newAccessCode(new Uint8Array(ACCESS_CODE_BYTES).fill(0xff));
    expect(code).toBe('Z'.repeat(16));
    expect(newAccessCode(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]))).toBe('222222222222222' + '3');
    expect(() => newAccessCode(new Uint8Array(9))).toThrow(/exactly 10 random bytes/);
  });

  it('is shown in groups of four and read back from what a user types', () => {
    const code = 'ABCDEFGHJKLMNPQR';
    expect(formatAccessCode(code)).toBe('ABCD-EFGH-JKLM-NPQR');
    expect(normalizeAccessCode(' abcd efgh-jklm-npqr ')).toEqual({ ok: true, code });
    expect(normalizeAccessCode('')).toMatchObject({ ok: false, reason: 'empty' });
    expect(normalizeAccessCode('ABCD-EFGH-JKLM-NPQ0')).toMatchObject({ ok: false, reason: 'invalid_characters' });
    expect(normalizeAccessCode('ABCD-EFGH')).toMatchObject({ ok: false, reason: 'wrong_length', message: expect.stringMatching(/16 characters; you entered 8/) });
  });

  it('is valid 1 to 72 hours, 8 by default in the console', () => {
    expect(accessCodeHoursSchema.safeParse(1).success).toBe(true);
    expect(accessCodeHoursSchema.safeParse(72).success).toBe(true);
    expect(accessCodeHoursSchema.safeParse(0).success).toBe(false);
    expect(accessCodeHoursSchema.safeParse(73).error?.issues[0]?.message).toBe('A temporary access code stays valid for 1 to 72 hours.');
    expect(accessCodeHoursSchema.safeParse(1.5).success).toBe(false);
    expect(accessCodeExpiresAt(1000, 8)).toBe(1000 + 8 * 3_600_000);
  });

  it('works once, until it expires or is replaced', () => {
    const fresh = { expiresAt: 10_000, usedAt: null, revokedAt: null };
    expect(accessCodeUsability(fresh, 9_999)).toEqual({ usable: true });
    expect(accessCodeUsability(fresh, 10_000)).toEqual({ usable: false, reason: 'expired' });
    expect(accessCodeUsability({ ...fresh, usedAt: 5 }, 6)).toEqual({ usable: false, reason: 'used' });
    expect(accessCodeUsability({ ...fresh, revokedAt: 5 }, 6)).toEqual({ usable: false, reason: 'revoked' });
    expect(accessCodeFailureMessage('expired')).toMatch(/expired\. Ask your helpdesk for a new one/);
  });
});
