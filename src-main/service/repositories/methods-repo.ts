/**
 * MFA methods: one pending set-up per kind while a user enrolls, at most one confirmed method per kind
 * (R-TOTP-3: one authenticator; one phone). Confirming replaces the previous method of that kind.
 */
import { randomUUID } from 'node:crypto';
import type { Expression, Kysely, SqlBool, Transaction } from 'kysely';
import type { MethodKind } from '../../../shared/domain/model';
import type { Database } from '../store/schema';
import type { MethodRow } from './user-context';

type Db = Kysely<Database> | Transaction<Database>;

/** The pending (not yet confirmed) method of this kind, if any. */
export async function pendingMethod(db: Db, userId: string, kind: MethodKind): Promise<MethodRow | undefined> {
  return db
    .selectFrom('mfa_methods')
    .selectAll()
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .where('confirmed_at', 'is', null)
    .executeTakeFirst();
}

/** Starts a set-up: replaces any earlier pending method of this kind. Returns the new row's id. */
export async function insertPendingMethod(
  trx: Transaction<Database>,
  input: { userId: string; kind: MethodKind; secretSealed: string | null; phoneE164: string | null; now: number },
): Promise<string> {
  await trx
    .deleteFrom('mfa_methods')
    .where('user_id', '=', input.userId)
    .where('kind', '=', input.kind)
    .where('confirmed_at', 'is', null)
    .execute();
  const id = randomUUID();
  await trx
    .insertInto('mfa_methods')
    .values({
      id,
      user_id: input.userId,
      kind: input.kind,
      secret_sealed: input.secretSealed,
      phone_e164: input.phoneE164,
      last_step: null,
      confirmed_at: null,
      created_at: input.now,
    })
    .execute();
  return id;
}

/** Confirms a pending method, removing the confirmed method of the same kind it replaces. */
export async function confirmMethod(
  trx: Transaction<Database>,
  method: Pick<MethodRow, 'id' | 'user_id' | 'kind'>,
  now: number,
): Promise<void> {
  await trx
    .deleteFrom('mfa_methods')
    .where('user_id', '=', method.user_id)
    .where('kind', '=', method.kind)
    .where('id', '!=', method.id)
    .execute();
  await trx
    .updateTable('mfa_methods')
    .set({ confirmed_at: now })
    .where('id', '=', method.id)
    .execute();
}

/** Records the last accepted TOTP step of a method (R-TOTP-2 replay protection). */
export async function setLastStep(trx: Transaction<Database>, methodId: string, step: number): Promise<void> {
  await trx.updateTable('mfa_methods').set({ last_step: step }).where('id', '=', methodId).execute();
}

/**
 * Records `step` as the method's last accepted step only if the method still has the secret `sealed` and no step at
 * or after it was accepted; returns whether it did. One statement for the usual sign-in, where the code was checked
 * against that secret before the write.
 */
export async function advanceLastStep(trx: Transaction<Database>, methodId: string, sealed: string, step: number): Promise<boolean> {
  const result = await lastStepAdvance(trx, methodId, sealed, step).executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** advanceLastStep where `onlyIf` holds: a change of a guarded write (Store.writeIfUnchanged, as a ChangeTemplate). */
export function lastStepAdvanceIf(db: Kysely<Database>, onlyIf: Expression<SqlBool>, values: { methodId: string; sealed: string; step: number }) {
  return lastStepAdvance(db, values.methodId, values.sealed, values.step).where(onlyIf);
}

/** advanceLastStep's statement. */
export function lastStepAdvance(db: Kysely<Database>, methodId: string, sealed: string, step: number) {
  return db
    .updateTable('mfa_methods')
    .set({ last_step: step })
    .where('id', '=', methodId)
    .where('secret_sealed', '=', sealed)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]));
}
