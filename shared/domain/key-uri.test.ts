import { describe, it, expect } from 'vitest';
import { authenticatorCode, keyUri, parseKeyUri } from './key-uri';
import type { AuthenticatorAccount } from './key-uri';
import { totpCode, verifyTotp } from './totp';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const NOW = Date.UTC(2026, 5, 1, 12, 0, 10);

function account(uri: string): AuthenticatorAccount {
  const scan = parseKeyUri(uri);
  if (!scan.ok) throw new Error(scan.message);
  return scan.account;
}

describe('key URI (R-TOTP-1)', () => {
  it('names issuer and email, URI-encoded, with the parameters apps honour', () => {
    expect(keyUri({ issuer: 'Acme Builders', email: 'ana+mfa@example.com', secret: SECRET })).toBe(
      `otpauth://totp/Acme%20Builders:ana%2Bmfa%40example.com?secret=${SECRET}&issuer=Acme%20Builders&algorithm=SHA1&digits=6&period=30`,
    );
  });

  it('encodes characters that would break the URI', () => {
    const uri = keyUri({ issuer: 'R&D / Ops?', email: 'o#x@example.com', secret: SECRET });
    expect(uri).toContain('otpauth://totp/R%26D%20%2F%20Ops%3F:o%23x%40example.com?');
    expect(account(uri)).toMatchObject({ issuer: 'R&D / Ops?', accountName: 'o#x@example.com' });
  });

  it('refuses a colon in the issuer or email', () => {
    expect(() => keyUri({ issuer: 'Acme: HQ', email: 'a@example.com', secret: SECRET })).toThrow(RangeError);
  });
});

describe('scanning a key URI like an authenticator app', () => {
  it('reads back what we generate, and shows the code the service accepts', () => {
    const scanned = account(keyUri({ issuer: 'Acme Builders', email: 'ana+mfa@example.com', secret: SECRET }));
    expect(scanned).toEqual({
      issuer: 'Acme Builders',
      accountName: 'ana+mfa@example.com',
      secret: SECRET,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
    const code = authenticatorCode(scanned, NOW);
    expect(code).toBe(totpCode(SECRET, NOW));
    expect(verifyTotp(SECRET, code, NOW, null)).toMatchObject({ ok: true });
  });

  it('uses defaults, the label issuer and a tidied secret like real apps', () => {
    const scanned = account('otpauth://totp/Example:alice@example.com?secret=gezd%20gnbv%20gy3t%20qojq%20gezd%20gnbv%20gy3t%20qojq');
    expect(scanned).toMatchObject({ issuer: 'Example', accountName: 'alice@example.com', secret: SECRET, digits: 6 });
    expect(account('OTPAUTH://TOTP/alice?secret=' + SECRET)).toMatchObject({ issuer: '', accountName: 'alice' });
  });

  it('follows other algorithms and lengths (RFC 6238 SHA-256, 8 digits)', () => {
    const sha256Secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA';
    const scanned = account(`otpauth://totp/X:y?secret=${sha256Secret}&algorithm=SHA256&digits=8&period=30`);
    expect(authenticatorCode(scanned, 59_000)).toBe('46119246');
  });

  it('refuses what is not a TOTP set-up code', () => {
    expect(parseKeyUri('https://example.com/setup')).toMatchObject({ ok: false, reason: 'not_otpauth' });
    expect(parseKeyUri(`otpauth://hotp/X:y?secret=${SECRET}&counter=0`)).toMatchObject({ reason: 'not_totp' });
    expect(parseKeyUri(`otpauth://totp/X%E0%A4%A:y?secret=${SECRET}`)).toMatchObject({ reason: 'malformed' });
  });

  it('refuses a missing, broken or too short secret', () => {
    expect(parseKeyUri('otpauth://totp/X:y?issuer=X')).toMatchObject({ reason: 'invalid_secret' });
    expect(parseKeyUri('otpauth://totp/X:y?secret=NOT-BASE32!')).toMatchObject({ reason: 'invalid_secret' });
    expect(parseKeyUri('otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP')).toMatchObject({ reason: 'invalid_secret' });
  });

  it('refuses settings apps do not support and conflicting issuers', () => {
    expect(parseKeyUri(`otpauth://totp/X:y?secret=${SECRET}&digits=7`)).toMatchObject({ reason: 'unsupported' });
    expect(parseKeyUri(`otpauth://totp/X:y?secret=${SECRET}&algorithm=MD5`)).toMatchObject({ reason: 'unsupported' });
    expect(parseKeyUri(`otpauth://totp/X:y?secret=${SECRET}&period=0`)).toMatchObject({ reason: 'unsupported' });
    const mismatch = parseKeyUri(`otpauth://totp/Acme:y?secret=${SECRET}&issuer=Evil`);
    expect(mismatch).toMatchObject({ ok: false, reason: 'issuer_mismatch' });
  });
});
