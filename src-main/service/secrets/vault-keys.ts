/**
 * The service's 32-byte keys in the SecretVault: each kept as `<prefix>:<id>`, with `<prefix>:current` naming the one
 * a database without a record of its own takes. The database records which id it uses (and the key's fingerprint),
 * so one vault can serve several databases and a vault holding other keys is noticed.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { SecretVault } from './secret-vault';

/** A key and its id. */
export interface VaultKey {
  readonly id: string;
  readonly bytes: Buffer;
}

/** What key ids look like (they name vault entries, so nothing else is accepted). */
export const VAULT_KEY_ID = /^[a-z0-9]{1,32}$/;
/** Every key is 32 bytes. */
export const KEY_BYTES = 32;

/** The key `<prefix>:<id>`: null when the vault lacks it, `damaged` when its value is not a 32-byte key. */
export async function readVaultKey(vault: SecretVault, prefix: string, id: string): Promise<VaultKey | null | 'damaged'> {
  if (!VAULT_KEY_ID.test(id)) return null;
  const stored = await vault.get(`${prefix}:${id}`);
  if (stored === null) return null;
  const bytes = Buffer.from(stored, 'base64url');
  return bytes.length === KEY_BYTES ? { id, bytes } : 'damaged';
}

/** The id `<prefix>:current` names, or null. */
export function currentVaultKeyId(vault: SecretVault, prefix: string): Promise<string | null> {
  return vault.get(`${prefix}:current`);
}

/** Stores a key (a new random one unless `bytes` are given) under a new id and makes it current. */
export async function createVaultKey(vault: SecretVault, prefix: string, bytes: Buffer = randomBytes(KEY_BYTES)): Promise<VaultKey> {
  const key = { id: randomBytes(6).toString('hex'), bytes };
  await vault.set(`${prefix}:${key.id}`, key.bytes.toString('base64url'));
  await vault.set(`${prefix}:current`, key.id);
  return key;
}

/**
 * A key's fingerprint: an HMAC of a fixed label under the key, so two copies can be compared (in the database, in
 * messages) without revealing anything about the key itself.
 */
export function keyFingerprint(purpose: string, bytes: Uint8Array): string {
  return createHmac('sha256', bytes).update(`mfa-key-fingerprint/v1/${purpose}`).digest('hex').slice(0, 24);
}
