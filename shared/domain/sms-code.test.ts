import { describe, it, expect } from 'vitest';
import {
  newSmsCode,
  normalizeSmsCodeInput,
  smsCodeExpiresAt,
  smsCodeFailureMessage,
  smsCodeUsability,
  smsResendDecision,
} from './sms-code';

const NOW = Date.UTC(2026, 5, 1, 12);

function words(...values: number[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  values.forEach((value, i) => new DataView(bytes.buffer).setUint32(i * 4, value));
  return bytes;
}

describe('new SMS code (R-SMS-1)', () => {
  it('is six digits, leading zeros kept', () => {
    expect(newSmsCode(words(0, 0, 0, 0))).toBe('000000');
    expect(newSmsCode(words(123_456))).toBe('123456');
    expect(newSmsCode(words(1_000_042))).toBe('000042');
  });

  it('skips 32-bit values that would bias the result', () => {
    const limit = Math.floor(2 ** 32 / 1e6) * 1e6;
    expect(newSmsCode(words(limit, 7))).toBe('000007');
    expect(newSmsCode(words(limit - 1))).toBe(String((limit - 1) % 1e6).padStart(6, '0'));
    expect(() => newSmsCode(words(limit, limit + 1, 2 ** 32 - 1, limit))).toThrow(/Not enough randomness/);
  });

  it('refuses too little randomness', () => {
    expect(() => newSmsCode(new Uint8Array(3))).toThrow(RangeError);
  });
});

describe('SMS code lifetime and use', () => {
  it('expires after the policy lifetime, 10 minutes by default', () => {
    expect(smsCodeExpiresAt(NOW, { smsCodeTtlMinutes: 10 })).toBe(NOW + 600_000);
    expect(smsCodeExpiresAt(NOW, { smsCodeTtlMinutes: 30 })).toBe(NOW + 1_800_000);
  });

  it('works until it expires, is used or is voided by a resend', () => {
    const record = { expiresAt: NOW + 600_000, usedAt: null, voidedAt: null };
    expect(smsCodeUsability(record, NOW + 599_999)).toEqual({ usable: true });
    expect(smsCodeUsability(record, NOW + 600_000)).toEqual({ usable: false, reason: 'expired' });
    expect(smsCodeUsability({ ...record, usedAt: NOW }, NOW)).toEqual({ usable: false, reason: 'used' });
    expect(smsCodeUsability({ ...record, voidedAt: NOW }, NOW)).toEqual({ usable: false, reason: 'voided' });
  });

  it('reads typed codes and refuses what is not six digits', () => {
    expect(normalizeSmsCodeInput(' 123 456 ')).toBe('123456');
    expect(normalizeSmsCodeInput('123-456')).toBe('123456');
    expect(normalizeSmsCodeInput('12345')).toBeNull();
    expect(normalizeSmsCodeInput('abcdef')).toBeNull();
  });

  it('explains each refusal with what to do next', () => {
    expect(smsCodeFailureMessage('malformed')).toMatch(/6-digit code/);
    expect(smsCodeFailureMessage('wrong')).toMatch(/try again/);
    expect(smsCodeFailureMessage('expired')).toMatch(/expired.*Resend New Code/);
    expect(smsCodeFailureMessage('used')).toMatch(/already used/);
    expect(smsCodeFailureMessage('voided')).toMatch(/latest text message/);
  });
});

describe('SMS resend throttle', () => {
  it('allows the first code and one every 30 seconds', () => {
    expect(smsResendDecision([], NOW)).toEqual({ allowed: true });
    expect(smsResendDecision([NOW - 30_000], NOW)).toEqual({ allowed: true });
    const early = smsResendDecision([NOW - 10_000], NOW);
    expect(early).toMatchObject({ allowed: false, retryAt: NOW + 20_000 });
    expect(early.allowed ? '' : early.message).toMatch(/Wait 20 seconds/);
  });

  it('allows at most five codes per hour', () => {
    const five = [50, 40, 30, 20, 10].map((minutes) => NOW - minutes * 60_000);
    const decision = smsResendDecision(five, NOW);
    expect(decision).toMatchObject({ allowed: false, retryAt: NOW + 10 * 60_000 });
    expect(decision.allowed ? '' : decision.message).toMatch(/Wait 10 minutes/);
    expect(smsResendDecision(five, NOW + 10 * 60_000)).toEqual({ allowed: true });
    expect(smsResendDecision([NOW - 61 * 60_000, ...five.slice(1)], NOW)).toEqual({ allowed: true });
  });
});
