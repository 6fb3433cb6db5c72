/**
 * Sessions: an opaque token (only its SHA-256 stored) whose stage moves setup → recovery_ack → active, or
 * challenge → active. `mfa_at` is the last passed verification; `flow` holds the few facts a stage needs.
 */
import { randomUUID } from 'node:crypto';
import type { Expression, Kysely, SqlBool, Transaction } from 'kysely';
import { hashSessionToken, newSessionToken } from '../auth/session-token';
import type { Database, SessionsTable } from '../store/schema';

export type SessionStage = SessionsTable['stage'];

/** Facts kept with a session between requests. */
export interface SessionFlow {
  /** Minted by the embedded console for its operator: no idle timeout. */
  trusted?: boolean;
  /** Last time a code sent to the current phone was accepted (R-SMS-2: changing the phone needs it). */
  phoneVerifiedAt?: number;
  /** A sign-in to the admin console: it ends only with a passed MFA challenge (no skip). */
  adminConsole?: boolean;
  /** Last time the user typed their current password in Password & Security (adding a method needs it). */
  passwordConfirmedAt?: number;
  /** A temporary access code replaced the challenge: the sign-in goes on only through a new method (R-RST-6). */
  accessCodeUsed?: boolean;
}

/** Reads a session's flow (an unreadable one counts as empty). */
export function parseFlow(flow: string): SessionFlow {
  try {
    const parsed = JSON.parse(flow) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as SessionFlow) : {};
  } catch {
    return {};
  }
}

/** Creates a session at `stage`; returns the token (shown to the client once, never stored). */
export async function createSession(
  trx: Transaction<Database>,
  input: { userId: string; stage: SessionStage; now: number; mfaAt: number | null; flow?: SessionFlow },
): Promise<string> {
  const token = newSessionToken();
  await trx
    .insertInto('sessions')
    .values({
      id: randomUUID(),
      user_id: input.userId,
      token_hash: hashSessionToken(token),
      stage: input.stage,
      created_at: input.now,
      last_seen_at: input.now,
      revoked_at: null,
      mfa_at: input.mfaAt,
      payments_seen_at: null,
      flow: JSON.stringify(input.flow ?? {}),
    })
    .execute();
  return token;
}

/** What a change of a session may set. */
export interface SessionPatch {
  stage?: SessionStage;
  mfaAt?: number;
  flow?: SessionFlow;
  paymentsSeenAt?: number | null;
  lastSeenAt?: number;
}

/** updateSession where `onlyIf` holds: a change of a guarded write (Store.writeIfUnchanged, as a ChangeTemplate). */
export function sessionUpdateIf(db: Kysely<Database>, onlyIf: Expression<SqlBool>, values: { sessionId: string; patch: SessionPatch }) {
  return sessionUpdate(db, values.sessionId, values.patch).where(onlyIf);
}

/** The update of a session's stage and/or verification facts. */
function sessionUpdate(db: Kysely<Database>, sessionId: string, patch: SessionPatch) {
  return db
    .updateTable('sessions')
    .set({
      ...(patch.stage !== undefined ? { stage: patch.stage } : {}),
      ...(patch.mfaAt !== undefined ? { mfa_at: patch.mfaAt } : {}),
      ...(patch.flow !== undefined ? { flow: JSON.stringify(patch.flow) } : {}),
      ...(patch.paymentsSeenAt !== undefined ? { payments_seen_at: patch.paymentsSeenAt } : {}),
      ...(patch.lastSeenAt !== undefined ? { last_seen_at: patch.lastSeenAt } : {}),
    })
    .where('id', '=', sessionId);
}

/** Changes a session's stage and/or verification facts. */
export async function updateSession(trx: Transaction<Database>, sessionId: string, patch: SessionPatch): Promise<void> {
  await sessionUpdate(trx, sessionId, patch).execute();
}

/** Ends one session. */
export async function revokeSession(trx: Transaction<Database>, sessionId: string, now: number): Promise<void> {
  await trx.updateTable('sessions').set({ revoked_at: now }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

/** Ends every session of a user (demo reset), except `keepSessionId` when given; returns how many ended. */
export async function revokeUserSessions(trx: Transaction<Database>, userId: string, now: number, keepSessionId?: string): Promise<number> {
  let query = trx.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (keepSessionId) query = query.where('id', '!=', keepSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
