/**
 * The `otpauth://` key URI (R-TOTP-1): built for the QR code, and read back the way an authenticator app reads it
 * when it scans (the simulated phone of R-CON-2 uses this, so it only works with what real apps would accept).
 */
import { generateSync } from 'otplib';
import { TOTP_PARAMS, decodeBase32Secret } from './totp';

/** What an authenticator app stores after scanning. */
export interface AuthenticatorAccount {
  readonly issuer: string;
  readonly accountName: string;
  /** Base32, upper case, no spaces or padding. */
  readonly secret: string;
  readonly algorithm: 'SHA1' | 'SHA256' | 'SHA512';
  readonly digits: 6 | 8;
  readonly period: number;
}

/** Why a scanned URI is refused. */
export type KeyUriRefusal = 'not_otpauth' | 'not_totp' | 'malformed' | 'invalid_secret' | 'unsupported' | 'issuer_mismatch';

/** Outcome of scanning a URI. */
export type KeyUriScan =
  | { readonly ok: true; readonly account: AuthenticatorAccount }
  | { readonly ok: false; readonly reason: KeyUriRefusal; readonly message: string };

/** Fewest secret bytes accepted (otplib's guardrail; ours are 20). */
const MIN_SECRET_BYTES = 16;

/**
 * The `otpauth://totp/ISSUER:EMAIL?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30` URI.
 * Issuer and email are URI-encoded; neither may contain `:` (it separates them in the label).
 */
export function keyUri(input: { readonly issuer: string; readonly email: string; readonly secret: string }): string {
  if (input.issuer.includes(':') || input.email.includes(':')) {
    throw new RangeError('The issuer and email of a key URI cannot contain ":".');
  }
  const issuer = encodeURIComponent(input.issuer);
  const label = `${issuer}:${encodeURIComponent(input.email)}`;
  const { algorithm, digits, period } = TOTP_PARAMS;
  return `otpauth://totp/${label}?secret=${input.secret}&issuer=${issuer}&algorithm=${algorithm}&digits=${digits}&period=${period}`;
}

function refuse(reason: KeyUriRefusal, message: string): KeyUriScan {
  return { ok: false, reason, message };
}

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

function readQuery(query: string): Map<string, string> | null {
  const params = new Map<string, string>();
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = decode(eq < 0 ? '' : pair.slice(eq + 1));
    if (key === null || value === null) return null;
    params.set(key.toLowerCase(), value);
  }
  return params;
}

const ALGORITHMS = new Set(['SHA1', 'SHA256', 'SHA512']);

/** Read a scanned QR code the way an authenticator app does (defaults: SHA1, 6 digits, 30 s). */
export function parseKeyUri(uri: string): KeyUriScan {
  const match = /^otpauth:\/\/([^/?#]*)\/([^?#]*)(?:\?([^#]*))?/i.exec(uri.trim());
  if (!match) return refuse('not_otpauth', 'This QR code is not an authenticator set-up code.');
  const [, type = '', rawLabel = '', query = ''] = match;
  if (type.toLowerCase() !== 'totp') {
    return refuse('not_totp', 'This set-up code is not for time-based codes (TOTP), which this app uses.');
  }
  const label = decode(rawLabel);
  const params = readQuery(query);
  if (label === null || params === null) return refuse('malformed', 'This set-up code is damaged. Scan it again.');
  const colon = label.indexOf(':');
  const labelIssuer = colon < 0 ? null : label.slice(0, colon).trim();
  const accountName = (colon < 0 ? label : label.slice(colon + 1)).trim();
  const issuer = params.get('issuer') ?? labelIssuer ?? '';
  if (labelIssuer !== null && params.has('issuer') && labelIssuer !== issuer) {
    return refuse('issuer_mismatch', 'This set-up code names two different services. Ask for a new code.');
  }
  const secret = (params.get('secret') ?? '').replace(/[\s=]/g, '').toUpperCase();
  const bytes = decodeBase32Secret(secret);
  if (bytes === null || bytes.length < MIN_SECRET_BYTES) {
    return refuse('invalid_secret', 'The secret in this set-up code is missing or too weak. Ask for a new code.');
  }
  const algorithm = (params.get('algorithm') ?? 'SHA1').toUpperCase();
  const digits = Number(params.get('digits') ?? '6');
  const period = Number(params.get('period') ?? '30');
  if (!ALGORITHMS.has(algorithm) || (digits !== 6 && digits !== 8) || !Number.isInteger(period) || period < 1 || period > 300) {
    return refuse('unsupported', 'This set-up code asks for settings this app does not support.');
  }
  return {
    ok: true,
    account: { issuer, accountName, secret, algorithm: algorithm as AuthenticatorAccount['algorithm'], digits, period },
  };
}

/** The code an authenticator app shows for a scanned account at `now` (epoch ms). */
export function authenticatorCode(account: AuthenticatorAccount, now: number): string {
  return generateSync({
    secret: account.secret,
    algorithm: account.algorithm.toLowerCase() as 'sha1' | 'sha256' | 'sha512',
    digits: account.digits,
    period: account.period,
    epoch: Math.floor(now / 1000),
  });
}
