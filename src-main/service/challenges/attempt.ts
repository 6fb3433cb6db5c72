/**
 * One code attempt under the lockout rule (R-AUTH-2), in one write: refused at once while locked; a wrong or
 * expired code counts, and the threshold-th in a row locks MFA (audited as `mfa.lockout`); a correct code clears
 * the count and runs `onSuccess` in the same transaction, so nothing is half-done.
 */
import type { Transaction } from 'kysely';
import { isLocked, registerFailure } from '../../../shared/domain/lockout';
import { mfaContact } from '../../../shared/domain/contacts';
import { isSsoUser } from '../../../shared/domain/directory';
import { lockedMessage } from '../../../shared/domain/sign-in';
import { appendAudit } from '../audit/append-audit';
import { ApiError } from '../http/api-error';
import type { UserContext } from '../repositories/user-context';
import { updateUserMfa } from '../repositories/users-repo';
import type { Database } from '../store/schema';
import type { ServiceContext } from '../service-context';
import { checkFactor, type FactorTarget } from './factor-check';

type Outcome<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'locked'; lockedUntil: number }
  | { kind: 'failed'; reason: string; message: string; attemptsLeft: number };

/** The 423 answer while the user's MFA is locked, naming who can help them (Payments support for payments users). */
export function lockedError(uc: UserContext, lockedUntil: number): ApiError {
  const contact = mfaContact({ accountType: uc.domainUser.accountType, sso: isSsoUser(uc.user.email, uc.company) });
  return new ApiError('mfa_locked', lockedMessage(lockedUntil, uc.now, contact), { reason: 'locked', lockedUntil });
}

/** Throws 423 when the user's MFA is locked at the context's time. */
export function assertNotLocked(uc: UserContext): void {
  const { failedAttempts, lockedUntil } = uc.domainUser;
  if (isLocked({ failedAttempts, lockedUntil }, uc.now) && lockedUntil !== null) throw lockedError(uc, lockedUntil);
}

function attemptsLeftWords(left: number): string {
  return left === 1 ? 'One more wrong code locks verification for a while.' : `You have ${left} tries left before verification is locked for a while.`;
}

/**
 * Checks a code a user types while setting up a method (the code proves the new app or phone works): a wrong one
 * gets a clear 422 but is not counted towards the lockout, which guards the methods a user already has.
 */
export async function confirmSetupCode<T>(
  ctx: ServiceContext,
  uc: UserContext,
  attempt: { target: FactorTarget; code: string },
  onSuccess: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  const outcome = await ctx.store.write(async (trx): Promise<Outcome<T>> => {
    const result = await checkFactor(trx, ctx.mfa.keys, attempt.target, uc.user.id, attempt.code, uc.now);
    if (result.ok) return { kind: 'ok', value: await onSuccess(trx) };
    return { kind: 'failed', reason: result.reason, message: result.message, attemptsLeft: -1 };
  });
  if (outcome.kind === 'ok') return outcome.value;
  if (outcome.kind === 'failed') throw new ApiError('unprocessable', outcome.message, { reason: outcome.reason });
  throw lockedError(uc, outcome.lockedUntil);
}

/**
 * Checks canonical `code` against `target` for the user of `uc`; on success returns `onSuccess`'s value, else
 * throws 422 (`details.reason`, `details.attemptsLeft`) or 423 (`details.lockedUntil`).
 */
export async function attemptCode<T>(
  ctx: ServiceContext,
  uc: UserContext,
  attempt: { target: FactorTarget; code: string; ip: string },
  onSuccess: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  const { user, policy, now } = uc;
  const outcome = await ctx.store.write(async (trx): Promise<Outcome<T>> => {
    const row = await trx.selectFrom('users').select(['failed_attempts', 'locked_until']).where('id', '=', user.id).executeTakeFirstOrThrow();
    const state = { failedAttempts: row.failed_attempts, lockedUntil: row.locked_until === null ? null : Number(row.locked_until) };
    if (isLocked(state, now) && state.lockedUntil !== null) return { kind: 'locked', lockedUntil: state.lockedUntil };
    const result = await checkFactor(trx, ctx.mfa.keys, attempt.target, user.id, attempt.code, now);
    if (result.ok) {
      if (state.failedAttempts !== 0 || state.lockedUntil !== null) {
        await updateUserMfa(trx, user.id, { failed_attempts: 0, locked_until: null }, now);
      }
      return { kind: 'ok', value: await onSuccess(trx) };
    }
    const failure = registerFailure(state, policy, now);
    await updateUserMfa(trx, user.id, { failed_attempts: failure.state.failedAttempts, locked_until: failure.state.lockedUntil }, now);
    if (failure.kind === 'locked') {
      await appendAudit(trx, {
        companyId: user.company_id,
        when: uc.moment,
        actorId: null,
        actorEmail: null,
        action: 'mfa.lockout',
        targetId: user.id,
        targetEmail: user.email,
        before: { failedAttempts: state.failedAttempts },
        after: { failedAttempts: failure.state.failedAttempts, lockedUntil: failure.lockedUntil },
        evidence: { method: attempt.target.kind, lastReason: result.reason, ip: attempt.ip },
      });
      return { kind: 'locked', lockedUntil: failure.lockedUntil };
    }
    return { kind: 'failed', reason: result.reason, message: result.message, attemptsLeft: failure.kind === 'counted' ? failure.attemptsLeft : 0 };
  });
  switch (outcome.kind) {
    case 'ok':
      return outcome.value;
    case 'locked':
      throw lockedError(uc, outcome.lockedUntil);
    case 'failed':
      throw new ApiError('unprocessable', `${outcome.message} ${attemptsLeftWords(outcome.attemptsLeft)}`, {
        reason: outcome.reason,
        attemptsLeft: outcome.attemptsLeft,
      });
  }
}
