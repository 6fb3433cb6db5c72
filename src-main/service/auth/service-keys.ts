/**
 * The service's keys at rest: the AES-256-GCM sealer of TOTP secrets and the HMAC key of SMS codes, both kept in
 * the SecretVault (keychain or 0600 file), never in the database. The database records the data key's id, so a
 * vault that lost the key gives a clear error at start instead of silently sealing with a new one.
 */
import { randomBytes } from 'node:crypto';
import { MemoryVault } from '../secrets/memory-vault';
import { SecretSealer } from '../secrets/sealed-secret';
import type { SecretVault } from '../secrets/secret-vault';
import type { Store } from '../store/store';

/** The meta row naming the data key TOTP secrets are sealed with. */
export const DATA_KEY_META = 'data_key_id';
const CODE_KEY_ACCOUNT = 'sms-code-key';

/** Keys the MFA flows use. */
export interface ServiceKeys {
  readonly sealer: SecretSealer;
  /** 32-byte HMAC key for one-time SMS codes: a stolen database alone cannot brute-force them. */
  readonly codeKey: Buffer;
  /** Plain-words warning about where the keys are kept (file fallback), or null. */
  readonly warning: string | null;
}

/** Opens the keys in `vault` for the database in `store`, creating them on first use. */
export async function openServiceKeys(vault: SecretVault, store: Store): Promise<ServiceKeys> {
  const recorded = await store.db.selectFrom('meta').select('value').where('key', '=', DATA_KEY_META).executeTakeFirst();
  const sealer = await SecretSealer.open(vault, { expectedKeyId: recorded?.value ?? null });
  if (!recorded) {
    await store.write(async (trx) => {
      await trx.insertInto('meta').values({ key: DATA_KEY_META, value: sealer.keyId }).execute();
    });
  }
  let codeKey = await vault.get(CODE_KEY_ACCOUNT);
  if (codeKey === null) {
    codeKey = randomBytes(32).toString('base64url');
    await vault.set(CODE_KEY_ACCOUNT, codeKey);
  }
  return { sealer, codeKey: Buffer.from(codeKey, 'base64url'), warning: vault.warning };
}

/** Keys in memory that vanish with the process: for tests and throwaway services only. */
export async function throwawayServiceKeys(): Promise<ServiceKeys> {
  const sealer = await SecretSealer.open(new MemoryVault());
  return { sealer, codeKey: randomBytes(32), warning: null };
}
