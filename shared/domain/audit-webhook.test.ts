import { describe, expect, it } from 'vitest';
import { WEBHOOK_RETRY, webhookRetryDelayMs, webhookSecretFromBytes, webhookSecretProblem, webhookUrlProblem } from './audit-webhook';

describe('audit webhook rules', () => {
  it('waits 1 s after the first failure, doubling each time, never more than 10 minutes', () => {
    expect([1, 2, 3, 4, 10, 11].map((failures) => webhookRetryDelayMs(failures))).toEqual([1_000, 2_000, 4_000, 8_000, 512_000, 600_000]);
    expect(webhookRetryDelayMs(500)).toBe(WEBHOOK_RETRY.maxMs);
    expect(webhookRetryDelayMs(3, { firstMs: 50, maxMs: 120 })).toBe(120);
  });

  it('accepts https anywhere and plain http only on this computer', () => {
    expect(webhookUrlProblem('https://siem.example.com/hooks/mfa?source=mfa')).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:8088/hook')).toBeNull();
    expect(webhookUrlProblem('http://localhost/hook')).toBeNull();
    expect(webhookUrlProblem('http://[::1]:9000/')).toBeNull();
    expect(webhookUrlProblem('http://siem.example.com/hook')).toMatch(/Use an https:\/\/ address/);
    expect(webhookUrlProblem('http://127.0.0.2/hook')).toMatch(/only for a receiver on this computer/);
    expect(webhookUrlProblem('ftp://siem.example.com/')).toMatch(/https/);
  });

  it('refuses what is not an address, credentials, fragments and very long addresses, saying why', () => {
    expect(webhookUrlProblem('')).toMatch(/Enter the address/);
    expect(webhookUrlProblem('siem.example.com')).toMatch(/not a web address/);
    expect(webhookUrlProblem('https://user:pw@siem.example.com/')).toMatch(/user name and password/);
    expect(webhookUrlProblem('https://siem.example.com/#x')).toMatch(/fragment/);
    expect(webhookUrlProblem(`https://siem.example.com/${'a'.repeat(2048)}`)).toMatch(/too long/);
  });

  it('checks a secret: 32 to 256 visible ASCII characters', () => {
    expect(webhookSecretProblem('x'.repeat(31))).toMatch(/at least 32/);
    expect(webhookSecretProblem('x'.repeat(32))).toBeNull();
    expect(webhookSecretProblem('x'.repeat(257))).toMatch(/at most 256/);
    expect(webhookSecretProblem(`${'x'.repeat(32)} y`)).toMatch(/no spaces/);
    expect(webhookSecretProblem(`${'x'.repeat(32)}é`)).toMatch(/visible ASCII/);
  });

  it('makes a secret from 32 random bytes as whsec_ + base64url, which passes its own rule', () => {
    const bytes = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
    const secret = webhookSecretFromBytes(bytes);
    expect(secret).toBe(`whsec_${Buffer.from(bytes).toString('base64url')}`);
    expect(secret).toHaveLength(6 + 43);
    expect(webhookSecretProblem(secret)).toBeNull();
    expect(() => webhookSecretFromBytes(new Uint8Array(16))).toThrow(RangeError);
  });
});
