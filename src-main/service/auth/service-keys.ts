/**
 * The service's keys at rest: the AES-256-GCM sealer of TOTP secrets, the HMAC key of SMS codes and the audit
 * chain's key and head, all kept in the SecretVault (keychain or 0600 file), never in the database. The database
 * records the data key's id, so a vault that lost the key gives a clear error at start instead of silently sealing
 * with a new one. A lost audit key does not stop the service: new entries get a new key, and verifying the log
 * names the missing one.
 */
import { randomBytes } from 'node:crypto';
import { auditHashKeyId } from '../../../shared/domain/audit-chain';
import { AuditChainKeys } from '../audit/audit-chain-keys';
import { upgradeAuditChains } from '../audit/upgrade-audit-chain';
import { MemoryVault } from '../secrets/memory-vault';
import { SecretSealer } from '../secrets/sealed-secret';
import type { SecretVault } from '../secrets/secret-vault';
import type { Store } from '../store/store';

/** The meta row naming the data key TOTP secrets are sealed with. */
export const DATA_KEY_META = 'data_key_id';
/** The meta row holding this database's own random id (the vault files its audit chain head under it). */
export const DATABASE_ID_META = 'database_id';
const CODE_KEY_ACCOUNT = 'sms-code-key';

/** Keys the MFA flows use. */
export interface ServiceKeys {
  readonly sealer: SecretSealer;
  /** 32-byte HMAC key for one-time SMS codes: a stolen database alone cannot brute-force them. */
  readonly codeKey: Buffer;
  /** The audit chain's key and head (bind it to the store with `withAuditChain`). */
  readonly audit: AuditChainKeys;
  /** Plain-words warnings for admins: keys kept in a file, an audit key missing from the vault. */
  readonly warnings: readonly string[];
}

/** This database's id, made on first use: keys in one keychain are shared, but each database has its own head. */
async function databaseId(store: Store): Promise<string> {
  const recorded = await store.db.selectFrom('meta').select('value').where('key', '=', DATABASE_ID_META).executeTakeFirst();
  if (recorded) return recorded.value;
  const id = randomBytes(12).toString('hex');
  await store.write((trx) => trx.insertInto('meta').values({ key: DATABASE_ID_META, value: id }).execute());
  return id;
}

/** A warning when the log's newest entry was sealed with a key the vault does not have, or null. */
async function missingAuditKeyWarning(store: Store, audit: AuditChainKeys): Promise<string | null> {
  const newest = await store.db.selectFrom('audit_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const keyId = newest ? auditHashKeyId(newest.hash) : null;
  if (keyId === null || (await audit.keyFor(keyId)) !== null) return null;
  return (
    `The audit log's key ${keyId} is missing from ${audit.location}, so the entries it sealed cannot be verified; ` +
    'new entries use a new key. Restore the vault (keychain entry or key file) from the backup that goes with this database.'
  );
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
  const audit = await AuditChainKeys.open(vault, await databaseId(store));
  await upgradeAuditChains(store, audit);
  const auditWarning = await missingAuditKeyWarning(store, audit);
  const warnings = [vault.warning, auditWarning].filter((warning): warning is string => warning !== null);
  return { sealer, codeKey: Buffer.from(codeKey, 'base64url'), audit, warnings };
}

/** Keys in memory that vanish with the process: for tests and throwaway services only. */
export async function throwawayServiceKeys(): Promise<ServiceKeys> {
  const vault = new MemoryVault();
  const sealer = await SecretSealer.open(vault);
  return { sealer, codeKey: randomBytes(32), audit: await AuditChainKeys.open(vault, randomBytes(12).toString('hex')), warnings: [] };
}
