/**
 * R-AUD-2: audit entries streamed to a webhook. The rules every side shares: which addresses may receive entries,
 * what a signing secret looks like (and how one is made from random bytes), and how long a failed delivery waits
 * before the next try.
 */
import { bytesToSymbols } from './bit-text';
import { checkWebAddress } from './web-address';

/** Longest webhook address accepted. */
export const WEBHOOK_URL_MAX = 2048;

/** A signing secret's length in characters: at least 32 (≥ 190 bits as generated), at most 256. */
export const WEBHOOK_SECRET_LENGTH = { min: 32, max: 256 } as const;

/** What a generated secret starts with, so people recognise it in their SIEM's settings. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** Bytes of randomness in a generated secret. */
export const WEBHOOK_SECRET_BYTES = 32;

/** Waits between tries: the first retry after `firstMs`, each next one twice as long, never more than `maxMs`. */
export interface WebhookRetrySchedule {
  readonly firstMs: number;
  readonly maxMs: number;
}

/** The schedule the service uses: 1 s, 2 s, 4 s … up to 10 minutes. */
export const WEBHOOK_RETRY: WebhookRetrySchedule = { firstMs: 1_000, maxMs: 10 * 60_000 };

/** How long to wait after `failures` failed tries in a row (1 = the first failure). */
export function webhookRetryDelayMs(failures: number, schedule: WebhookRetrySchedule = WEBHOOK_RETRY): number {
  const doublings = Math.max(0, Math.min(failures - 1, 40));
  return Math.min(schedule.maxMs, schedule.firstMs * 2 ** doublings);
}

/**
 * Why an address cannot receive audit entries, in plain words, or null when it can: https (or plain http on this
 * computer only, for a receiver running beside the service), without a user name or password, at most 2,048
 * characters.
 */
export function webhookUrlProblem(raw: string): string | null {
  if (raw.trim() === '') return 'Enter the address entries are posted to, for example https://siem.example.com/hooks/mfa.';
  if (raw.length > WEBHOOK_URL_MAX) return `That address is too long: at most ${WEBHOOK_URL_MAX} characters.`;
  const checked = checkWebAddress(raw);
  if (checked.ok) return checked.url.hash === '' ? null : 'Leave the #fragment out of the address: it is never sent to the receiver.';
  switch (checked.problem) {
    case 'not_an_address':
      return 'That is not a web address. Type it in full, for example https://siem.example.com/hooks/mfa.';
    case 'credentials':
      return 'Leave the user name and password out of the address: entries are signed with the secret instead.';
    case 'not_https':
      return 'Use an https:// address. Plain http:// is accepted only for a receiver on this computer (127.0.0.1 or localhost).';
  }
}

/** Why a signing secret is refused, in plain words, or null: 32 to 256 visible ASCII characters, no spaces. */
export function webhookSecretProblem(secret: string): string | null {
  if (secret.length < WEBHOOK_SECRET_LENGTH.min) return `The secret must be at least ${WEBHOOK_SECRET_LENGTH.min} characters long. Generate one.`;
  if (secret.length > WEBHOOK_SECRET_LENGTH.max) return `The secret can be at most ${WEBHOOK_SECRET_LENGTH.max} characters long.`;
  if (!/^[\x21-\x7e]+$/.test(secret)) return 'The secret may hold only visible ASCII characters (letters, digits, punctuation), no spaces.';
  return null;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A signing secret made from random bytes (the caller passes `WEBHOOK_SECRET_BYTES` of them): `whsec_` + base64url. */
export function webhookSecretFromBytes(bytes: Uint8Array): string {
  if (bytes.length < WEBHOOK_SECRET_BYTES) throw new RangeError(`A secret needs ${WEBHOOK_SECRET_BYTES} random bytes.`);
  return `${WEBHOOK_SECRET_PREFIX}${bytesToSymbols(bytes, BASE64URL)}`;
}
