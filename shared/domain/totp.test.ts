import { describe, it, expect } from 'vitest';
import { decodeBase32Secret, groupSecret, newTotpSecret, recheckTotp, totpCode, totpSecondsLeft, totpStep, verifyTotp } from './totp';

const ascii = (text: string) => new TextEncoder().encode(text);
// Base32 of the RFC 6238 SHA-1 seed "12345678901234567890".
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const STEP_MS = 30_000;
// Some instant in the middle of a step.
const NOW = Date.UTC(2026, 5, 1, 12, 0, 10);

function flipLastDigit(code: string): string {
  const last = Number(code.at(-1));
  return code.slice(0, -1) + String((last + 1) % 10);
}

describe('TOTP secret (R-TOTP-1)', () => {
  it('encodes 20 random bytes as 32 Base32 characters without padding', () => {
    expect(newTotpSecret(ascii('12345678901234567890'))).toBe(RFC_SECRET);
    const secret = newTotpSecret(new Uint8Array(20).fill(255));
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  });

  it('refuses anything but 20 bytes of randomness', () => {
    expect(() => newTotpSecret(new Uint8Array(16))).toThrow(RangeError);
    expect(() => newTotpSecret(new Uint8Array(32))).toThrow(/exactly 20/);
  });

  it('groups the secret in fours for manual entry', () => {
    expect(groupSecret(RFC_SECRET)).toBe('GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ');
    expect(groupSecret('ABCDEF')).toBe('ABCD EF');
  });

  it('decodes secrets as apps accept them, and refuses broken ones', () => {
    expect(decodeBase32Secret('gezd gnbv gy3t qojq gezd gnbv gy3t qojq')).toEqual(ascii('12345678901234567890'));
    expect(decodeBase32Secret('MFRGG===')).toEqual(ascii('abc'));
    expect(decodeBase32Secret('A1B8')).toBeNull();
    expect(decodeBase32Secret('')).toBeNull();
  });
});

describe('TOTP codes', () => {
  it('matches the RFC 6238 SHA-1 vectors (last six digits)', () => {
    expect(totpCode(RFC_SECRET, 59_000)).toBe('287082');
    expect(totpCode(RFC_SECRET, 1_111_111_109_000)).toBe('081804');
    expect(totpCode(RFC_SECRET, 1_234_567_890_000)).toBe('005924');
  });

  it('knows the step and the seconds left on the phone countdown', () => {
    expect(totpStep(59_999)).toBe(1);
    expect(totpStep(60_000)).toBe(2);
    expect(totpSecondsLeft(59_000)).toBe(1);
    expect(totpSecondsLeft(60_000)).toBe(30);
    expect(totpSecondsLeft(60_999)).toBe(30);
    expect(totpSecondsLeft(61_000)).toBe(29);
  });

  it('changes the code at each step boundary', () => {
    expect(totpCode(RFC_SECRET, 59_999)).toBe(totpCode(RFC_SECRET, 30_000));
    expect(totpCode(RFC_SECRET, 60_000)).not.toBe(totpCode(RFC_SECRET, 59_999));
  });
});

describe('TOTP verification (R-TOTP-2)', () => {
  const current = totpStep(NOW);
  const codeNow = totpCode(RFC_SECRET, NOW);
  const codePrevious = totpCode(RFC_SECRET, NOW - STEP_MS);

  it('accepts the current code and returns its step', () => {
    expect(verifyTotp(RFC_SECRET, codeNow, NOW, null)).toEqual({ ok: true, step: current, drift: 0 });
  });

  it('accepts the previous code for clock drift', () => {
    expect(verifyTotp(RFC_SECRET, codePrevious, NOW, null)).toEqual({ ok: true, step: current - 1, drift: -1 });
  });

  it('refuses older and future codes as wrong', () => {
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, NOW - 2 * STEP_MS), NOW, null)).toMatchObject({
      ok: false,
      reason: 'wrong',
    });
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, NOW + STEP_MS), NOW, null)).toMatchObject({ reason: 'wrong' });
    expect(verifyTotp(RFC_SECRET, flipLastDigit(codeNow), NOW, null)).toMatchObject({ reason: 'wrong' });
  });

  it('never accepts a step at or before the last accepted one', () => {
    expect(verifyTotp(RFC_SECRET, codeNow, NOW, current)).toMatchObject({ ok: false, reason: 'replay' });
    expect(verifyTotp(RFC_SECRET, codePrevious, NOW, current)).toMatchObject({ reason: 'replay' });
    expect(verifyTotp(RFC_SECRET, codePrevious, NOW, current - 1)).toMatchObject({ reason: 'replay' });
    expect(verifyTotp(RFC_SECRET, codeNow, NOW, current - 1)).toEqual({ ok: true, step: current, drift: 0 });
    expect(verifyTotp(RFC_SECRET, codePrevious, NOW, current - 2)).toMatchObject({ ok: true, step: current - 1 });
  });

  it('treats codes as replays when the clock is behind the last accepted step', () => {
    expect(verifyTotp(RFC_SECRET, codeNow, NOW, current + 5)).toMatchObject({ reason: 'replay' });
    expect(verifyTotp(RFC_SECRET, flipLastDigit(codeNow), NOW, current + 5)).toMatchObject({ reason: 'wrong' });
  });

  it('ignores spaces and dashes typed in the code', () => {
    const spaced = `${codeNow.slice(0, 3)} ${codeNow.slice(3)}`;
    expect(verifyTotp(RFC_SECRET, spaced, NOW, null)).toMatchObject({ ok: true });
    expect(verifyTotp(RFC_SECRET, `${codeNow.slice(0, 3)}-${codeNow.slice(3)}`, NOW, null)).toMatchObject({ ok: true });
  });

  it('says what to type when the code is not six digits', () => {
    for (const input of ['', '12345', '1234567', 'abcdef', '12345a', '１２３４５６']) {
      const result = verifyTotp(RFC_SECRET, input, NOW, null);
      expect(result).toMatchObject({ ok: false, reason: 'malformed' });
      expect(result.ok ? '' : result.message).toBe('Enter the 6-digit code shown in your authenticator app.');
    }
  });

  it('explains wrong and replayed codes in plain words', () => {
    const wrong = verifyTotp(RFC_SECRET, flipLastDigit(codeNow), NOW, null);
    expect(wrong.ok ? '' : wrong.message).toMatch(/not right.*try again/);
    const replay = verifyTotp(RFC_SECRET, codeNow, NOW, current);
    expect(replay.ok ? '' : replay.message).toMatch(/already used.*next code/);
  });

  it('fails loudly on a damaged stored secret', () => {
    expect(() => verifyTotp('NOT*BASE32', '123456', NOW, null)).toThrow();
  });
});

describe('TOTP verification checked again at the write (R-TOTP-2)', () => {
  const verified = verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, NOW), NOW, null);

  it('keeps an accepted step that is still after the stored one', () => {
    expect(recheckTotp(verified, null)).toEqual(verified);
    expect(recheckTotp(verified, totpStep(NOW) - 1)).toEqual(verified);
  });

  it('turns it into a replay once another request stored that step or a later one', () => {
    expect(recheckTotp(verified, totpStep(NOW))).toMatchObject({ ok: false, reason: 'replay' });
    expect(recheckTotp(verified, totpStep(NOW) + 1)).toMatchObject({ ok: false, reason: 'replay' });
  });

  it('leaves a refused code refused', () => {
    const wrong = verifyTotp(RFC_SECRET, '000000', NOW, null);
    expect(recheckTotp(wrong, null)).toEqual(wrong);
  });
});
