/**
 * R-AUD-2: how each webhook POST is signed, and how a receiver checks it (the scheme Stripe and GitHub use).
 *
 * Header `MFA-Signature: t=<unix seconds>,v1=<hex>`, where `<hex>` is the lower-case hex HMAC-SHA256, keyed with
 * the secret's UTF-8 bytes, of the ASCII bytes of `<unix seconds>`, one `.`, then the request body exactly as sent
 * (UTF-8 JSON). The timestamp is inside the signed bytes, so a captured request cannot be replayed later: receivers
 * refuse a signature older (or newer) than 5 minutes, and drop repeats by the event id (`MFA-Event-Id`).
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** The signature header (HTTP header names are case-insensitive). */
export const WEBHOOK_SIGNATURE_HEADER = 'MFA-Signature';
/** The event's stable id: the same on every retry of one entry (`<companyId>:<seq>`), so receivers can drop repeats. */
export const WEBHOOK_EVENT_ID_HEADER = 'MFA-Event-Id';
/** The event's type: `audit.entry` or `test`. */
export const WEBHOOK_EVENT_TYPE_HEADER = 'MFA-Event-Type';
/** How far a signature's timestamp may be from the receiver's clock. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** The hex HMAC-SHA256 of `<timestamp>.<body>` under the secret. */
function signatureHex(secret: string, timestampSeconds: number, body: string): string {
  return bytesToHex(hmac(sha256, utf8ToBytes(secret), utf8ToBytes(`${timestampSeconds}.${body}`)));
}

/** The `MFA-Signature` header value for a body sent at `timestampSeconds` (whole unix seconds). */
export function webhookSignature(secret: string, timestampSeconds: number, body: string): string {
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) throw new RangeError('The timestamp must be whole unix seconds.');
  return `t=${timestampSeconds},v1=${signatureHex(secret, timestampSeconds, body)}`;
}

/** Why a signature was refused. */
export type WebhookSignatureRefusal = 'malformed' | 'stale' | 'mismatch';

/** Compares two strings in time that depends only on their length. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/**
 * Checks a received `MFA-Signature` header against the raw body, as a receiver should: the timestamp within
 * `toleranceSeconds` of `nowSeconds`, and one of the `v1` signatures equal to the HMAC under `secret`.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string,
  body: string,
  nowSeconds: number,
  toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS,
): { ok: true; timestamp: number } | { ok: false; reason: WebhookSignatureRefusal } {
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamps = parts.filter(([key]) => key === 't').map(([, value]) => value ?? '');
  const signatures = parts.filter(([key]) => key === 'v1').map(([, value]) => value ?? '');
  const [stamp] = timestamps;
  if (timestamps.length !== 1 || stamp === undefined || !/^\d{1,15}$/.test(stamp) || signatures.length === 0) return { ok: false, reason: 'malformed' };
  const timestamp = Number(stamp);
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return { ok: false, reason: 'stale' };
  const expected = signatureHex(secret, timestamp, body);
  return signatures.some((candidate) => sameText(candidate, expected)) ? { ok: true, timestamp } : { ok: false, reason: 'mismatch' };
}
