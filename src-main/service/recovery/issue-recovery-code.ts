/** Issues a user's new recovery code inside a write: the previous one stops working (R-REC-1, R-REC-2). */
import type { Transaction } from 'kysely';
import { RECOVERY_CODE_BYTES, formatRecoveryCode, newRecoveryCode } from '../../../shared/domain/recovery-code';
import type { RandomSource } from '../auth/random-source';
import { replaceRecoveryCode } from '../repositories/recovery-repo';
import type { Database } from '../store/schema';
import { hashRecoveryCode } from './recovery-hash';

/** A code to show once. */
export interface IssuedRecoveryCode {
  /** Grouped with dashes, for display, copy and download. */
  recoveryCode: string;
  issuedAt: number;
}

/** Creates, hashes and stores a new code; returns it for the one time it is shown. */
export async function issueRecoveryCode(
  trx: Transaction<Database>,
  random: RandomSource,
  userId: string,
  now: number,
): Promise<IssuedRecoveryCode> {
  const code = newRecoveryCode(random(RECOVERY_CODE_BYTES));
  await replaceRecoveryCode(trx, userId, hashRecoveryCode(code), now);
  return { recoveryCode: formatRecoveryCode(code), issuedAt: now };
}
