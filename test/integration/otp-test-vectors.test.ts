import { describe, it, expect } from 'vitest';
import { ScureBase32Plugin, generateSync } from 'otplib';
import vectors from '../fixtures/otp-test-vectors.json';
import { totpCode, verifyTotp } from '../../shared/domain/totp';

// RFC 6238 Appendix B and RFC 4226 Appendix D, copied from the reference folder into test/fixtures.
const ascii = (text: string) => new TextEncoder().encode(text);
const base32 = new ScureBase32Plugin();
const algorithms = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' } as const;

function algorithmOf(name: string) {
  if (name !== 'SHA1' && name !== 'SHA256' && name !== 'SHA512') throw new Error(`unknown algorithm ${name}`);
  return algorithms[name];
}

describe('RFC 6238 TOTP vectors', () => {
  it('has all 18 vectors of the RFC', () => {
    expect(vectors.totp).toHaveLength(18);
  });

  for (const vector of vectors.totp) {
    it(`${vector.algorithm} at T=${vector.time} is ${vector.expected}`, () => {
      const code = generateSync({
        secret: ascii(vector.secretAscii),
        algorithm: algorithmOf(vector.algorithm),
        digits: vector.digits,
        period: vector.step,
        epoch: vector.time,
      });
      expect(code).toBe(vector.expected);
    });
  }

  it('gives the same codes through the domain functions (SHA-1, 6 digits)', () => {
    for (const vector of vectors.totp.filter((v) => v.algorithm === 'SHA1')) {
      const secret = base32.encode(ascii(vector.secretAscii), { padding: false });
      const sixDigits = vector.expected.slice(-6);
      expect(totpCode(secret, vector.time * 1000)).toBe(sixDigits);
      expect(verifyTotp(secret, sixDigits, vector.time * 1000, null)).toEqual({
        ok: true,
        step: Math.floor(vector.time / vector.step),
        drift: 0,
      });
    }
  });
});

describe('RFC 4226 HOTP vectors', () => {
  for (const vector of vectors.hotp) {
    it(`counter ${vector.counter} is ${vector.expected}`, () => {
      const code = generateSync({
        strategy: 'hotp',
        secret: ascii(vectors.hotpParams.secretAscii),
        algorithm: algorithmOf(vectors.hotpParams.algorithm),
        digits: vectors.hotpParams.digits,
        counter: vector.counter,
      });
      expect(code).toBe(vector.expected);
    });
  }
});
