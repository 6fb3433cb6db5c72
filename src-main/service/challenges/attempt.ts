/**
 * One code attempt under the lockout rule (R-AUTH-2), in one write: refused at once while locked; a wrong or
 * expired code counts, and every threshold-th in a row locks MFA, longer each time, the 100th until an admin
 * unlocks it (audited as `mfa.lockout`); a correct code clears the count and runs `onSuccess` in the same
 * transaction, so nothing is half-done. A replay of a code already accepted is refused without counting: it is no
 * guess, and ten parallel submissions of one code must not lock the real user out.
 */
import type { Kysely, Transaction } from 'kysely';
import { MAX_CONSECUTIVE_FAILURES, UNTIL_ADMIN_UNLOCKS, attemptsLeft, lockEnd, lockMinutes, registerFailure, registerSuccess, type LockEnd, type LockState } from '../../../shared/domain/lockout';
import { contactPhrase, mfaContact, type Contact } from '../../../shared/domain/contacts';
import { isSsoUser } from '../../../shared/domain/directory';
import { lockedMessage } from '../../../shared/domain/sign-in';
import { appendAudit } from '../audit/append-audit';
import { ApiError } from '../http/api-error';
import type { UserContext } from '../repositories/user-context';
import { lastStepAdvanceIf } from '../repositories/methods-repo';
import { updateUserMfa, userMfaChanges, type UserMfaPatch } from '../repositories/users-repo';
import type { GuardTemplate, GuardedChange } from '../store/guarded-write';
import type { Database } from '../store/schema';
import type { ServiceContext } from '../service-context';
import { checkFactor, precheckTotp, type FactorTarget } from './factor-check';

type Outcome<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'locked'; end: LockEnd }
  | { kind: 'failed'; reason: string; message: string; attemptsLeft: number | null; failedAttempts: number };

/** Who helps this user with their MFA (Payments support for payments users, else a company admin). */
function contactOf(uc: UserContext): Contact {
  return mfaContact({ accountType: uc.domainUser.accountType, sso: isSsoUser(uc.user.email, uc.company) });
}

/** The 423 answer while MFA is locked, naming who can help; `details.untilAdminUnlocks` when only an unlock ends it. */
export function lockedError(uc: UserContext, end: LockEnd): ApiError {
  const lockedUntil = end.kind === 'at' ? end.at : UNTIL_ADMIN_UNLOCKS;
  return new ApiError('mfa_locked', lockedMessage(end, uc.now, contactOf(uc)), { reason: 'locked', lockedUntil, untilAdminUnlocks: end.kind === 'admin_unlock' });
}

/** Throws 423 when the user's MFA is locked at the context's time. */
export function assertNotLocked(uc: UserContext): void {
  const end = lockEnd(uc.domainUser, uc.now);
  if (end) throw lockedError(uc, end);
}

function attemptsLeftWords(left: number, failedAttempts: number, contact: Contact): string {
  if (failedAttempts + left >= MAX_CONSECUTIVE_FAILURES) {
    const until = `until ${contactPhrase(contact)} unlocks it`;
    return left === 1 ? `One more wrong code locks verification ${until}.` : `${left} more wrong codes lock verification ${until}.`;
  }
  return left === 1 ? 'One more wrong code locks verification for a while.' : `You have ${left} tries left before verification is locked for a while.`;
}

/** Most wrong codes against one pending set-up before it starts over with a new key or a new text message. */
export const SETUP_CODE_LIMIT = 10;

/**
 * Checks a code a user types while setting up a method (the code proves the new app or phone works). A wrong one
 * gets a clear 422 but does not count towards the lockout, which guards the methods a user already has; the
 * `SETUP_CODE_LIMIT`-th wrong one for the same pending method drops it, so set-up starts again with a new secret
 * or a new code (422, `details.reason = 'setup_restarted'`).
 */
