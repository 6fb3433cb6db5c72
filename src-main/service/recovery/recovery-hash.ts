/**
 * Recovery codes at rest (R-REC-1): a salted SHA-256, `sha256$<salt>$<hash>`. A code carries 160 random bits, so a
 * fast hash is enough (nobody can enumerate 2^160); the salt makes equal codes look different.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

function digest(salt: Buffer, code: string): Buffer {
  return createHash('sha256').update(salt).update(code, 'utf8').digest();
}

/** The stored form of a canonical code (see `normalizeRecoveryCode`). */
export function hashRecoveryCode(code: string): string {
  const salt = randomBytes(16);
  return ['sha256', salt.toString('base64url'), digest(salt, code).toString('base64url')].join('$');
}

/** True when the canonical `code` is the one hashed into `stored` (constant time). */
export function recoveryCodeMatches(code: string, stored: string): boolean {
  const [scheme, saltText, hashText] = stored.split('$');
  if (scheme !== 'sha256' || saltText === undefined || hashText === undefined) return false;
  const expected = Buffer.from(hashText, 'base64url');
  const actual = digest(Buffer.from(saltText, 'base64url'), code);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
