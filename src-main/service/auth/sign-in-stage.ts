/** The sign-in stage machine's guards and transitions (setup → recovery_ack → active; challenge → active). */
import type { Transaction } from 'kysely';
import { ApiError } from '../http/api-error';
import { updateSession, type SessionFlow, type SessionPatch, type SessionStage } from '../repositories/sessions-repo';
import type { UserContext } from '../repositories/user-context';
import { updateUserMfa, type UserMfaPatch } from '../repositories/users-repo';
import type { Database } from '../store/schema';
import type { SessionRow } from './authenticator';

const STAGE_WORDS: Record<SessionStage, string> = {
  setup: 'setting up two-factor authentication',
  challenge: 'verifying your identity',
  recovery_ack: 'saving your recovery code',
  active: 'signed in',
};

/** Throws 409 (`details.stage`) unless the session is at one of `stages`. */
export function requireStage(session: SessionRow, ...stages: SessionStage[]): void {
  if (stages.includes(session.stage)) return;
  throw new ApiError('conflict', `That step is not part of your sign-in now: you are ${STAGE_WORDS[session.stage]}.`, { stage: session.stage });
}

/** Moves the session to `recovery_ack` after a passed verification (the new recovery code is shown next). */
export async function toRecoveryAck(trx: Transaction<Database>, sessionId: string, now: number): Promise<void> {
  await updateSession(trx, sessionId, { stage: 'recovery_ack', mfaAt: now });
}

/** What signing a session in changes: the session's stage and verification, and the user's sign-in time. */
export function signInPatches(uc: UserContext, verified: { at: number; bySms: boolean } | null): { session: SessionPatch; user: UserMfaPatch } {
  const flow: SessionFlow | undefined = verified?.bySms ? { phoneVerifiedAt: verified.at } : undefined;
  return {
    session: { stage: 'active', lastSeenAt: uc.now, ...(verified ? { mfaAt: verified.at } : {}), ...(flow ? { flow } : {}) },
    user: { last_sign_in_at: uc.now },
  };
}

/** Signs the session in and records the sign-in time. `verified`: a code was just passed (phone: by SMS). */
export async function finishSignIn(
  trx: Transaction<Database>,
  uc: UserContext,
  sessionId: string,
  verified: { at: number; bySms: boolean } | null,
): Promise<void> {
  const patches = signInPatches(uc, verified);
  await updateSession(trx, sessionId, patches.session);
  await updateUserMfa(trx, uc.user.id, patches.user, uc.now);
}
