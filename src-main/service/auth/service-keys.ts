/**
 * The service's keys at rest: the AES-256-GCM sealer of TOTP secrets, the HMAC key of SMS codes and the audit
 * chain's key and head, all kept in the SecretVault (keychain or 0600 file), never in the database. The database
 * records each key's id and fingerprint: every service instance on it must hold the same keys, and one whose vault
 * lacks a key or holds another refuses to start, saying which key and what to do, instead of sealing secrets or
 * checking codes with keys the other instances do not have. Run `openServiceKeys` inside the store's start-up lock
 * (`store.exclusive`), so instances starting at once agree on one set of keys.
 */
import { randomBytes } from 'node:crypto';
import { auditHashKeyId } from '../../../shared/domain/audit-chain';
import { AuditChainKeys } from '../audit/audit-chain-keys';
import { upgradeAuditChains } from '../audit/upgrade-audit-chain';
import { readKeyRecord, writeKeyRecord, type KeyRecord, type RecordedKeyKind } from '../repositories/key-records-repo';
import { CODE_KEY_PREFIX, currentCodeKey, readCodeKey, replaceCodeKey } from '../secrets/code-key';
import { MemoryVault } from '../secrets/memory-vault';
import { SealedSecretError, SecretSealer } from '../secrets/sealed-secret';
import type { SecretVault } from '../secrets/secret-vault';
import { keyFingerprint } from '../secrets/vault-keys';
import type { Store } from '../store/store';

export { DATA_KEY_META } from '../repositories/key-records-repo';
/** The meta row holding this database's own random id (the vault files its audit chain head under it). */
export const DATABASE_ID_META = 'database_id';

/** Keys the MFA flows use. */
export interface ServiceKeys {
  readonly sealer: SecretSealer;
  /** 32-byte HMAC key for one-time SMS codes: a stolen database alone cannot brute-force them. */
  readonly codeKey: Buffer;
  /** The audit chain's key and head (bind it to the store with `withAuditChain`). */
  readonly audit: AuditChainKeys;
  /** Plain-words warnings for admins: keys kept in a file, an audit key missing from the vault, a key replaced. */
  readonly warnings: readonly string[];
  /** Each key's id and fingerprint, as the database records them (for the start-up log). */
  readonly fingerprints: Readonly<Record<RecordedKeyKind, string>>;
}

/** How to treat an SMS-code or audit key the database records but the vault lacks (a missing data key always stops). */
export interface OpenKeysOptions {
  /**
   * Replace it with a new key and warn, instead of refusing to start. For a process that owns its database alone
   * (the console's embedded service) or an operator who knows the key is lost for good (`--replace-lost-keys`).
   */
  replaceLostKeys?: boolean;
}

/** The vault of this instance does not hold the keys the database was set up with; the message says what to do. */
export class KeyMismatchError extends Error {
  override readonly name = 'KeyMismatchError';
}

const KEY_WORDS: Record<RecordedKeyKind, string> = {
  data: 'data key, which encrypts stored authenticator secrets,',
  'sms-code': 'SMS-code key, which checks text-message codes,',
  audit: 'audit key, which seals the audit log,',
};

const LOSS_WORDS: Record<Exclude<RecordedKeyKind, 'data'>, string> = {
  'sms-code': 'text-message codes sent before stop working (people ask for a new one)',
  audit: 'audit entries sealed with the lost key can no longer be verified (new entries get a new key)',
};

const COPY_ADVICE =
  'Every service instance on one database needs the same keys: copy the key file (secret-vault.json) or the ' +
  'keychain entries of an instance that runs on this database, or restore them from the backup that goes with it, ' +
  'then start again.';

function missingKeyError(kind: RecordedKeyKind, record: KeyRecord, location: string): KeyMismatchError {
  const fingerprint = record.fingerprint ? ` (fingerprint ${record.fingerprint})` : '';
  const replace = kind === 'data' ? '' : ` If the key is lost for good, start once with --replace-lost-keys: ${LOSS_WORDS[kind]}.`;
  return new KeyMismatchError(
    `This database was set up with the ${KEY_WORDS[kind]} ${record.id}${fingerprint}, but that key is missing from ${location}. ${COPY_ADVICE}${replace}`,
  );
}