export async function confirmSetupCode<T>(
  ctx: ServiceContext,
  uc: UserContext,
  attempt: { target: FactorTarget; code: string; pendingId: string },
  onSuccess: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  const outcome = await ctx.store.write(async (trx): Promise<{ kind: 'ok'; value: T } | { kind: 'failed'; reason: string; message: string; restarted: boolean }> => {
    const result = await checkFactor(trx, ctx.mfa.keys, attempt.target, uc.user.id, attempt.code, uc.now);
    if (result.ok) return { kind: 'ok', value: await onSuccess(trx) };
    const pending = await trx.selectFrom('mfa_methods').select('setup_failures').where('id', '=', attempt.pendingId).executeTakeFirst();
    const failures = (pending?.setup_failures ?? 0) + 1;
    if (failures < SETUP_CODE_LIMIT) {
      await trx.updateTable('mfa_methods').set({ setup_failures: failures }).where('id', '=', attempt.pendingId).execute();
      return { kind: 'failed', reason: result.reason, message: result.message, restarted: false };
    }
    await trx.deleteFrom('mfa_methods').where('id', '=', attempt.pendingId).where('confirmed_at', 'is', null).execute();
    if (attempt.target.kind === 'sms') {
      await trx.updateTable('sms_codes').set({ voided_at: uc.now }).where('user_id', '=', uc.user.id).where('purpose', '=', 'enroll').where('used_at', 'is', null).where('voided_at', 'is', null).execute();
    }
    return { kind: 'failed', reason: result.reason, message: result.message, restarted: true };
  });
  if (outcome.kind === 'ok') return outcome.value;
  if (!outcome.restarted) throw new ApiError('unprocessable', outcome.message, { reason: outcome.reason });
  const again =
    attempt.target.kind === 'totp'
      ? 'Start the authenticator set-up again: you get a new key (remove the old entry from your app first).'
      : 'Enter your mobile number again to get a new code.';
  throw new ApiError('unprocessable', `That was the ${SETUP_CODE_LIMIT}th wrong code for this set-up, so it was stopped. ${again}`, {
    reason: 'setup_restarted',
  });
}

/** What a passed code changes of the user's lock state (R-AUTH-2: the count starts again), or null when nothing. */
function clearedFailures(state: LockState): UserMfaPatch | null {
  const unlocked = registerSuccess();
  if (state.failedAttempts === unlocked.failedAttempts && state.lockedUntil === unlocked.lockedUntil) return null;
  return { failed_attempts: unlocked.failedAttempts, locked_until: unlocked.lockedUntil };
}

/** A TOTP target with its code verified before the write, against the method the request read (see TotpPrecheck). */
export async function withPrecheck(ctx: ServiceContext, uc: UserContext, target: FactorTarget, code: string): Promise<FactorTarget> {
  if (target.kind !== 'totp' || target.precheck) return target;
  const method = uc.methods.find((candidate) => candidate.id === target.methodId);
  const precheck = method ? await precheckTotp(ctx.mfa.keys, method, code, uc.now) : null;
  return precheck ? { ...target, precheck } : target;
}

/**
 * The usual right app code in one guarded write (Store.writeIfUnchanged: one round trip on PostgreSQL, no
 * transaction block): the code was verified before the write against the method the request read
 * (`target.precheck`, see withPrecheck) and the user was not locked then. The step is taken, the failure count
 * cleared, `userPatch` and the step's own `changes` applied — only if the user's lock state and the method are still
 * as read. Answers false, having changed nothing, when any of that does not hold; the caller then runs attemptCode,
 * which reads again under the user's lock and decides afresh (a replay, a lockout that came meanwhile, a new key).
 */
export async function passUnchanged(
  ctx: ServiceContext,
  uc: UserContext,
  target: FactorTarget,
  userPatch: UserMfaPatch,
  changes: readonly GuardedChange[],
): Promise<boolean> {
  if (target.kind !== 'totp' || !target.precheck?.verification.ok || target.precheck.methodId !== target.methodId) return false;
  if (lockEnd(uc.domainUser, uc.now)) return false;
  const method = uc.methods.find((candidate) => candidate.id === target.methodId);
  if (!method) return false;
  const { user, now } = uc;
  const { sealed, verification } = target.precheck;
  const guard: GuardTemplate<UnchangedRows> = {
    build: userAndMethodAsRead,
    values: { userId: user.id, failedAttempts: user.failed_attempts, lockedUntil: user.locked_until, methodId: method.id, sealed, lastStep: method.last_step },
  };
  return ctx.store.writeIfUnchanged(guard, [
    { build: lastStepAdvanceIf, values: { methodId: method.id, sealed, step: verification.step } },
    ...userMfaChanges(user.id, { ...clearedFailures(uc.domainUser), ...userPatch }, now),
    ...changes,
  ]);
}

/** The user's lock state and their method as a request read them. */
interface UnchangedRows {
  userId: string;
  failedAttempts: number;
  lockedUntil: number | null;
  methodId: string;
  sealed: string;
  lastStep: number | null;
}

