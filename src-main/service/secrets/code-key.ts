/**
 * The HMAC key of one-time SMS codes in the SecretVault (`sms-code-key:<id>`). Versions before 0.2 kept one key under
 * `sms-code-key` without an id: it is adopted under an id the first time, and left in place for them.
 */
import type { SecretVault } from './secret-vault';
import { KEY_BYTES, createVaultKey, currentVaultKeyId, readVaultKey, type VaultKey } from './vault-keys';

/** The vault prefix of SMS-code keys. */
export const CODE_KEY_PREFIX = 'sms-code-key';
const LEGACY_ACCOUNT = 'sms-code-key';

/** The code key with this id, or null when the vault lacks it (or holds something that is not a key). */
export async function readCodeKey(vault: SecretVault, id: string): Promise<VaultKey | null> {
  const key = await readVaultKey(vault, CODE_KEY_PREFIX, id);
  return key === 'damaged' ? null : key;
}

/** The vault's current code key: the one named current, else the key of an older version, else a new one. */
export async function currentCodeKey(vault: SecretVault): Promise<VaultKey> {
  const currentId = await currentVaultKeyId(vault, CODE_KEY_PREFIX);
  const current = currentId === null ? null : await readCodeKey(vault, currentId);
  if (current) return current;
  // The older version's key, so codes already sent keep working.
  const legacy = await vault.get(LEGACY_ACCOUNT);
  const legacyBytes = legacy === null ? null : Buffer.from(legacy, 'base64url');
  return createVaultKey(vault, CODE_KEY_PREFIX, legacyBytes?.length === KEY_BYTES ? legacyBytes : undefined);
}

/** A new code key, made current (the one the database recorded is lost for good). */
export function replaceCodeKey(vault: SecretVault): Promise<VaultKey> {
  return createVaultKey(vault, CODE_KEY_PREFIX);
}