/** Checks the key in use against the database's record and records it when the database has none (or a lost one). */
async function settleRecord(store: Store, kind: RecordedKeyKind, record: KeyRecord | null, key: { id: string; fingerprint: string }, location: string): Promise<void> {
  if (record?.id === key.id && record.fingerprint === key.fingerprint) return;
  if (record?.id === key.id && record.fingerprint !== null) {
    throw new KeyMismatchError(
      `The ${KEY_WORDS[kind]} ${key.id} in ${location} is not the key this database was set up with: its fingerprint is ` +
        `${key.fingerprint} here and ${record.fingerprint} in the database, so this instance's keys come from another ` +
        `installation or a damaged copy. ${COPY_ADVICE}`,
    );
  }
  await writeKeyRecord(store, kind, key);
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

async function openSealer(vault: SecretVault, store: Store): Promise<SecretSealer> {
  const record = await readKeyRecord(store.db, 'data');
  let sealer: SecretSealer;
  try {
    sealer = await SecretSealer.open(vault, { expectedKeyId: record?.id ?? null });
  } catch (error) {
    if (record && error instanceof SealedSecretError && error.failure === 'key-missing') {
      throw new KeyMismatchError(`${error.message} ${COPY_ADVICE}`, { cause: error });
    }
    throw error;
  }
  await settleRecord(store, 'data', record, { id: sealer.keyId, fingerprint: sealer.fingerprint }, vault.location);
  return sealer;
}

/** A key the database records is missing: refuse, or (when allowed) make a new one and say so. */
async function lostKey<T>(kind: Exclude<RecordedKeyKind, 'data'>, record: KeyRecord, vault: SecretVault, options: OpenKeysOptions, warnings: string[], replace: () => Promise<T>, idOf: (key: T) => string): Promise<T> {
  if (!options.replaceLostKeys) throw missingKeyError(kind, record, vault.location);
  const key = await replace();
  warnings.push(`The ${KEY_WORDS[kind]} ${record.id} was missing from ${vault.location}, so it was replaced by a new key ${idOf(key)}: ${LOSS_WORDS[kind]}.`);
  return key;
}

async function openCodeKey(vault: SecretVault, store: Store, options: OpenKeysOptions, warnings: string[]): Promise<{ id: string; bytes: Buffer }> {
  const record = await readKeyRecord(store.db, 'sms-code');
  const key = record
    ? ((await readCodeKey(vault, record.id)) ?? (await lostKey('sms-code', record, vault, options, warnings, () => replaceCodeKey(vault), (k) => k.id)))
    : await currentCodeKey(vault);
  await settleRecord(store, 'sms-code', record, { id: key.id, fingerprint: keyFingerprint(CODE_KEY_PREFIX, key.bytes) }, vault.location);
  return key;
}

async function openAuditKeys(vault: SecretVault, store: Store, options: OpenKeysOptions, warnings: string[]): Promise<AuditChainKeys> {
  const record = await readKeyRecord(store.db, 'audit');
  const id = await databaseId(store);
  const replace = async () => {
    await AuditChainKeys.replaceKey(vault);
    return AuditChainKeys.open(vault, id);
  };
  const audit = record
    ? ((await AuditChainKeys.open(vault, id, record.id)) ?? (await lostKey('audit', record, vault, options, warnings, replace, (k) => k.current.id)))
    : await AuditChainKeys.open(vault, id);
  await settleRecord(store, 'audit', record, { id: audit.current.id, fingerprint: audit.fingerprint }, vault.location);
  return audit;
}

/**
 * Opens the keys in `vault` for the database in `store`: the keys the database records, or on its first start the
 * vault's current keys (made if the vault has none), which it then records. Throws a KeyMismatchError naming the key
 * when the vault lacks one the database records, or holds a different key under its id.
 */
export async function openServiceKeys(vault: SecretVault, store: Store, options: OpenKeysOptions = {}): Promise<ServiceKeys> {
  const warnings: string[] = [];
  const sealer = await openSealer(vault, store);
  const codeKey = await openCodeKey(vault, store, options, warnings);
  const audit = await openAuditKeys(vault, store, options, warnings);
  await upgradeAuditChains(store, audit);
  const auditWarning = await missingAuditKeyWarning(store, audit);
  const fingerprints = {
    data: `${sealer.keyId}/${sealer.fingerprint}`,
    'sms-code': `${codeKey.id}/${keyFingerprint(CODE_KEY_PREFIX, codeKey.bytes)}`,
    audit: `${audit.current.id}/${audit.fingerprint}`,
  };
  return {
    sealer,
    codeKey: codeKey.bytes,
    audit,
    warnings: [vault.warning, ...warnings, auditWarning].filter((warning): warning is string => warning !== null),
    fingerprints,
  };
}

/** Keys in memory that vanish with the process: for tests and throwaway services only. */
export async function throwawayServiceKeys(): Promise<ServiceKeys> {
  const vault = new MemoryVault();
  const sealer = await SecretSealer.open(vault);
  const audit = await AuditChainKeys.open(vault, randomBytes(12).toString('hex'));
  const codeKey = randomBytes(32);
  const fingerprints = { data: sealer.keyId, 'sms-code': 'throwaway', audit: audit.current.id };
  return { sealer, codeKey, audit, warnings: [], fingerprints };
}
