/**
 * "How do you want to verify your identity?" (R-AUTH-1): an app code, an SMS code sent on request, the recovery
 * code, or a temporary access code from the helpdesk. A recovery code signs the user in and is voided; a new one is
 * issued and shown before the session becomes active (R-REC-2), since the user has none left otherwise. A temporary
 * access code works once and leads straight to setting up a new method, then a new recovery code (R-RST-6).
 */
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { RecordInWrite } from '../activity/record-sign-in';
import type { Database } from '../store/schema';
import type { ChallengePassed } from '../../../shared/api/routes/auth';
import type { ChallengeOption } from '../../../shared/domain/sign-in';
import { accessCodeSetup } from '../auth/sign-in-next';
import { parseFlow, sessionUpdateIf, updateSession } from '../repositories/sessions-repo';
import type { SmsSent } from '../../../shared/api/routes/mfa-common';
import { appendAudit } from '../audit/append-audit';
import { selfAuditEntry } from '../audit/self-entry';
import type { SessionRow } from '../auth/authenticator';
import { finishSignIn, requireStage, signInPatches, toRecoveryAck } from '../auth/sign-in-stage';
import { ApiError } from '../http/api-error';
import { issueRecoveryCode } from '../recovery/issue-recovery-code';
import type { UserContext } from '../repositories/user-context';
import type { ServiceContext } from '../service-context';
import { sendSmsCode } from '../sms/send-code';
import type { GuardedChange } from '../store/guarded-write';
import { assertNotLocked, attemptCode, passUnchanged, withPrecheck } from './attempt';
import { requireUsableMethod, signInChallengeOptions } from './challenge-options';
import { canonicalCode, type FactorTarget } from './factor-check';

type ChallengeAnswer = ChallengeOption;

/** Sends (or resends) a sign-in code to the user's phone. */
export async function sendSignInSms(ctx: ServiceContext, uc: UserContext, session: SessionRow): Promise<SmsSent> {
  requireStage(session, 'challenge');
  assertNotLocked(uc);
  const method = requireUsableMethod(uc, 'sms');
  return sendSmsCode(ctx, uc, 'sign_in', method.phone_e164 ?? '');
}

function targetFor(uc: UserContext, answer: ChallengeAnswer): FactorTarget {
  if (answer === 'recovery_code' || answer === 'temporary_access_code') return { kind: answer };
  const method = requireUsableMethod(uc, answer);
  return answer === 'totp' ? { kind: 'totp', methodId: method.id } : { kind: 'sms', purpose: 'sign_in', phoneE164: method.phone_e164 ?? '' };
}

/**
 * Checks the answer; signs in, or moves to saving the new recovery code after a recovery code. `recordIn` records
 * the passed step in sign-in activity inside the same write (SignInRecorder.around).
 */
export async function verifySignInChallenge(
  ctx: ServiceContext,
  uc: UserContext,
  session: SessionRow,
  answer: { method: ChallengeAnswer; code: string; ip: string },
  recordIn?: RecordInWrite<z.input<typeof ChallengePassed>>,
): Promise<z.input<typeof ChallengePassed>> {
  requireStage(session, 'challenge');
  if (!signInChallengeOptions(uc).includes(answer.method)) {
    throw new ApiError('forbidden', 'That way of verifying is not available for your account. Choose one of the options shown.', {
      reason: 'method_not_available',
    });
  }
  const code = canonicalCode(answer.method, answer.code);
  const target = await withPrecheck(ctx, uc, targetFor(uc, answer.method), code);
  if (answer.method === 'totp') {
    // The usual case, a right app code, in one guarded write; when the rows it read changed meanwhile, the full step.
    const passed = { step: 'signed_in' as const };
    const signIn = signInPatches(uc, { at: uc.now, bySms: false });
    const record = recordIn?.asChange(passed) ?? null;
    const changes: GuardedChange[] = [{ build: sessionUpdateIf, values: { sessionId: session.id, patch: signIn.session } }, ...(record ? [record.change] : [])];
    if (await passUnchanged(ctx, uc, target, signIn.user, changes)) {
      record?.applied();
      return passed;
    }
  }
  return attemptCode(ctx, uc, { target, code, ip: answer.ip }, async (trx) => {
    const passed = await passChallenge(trx);
    await recordIn?.(trx, passed);
    return passed;
  });

  async function passChallenge(trx: Transaction<Database>): Promise<z.input<typeof ChallengePassed>> {
    if (answer.method === 'temporary_access_code') {
      await appendAudit(trx, selfAuditEntry(uc.user, uc.moment, 'mfa.access_code_used', { evidence: { context: 'sign_in', ip: answer.ip } }));
      await updateSession(trx, session.id, { stage: 'setup', mfaAt: uc.now, flow: { ...parseFlow(session.flow), accessCodeUsed: true } });
      return accessCodeSetup(uc);
    }
    if (answer.method !== 'recovery_code') {
      await finishSignIn(trx, uc, session.id, { at: uc.now, bySms: answer.method === 'sms' });
      return { step: 'signed_in' as const };
    }
    const issued = await issueRecoveryCode(trx, ctx.mfa.random, uc.user.id, uc.now);
    await appendAudit(trx, selfAuditEntry(uc.user, uc.moment, 'mfa.recovery_code_used', {
      evidence: { context: 'sign_in', newCodeIssued: true, ip: answer.ip },
    }));
    await toRecoveryAck(trx, session.id, uc.now);
    return { step: 'save_recovery_code' as const, ...issued };
  }
}
