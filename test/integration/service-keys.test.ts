/**
 * Every key is recorded in the database (id and fingerprint), so every service instance on one database checks its
 * vault holds the same keys before it starts: the data key, the SMS-code key and the audit key, on both engines.
 * A vault that lacks one refuses to start naming it; a vault with another key under the same id too.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { KeyMismatchError, openServiceKeys, type ServiceKeys } from '../../src-main/service/auth/service-keys';
import { keyedCodeHash } from '../../src-main/service/auth/keyed-code-hash';
import { MemoryVault } from '../../src-main/service/secrets/memory-vault';
import type { SecretVault } from '../../src-main/service/secrets/secret-vault';
import type { Store } from '../../src-main/service/store/store';
import { testEngines } from '../fixtures/engines';

/** A copy of `vault` without the entries whose account starts with `without` (none when absent). */
async function copyOf(vault: MemoryVault, accounts: readonly string[], without?: string): Promise<MemoryVault> {
  const copy = new MemoryVault();
  for (const account of accounts) {
    const value = await vault.get(account);
    if (value !== null && (without === undefined || !account.startsWith(without))) await copy.set(account, value);
  }
  return copy;
}

/** Records the accounts a vault is asked to write, so a copy can be made. */
function recording(vault: MemoryVault): { vault: SecretVault; accounts: string[] } {
  const accounts: string[] = [];
  return {
    accounts,
    vault: {
      kind: vault.kind,
      location: vault.location,
      warning: vault.warning,
      get: (account) => vault.get(account),
      set: async (account, value) => {
        if (!accounts.includes(account)) accounts.push(account);
        await vault.set(account, value);
      },
      delete: (account) => vault.delete(account),
    },
  };
}

const metaOf = async (store: Store) =>
  Object.fromEntries((await store.db.selectFrom('meta').select(['key', 'value']).execute()).map((row) => [row.key, row.value]));

describe.each(testEngines('service_keys'))('service keys on $name', (engine) => {
  afterAll(() => engine.dispose());

  /** Runs `test` on a fresh store whose keys were opened from a fresh vault (`accounts`: what was written there). */
  async function withKeyedStore(test: (ctx: { store: Store; original: MemoryVault; recorder: ReturnType<typeof recording>; keys: ServiceKeys }) => Promise<void>) {
    const store = await engine.open();
    try {
      const original = new MemoryVault();
      const recorder = recording(original);
      await test({ store, original, recorder, keys: await openServiceKeys(recorder.vault, store) });
    } finally {
      await store.close();
    }
  }

  it('records each key with its fingerprint, and opens the same keys again from a copy of the vault', () =>
    withKeyedStore(async ({ store, original, recorder, keys }) => {
      const meta = await metaOf(store);
      expect(meta).toMatchObject({
        data_key_id: keys.sealer.keyId,
        data_key_fingerprint: keys.sealer.fingerprint,
        sms_code_key_id: expect.stringMatching(/^[a-z0-9]+$/),
        sms_code_key_fingerprint: expect.stringMatching(/^[0-9a-f]{24}$/),
        audit_key_id: keys.audit.current.id,
        audit_key_fingerprint: keys.audit.fingerprint,
      });
      const other = await openServiceKeys(await copyOf(original, recorder.accounts), store);
      expect(other.warnings).toEqual([]);
      expect(other.fingerprints).toEqual(keys.fingerprints);
      expect(keyedCodeHash(other.codeKey, 'id', '123456')).toBe(keyedCodeHash(keys.codeKey, 'id', '123456'));
    }));

  it('refuses a vault of another installation, and one with a different key under the recorded id, naming the key', () =>
    withKeyedStore(async ({ store, original, recorder }) => {
      const stranger = openServiceKeys(new MemoryVault(), store);
      await expect(stranger).rejects.toThrow(KeyMismatchError);
      await expect(stranger).rejects.toThrow(/The data key .* is missing from memory.*Every service instance on one database needs the same keys/);

      const forged = await copyOf(original, recorder.accounts);
      const codeId = (await metaOf(store)).sms_code_key_id;
      await forged.set(`sms-code-key:${codeId}`, Buffer.alloc(32, 7).toString('base64url'));
      await expect(openServiceKeys(forged, store)).rejects.toThrow(
        new RegExp(`The SMS-code key, which checks text-message codes, ${codeId} in memory is not the key this database was set up with: its fingerprint is [0-9a-f]{24} here and [0-9a-f]{24} in the database`),
      );
    }));

  it('refuses a vault without the SMS-code key, or replaces it only when told to', () =>
    withKeyedStore(async ({ store, original, recorder, keys: first }) => {
      const partial = await copyOf(original, recorder.accounts, 'sms-code-key');
      await expect(openServiceKeys(partial, store)).rejects.toThrow(/SMS-code key, which checks text-message codes, [a-z0-9]+ \(fingerprint [0-9a-f]{24}\), but that key is missing.*--replace-lost-keys/);
      const replaced = await openServiceKeys(partial, store, { replaceLostKeys: true });
      expect(replaced.warnings.join('\n')).toMatch(/SMS-code key, which checks text-message codes, [a-z0-9]+ was missing from memory, so it was replaced by a new key/);
      expect(replaced.fingerprints['sms-code']).not.toBe(first.fingerprints['sms-code']);
      expect((await metaOf(store)).sms_code_key_id).toBe(replaced.fingerprints['sms-code'].split('/')[0]);
      // The instance that still has the old key is now the one refused.
      await expect(openServiceKeys(recorder.vault, store)).rejects.toThrow(/SMS-code key.*is missing from memory/);
    }));

  it('takes over the keys of a database from before fingerprints: the data key gets its fingerprint, the old code key an id', async () => {
    const store = await engine.open();
    try {
      const vault = new MemoryVault();
      const legacyCodeKey = Buffer.alloc(32, 9);
      await vault.set('sms-code-key', legacyCodeKey.toString('base64url'));
      await vault.set('data-key:abc123', Buffer.alloc(32, 3).toString('base64url'));
      await vault.set('data-key:current', 'abc123');
      await store.write((trx) => trx.insertInto('meta').values({ key: 'data_key_id', value: 'abc123' }).execute());
      const keys = await openServiceKeys(vault, store);
      expect(keys.sealer.keyId).toBe('abc123');
      expect(keys.codeKey.equals(legacyCodeKey)).toBe(true);
      expect(await metaOf(store)).toMatchObject({ data_key_fingerprint: keys.sealer.fingerprint, sms_code_key_id: expect.any(String) });
      expect(await vault.get('sms-code-key')).toBe(legacyCodeKey.toString('base64url'));
    } finally {
      await store.close();
    }
  });
});
