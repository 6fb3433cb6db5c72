/**
 * Payments step-up (R-PAY-1, R-PAY-2): every touchpoint of the Payments tool needs a fresh challenge with one of
 * the user's allowed methods (payors: the app; payee admins: the app or a US phone). Passing one marks the user
 * active in the tool; after 30 minutes without activity the tool demands a new challenge at its entrance.
 */
import type { PaymentsTouchpoint } from '../../../shared/api/routes/payments';
import type { SmsSent } from '../../../shared/api/routes/mfa-common';
import type { MethodKind } from '../../../shared/domain/model';
import { isPaymentsUser } from '../../../shared/domain/model';
import { PAYMENTS_IDLE_MINUTES, paymentsStepUp } from '../../../shared/domain/sessions';
import type { SessionRow } from '../auth/authenticator';
import { assertNotLocked, attemptCode } from '../challenges/attempt';
import { requireUsableMethod, usableMethods } from '../challenges/challenge-options';
import { canonicalCode } from '../challenges/factor-check';
import { ApiError } from '../http/api-error';
import { updateSession } from '../repositories/sessions-repo';
import type { UserContext } from '../repositories/user-context';
import type { ServiceContext } from '../service-context';
import { sendSmsCode } from '../sms/send-code';

const IDLE_MS = PAYMENTS_IDLE_MINUTES * 60_000;

function seenAt(session: SessionRow): number | null {
  return session.payments_seen_at === null ? null : Number(session.payments_seen_at);
}

function isInTool(session: SessionRow, now: number): boolean {
  return !paymentsStepUp('payments_activity', seenAt(session), now).needed;
}

function requirePaymentsUser(uc: UserContext): void {
  if (!isPaymentsUser(uc.domainUser)) {
    throw new ApiError('forbidden', 'Only payments accounts use the Payments tool. Ask your company admin if you need access.', {
      reason: 'not_payments_user',
    });
  }
}

/** A touchpoint inside the tool needs the user to be in it (entered, and not idle for 30 minutes). */
function requireInToolFor(touchpoint: PaymentsTouchpoint, uc: UserContext, session: SessionRow): void {
  if (touchpoint === 'enter_payments') return;
  const decision = paymentsStepUp('payments_activity', seenAt(session), uc.now);
  if (decision.needed) {
    throw new ApiError('forbidden', `${decision.message} Open Payments again first.`, { reason: 'payments_idle', touchpoint: 'enter_payments' });
  }
}

/** Where the user stands in the Payments tool. */
export function paymentsStatus(uc: UserContext, session: SessionRow) {
  const inTool = isPaymentsUser(uc.domainUser) && isInTool(session, uc.now);
  return {
    paymentsUser: isPaymentsUser(uc.domainUser),
    accountType: uc.user.account_type,
    methods: usableMethods(uc).map((method) => method.kind),
    inTool,
    idleExpiresAt: inTool ? (seenAt(session) ?? 0) + IDLE_MS : null,
    idleMinutes: PAYMENTS_IDLE_MINUTES,
  };
}

/** Sends a step-up code to the user's phone for a touchpoint. */
export async function sendStepUpSms(ctx: ServiceContext, uc: UserContext, session: SessionRow, touchpoint: PaymentsTouchpoint): Promise<SmsSent> {
  requirePaymentsUser(uc);
  requireInToolFor(touchpoint, uc, session);
  assertNotLocked(uc);
  const method = requireUsableMethod(uc, 'sms');
  return sendSmsCode(ctx, uc, 'step_up', method.phone_e164 ?? '');
}

/** Passes the challenge of a touchpoint (counted towards the lockout). */
export async function passStepUp(
  ctx: ServiceContext,
  uc: UserContext,
  session: SessionRow,
  answer: { touchpoint: PaymentsTouchpoint; method: MethodKind; code: string; ip: string },
): Promise<{ touchpoint: PaymentsTouchpoint; passedAt: number; idleExpiresAt: number }> {
  requirePaymentsUser(uc);
  requireInToolFor(answer.touchpoint, uc, session);
  const method = requireUsableMethod(uc, answer.method);
  const code = canonicalCode(answer.method, answer.code);
  const target =
    answer.method === 'totp'
      ? { kind: 'totp' as const, methodId: method.id }
      : { kind: 'sms' as const, purpose: 'step_up' as const, phoneE164: method.phone_e164 ?? '' };
  await attemptCode(ctx, uc, { target, code, ip: answer.ip }, (trx) =>
    updateSession(trx, session.id, { paymentsSeenAt: uc.now, mfaAt: uc.now }),
  );
  return { touchpoint: answer.touchpoint, passedAt: uc.now, idleExpiresAt: uc.now + IDLE_MS };
}

/** Records activity in the tool, or 403 `payments_idle` when a new challenge is due. */
export async function recordPaymentsActivity(ctx: ServiceContext, uc: UserContext, session: SessionRow): Promise<{ idleExpiresAt: number }> {
  requirePaymentsUser(uc);
  requireInToolFor('disbursement', uc, session);
  await ctx.store.write((trx) => updateSession(trx, session.id, { paymentsSeenAt: uc.now }));
  return { idleExpiresAt: uc.now + IDLE_MS };
}
