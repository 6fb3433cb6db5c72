import { describe, it, expect } from 'vitest';
import {
  RECOVERY_ALPHABET,
  formatRecoveryCode,
  newRecoveryCode,
  normalizeRecoveryCode,
} from './recovery-code';

describe('recovery code alphabet (R-REC-1)', () => {
  it('has 32 distinct symbols and none of the confusable 0, O, 1, I', () => {
    expect(new Set(RECOVERY_ALPHABET).size).toBe(32);
    expect(RECOVERY_ALPHABET).toHaveLength(32);
    for (const confusable of ['0', 'O', '1', 'I']) expect(RECOVERY_ALPHABET).not.toContain(confusable);
    expect(RECOVERY_ALPHABET).toMatch(/^[2-9A-Z]+$/);
  });
});

describe('new recovery code', () => {
  it('turns 20 bytes into 32 symbols, 5 bits each, most significant first', () => {
    expect(newRecoveryCode(new Uint8Array(20))).toBe('2'.repeat(32));
    expect(newRecoveryCode(new Uint8Array(20).fill(255))).toBe('Z'.repeat(32));
    // 0x08 0x42 … repeats the bit pattern 00001 00001 …: every symbol is the second one of the alphabet.
    const ones = Uint8Array.from([0x08, 0x42, 0x10, 0x84, 0x21, 0x08, 0x42, 0x10, 0x84, 0x21, 0x08, 0x42, 0x10, 0x84, 0x21, 0x08, 0x42, 0x10, 0x84, 0x21]);
    expect(newRecoveryCode(ones)).toBe('3'.repeat(32));
  });

  it('gives different codes for different randomness', () => {
    const a = new Uint8Array(20);
    const b = new Uint8Array(20);
    b[19] = 1;
    expect(newRecoveryCode(a)).not.toBe(newRecoveryCode(b));
    expect(newRecoveryCode(b).slice(-1)).toBe('3');
  });

  it('refuses anything but 20 bytes', () => {
    expect(() => newRecoveryCode(new Uint8Array(19))).toThrow(RangeError);
    expect(() => newRecoveryCode(new Uint8Array(21))).toThrow(/exactly 20/);
  });
});

describe('recovery code display and input', () => {
  const code = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

  it('shows eight groups of four', () => {
    expect(formatRecoveryCode(code)).toBe('ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789');
  });

  it('reads the code back however it was typed or pasted', () => {
    expect(normalizeRecoveryCode(formatRecoveryCode(code))).toEqual({ ok: true, code });
    expect(normalizeRecoveryCode(' abcd efgh jklm npqr stuv wxyz 2345 6789\n')).toEqual({ ok: true, code });
  });

  it('says when nothing was typed', () => {
    expect(normalizeRecoveryCode(' - ')).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('refuses characters a recovery code never has, naming them', () => {
    const result = normalizeRecoveryCode(code.replace('A', '0'));
    expect(result).toMatchObject({ ok: false, reason: 'invalid_characters' });
    expect(result.ok ? '' : result.message).toMatch(/never 0, 1, I or O/);
    expect(normalizeRecoveryCode(code.replace('B', 'I'))).toMatchObject({ reason: 'invalid_characters' });
    expect(normalizeRecoveryCode(code.replace('C', '!'))).toMatchObject({ reason: 'invalid_characters' });
  });

  it('refuses a code of the wrong length, saying how many characters were typed', () => {
    const result = normalizeRecoveryCode(code.slice(0, 28));
    expect(result).toMatchObject({ ok: false, reason: 'wrong_length' });
    expect(result.ok ? '' : result.message).toMatch(/32 characters; you entered 28/);
    expect(normalizeRecoveryCode(`${code}A`)).toMatchObject({ reason: 'wrong_length' });
  });
});
