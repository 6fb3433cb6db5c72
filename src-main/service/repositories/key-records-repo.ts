/**
 * Which keys a database was set up with: each key's id and fingerprint in `meta`, so every service instance on the
 * database can check its vault holds the same keys before it starts.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';
import type { Store } from '../store/store';

/** The keys the database records. */
export type RecordedKeyKind = 'data' | 'sms-code' | 'audit';

/** A key as the database records it; `fingerprint` is null for a data key recorded before fingerprints existed. */
export interface KeyRecord {
  readonly id: string;
  readonly fingerprint: string | null;
}

/** The meta rows of each kind (the data key's id row predates the others). */
const META_KEYS: Record<RecordedKeyKind, { id: string; fingerprint: string }> = {
  data: { id: 'data_key_id', fingerprint: 'data_key_fingerprint' },
  'sms-code': { id: 'sms_code_key_id', fingerprint: 'sms_code_key_fingerprint' },
  audit: { id: 'audit_key_id', fingerprint: 'audit_key_fingerprint' },
};

/** The meta row naming the data key TOTP secrets are sealed with. */
export const DATA_KEY_META = META_KEYS.data.id;

/** The record of one kind of key, or null when the database has none yet. */
export async function readKeyRecord(db: Kysely<Database>, kind: RecordedKeyKind): Promise<KeyRecord | null> {
  const names = META_KEYS[kind];
  const rows = await db.selectFrom('meta').select(['key', 'value']).where('key', 'in', [names.id, names.fingerprint]).execute();
  const value = (key: string) => rows.find((row) => row.key === key)?.value ?? null;
  const id = value(names.id);
  return id === null ? null : { id, fingerprint: value(names.fingerprint) };
}

/** Records (or replaces) the key of one kind. */
export async function writeKeyRecord(store: Store, kind: RecordedKeyKind, record: { id: string; fingerprint: string }): Promise<void> {
  const names = META_KEYS[kind];
  await store.write(async (trx) => {
    for (const [key, value] of [
      [names.id, record.id],
      [names.fingerprint, record.fingerprint],
    ] as const) {
      await trx
        .insertInto('meta')
        .values({ key, value })
        .onConflict((conflict) => conflict.column('key').doUpdateSet({ value }))
        .execute();
    }
  });
}
