import { describe, expect, it } from 'vitest';
import { verifyWebhookSignature, webhookSignature } from './webhook-signature';

const SECRET = 'whsec_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';
const BODY = '{"id":"c1:7","type":"audit.entry","entry":{"action":"policy.update","note":"é ✓"}}';

describe('webhook signature', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 under the secret, as documented (the value OpenSSL gives)', () => {
    // printf '%s' "1767225600.$BODY" | openssl dgst -sha256 -hmac "$SECRET"
    const openssl = '893b0e91f5a1949a179aa0c58d172d08cdf15f2757a94b3b1f7f2bf5afa2b71e';
    expect(webhookSignature(SECRET, 1767225600, BODY)).toBe(`t=1767225600,v1=${openssl}`);
  });

  it('verifies a fresh signature, and one among several v1 values', () => {
    const header = webhookSignature(SECRET, 1767225600, BODY);
    expect(verifyWebhookSignature(SECRET, header, BODY, 1767225600 + 299)).toEqual({ ok: true, timestamp: 1767225600 });
    const other = webhookSignature('whsec_another-secret-another-secret-xx', 1767225600, BODY).split(',')[1];
    expect(verifyWebhookSignature(SECRET, `${header.split(',')[0]},${other},${header.split(',')[1]}`, BODY, 1767225600).ok).toBe(true);
  });

  it('refuses a changed body, another secret, a replay after 5 minutes, and malformed headers', () => {
    const header = webhookSignature(SECRET, 1767225600, BODY);
    expect(verifyWebhookSignature(SECRET, header, BODY.replace('policy', 'polic'), 1767225600)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyWebhookSignature(`${SECRET}x`, header, BODY, 1767225600)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyWebhookSignature(SECRET, header, BODY, 1767225600 + 301)).toEqual({ ok: false, reason: 'stale' });
    expect(verifyWebhookSignature(SECRET, header, BODY, 1767225600 - 301)).toEqual({ ok: false, reason: 'stale' });
    // A timestamp moved forward by an attacker breaks the signature, since it is part of the signed bytes.
    expect(verifyWebhookSignature(SECRET, header.replace('t=1767225600', 't=1767225900'), BODY, 1767225900)).toEqual({ ok: false, reason: 'mismatch' });
    for (const bad of ['', 'v1=abc', 't=1767225600', 't=x,v1=ab', 't=1,t=2,v1=ab']) {
      expect(verifyWebhookSignature(SECRET, bad, BODY, 1767225600)).toEqual({ ok: false, reason: 'malformed' });
    }
  });
});