/** passUnchanged's guard: the user's row and the method's, locked, only while they are as read. */
function userAndMethodAsRead(db: Kysely<Database>, read: UnchangedRows) {
  return db
    .selectFrom('users')
    .innerJoin('mfa_methods', 'mfa_methods.user_id', 'users.id')
    .select('users.id')
    .where('users.id', '=', read.userId)
    .where('users.failed_attempts', '=', read.failedAttempts)
    .where('users.locked_until', 'is not distinct from', read.lockedUntil)
    .where('mfa_methods.id', '=', read.methodId)
    .where('mfa_methods.secret_sealed', '=', read.sealed)
    .where('mfa_methods.last_step', 'is not distinct from', read.lastStep)
    .forUpdate();
}

/**
 * Checks canonical `code` against `target` for the user of `uc`; on success returns `onSuccess`'s value, else
 * throws 422 (`details.reason`, `details.attemptsLeft`) or 423 (`details.lockedUntil`, `details.untilAdminUnlocks`).
 */
export async function attemptCode<T>(
  ctx: ServiceContext,
  uc: UserContext,
  attempt: { target: FactorTarget; code: string; ip: string },
  onSuccess: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  const { user, policy, now } = uc;
  const target = await withPrecheck(ctx, uc, attempt.target, attempt.code);
  // Reads and changes only this user's rows, after locking theirs; a lockout or a recovery code appends an audit
  // entry, which runs it again as an ordinary write (WriteOptions.oneUser).
  const outcome = await ctx.store.write(async (trx): Promise<Outcome<T>> => {
    const row = await trx.selectFrom('users').select(['failed_attempts', 'locked_until']).where('id', '=', user.id).forUpdate().executeTakeFirstOrThrow();
    const state = { failedAttempts: row.failed_attempts, lockedUntil: row.locked_until === null ? null : Number(row.locked_until) };
    const current = lockEnd(state, now);
    if (current) return { kind: 'locked', end: current };
    const result = await checkFactor(trx, ctx.mfa.keys, target, user.id, attempt.code, now);
    if (result.ok) {
      const cleared = clearedFailures(state);
      if (cleared) await updateUserMfa(trx, user.id, cleared, now);
      return { kind: 'ok', value: await onSuccess(trx) };
    }
    if (result.replay) return { kind: 'failed', reason: result.reason, message: result.message, attemptsLeft: null, failedAttempts: state.failedAttempts };
    const failure = registerFailure(state, policy, now);
    await updateUserMfa(trx, user.id, { failed_attempts: failure.state.failedAttempts, locked_until: failure.state.lockedUntil }, now);
    if (failure.kind === 'locked') {
      const lockNumber = Math.ceil(failure.state.failedAttempts / policy.lockoutThreshold);
      await appendAudit(trx, {
        companyId: user.company_id,
        when: uc.moment,
        actorId: null,
        actorEmail: null,
        action: 'mfa.lockout',
        targetId: user.id,
        targetEmail: user.email,
        before: { failedAttempts: state.failedAttempts },
        after:
          failure.end.kind === 'admin_unlock'
            ? { failedAttempts: failure.state.failedAttempts, lockedUntil: failure.lockedUntil, untilAdminUnlocks: true }
            : { failedAttempts: failure.state.failedAttempts, lockedUntil: failure.lockedUntil, lockMinutes: lockMinutes(lockNumber, policy) },
        evidence: { method: attempt.target.kind, lastReason: result.reason, ip: attempt.ip },
      });
      return { kind: 'locked', end: failure.end };
    }
    const left = failure.kind === 'counted' ? failure.attemptsLeft : attemptsLeft(failure.state, policy, now);
    return { kind: 'failed', reason: result.reason, message: result.message, attemptsLeft: left, failedAttempts: failure.state.failedAttempts };
  }, { oneUser: user.id });
  switch (outcome.kind) {
    case 'ok':
      return outcome.value;
    case 'locked':
      throw lockedError(uc, outcome.end);
    case 'failed': {
      const counted = outcome.attemptsLeft !== null;
      const left = outcome.attemptsLeft ?? attemptsLeft({ failedAttempts: outcome.failedAttempts, lockedUntil: null }, policy, now);
      const message = counted ? `${outcome.message} ${attemptsLeftWords(left, outcome.failedAttempts, contactOf(uc))}` : outcome.message;
      throw new ApiError('unprocessable', message, { reason: outcome.reason, attemptsLeft: left });
    }
  }
}
