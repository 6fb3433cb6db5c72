/**
 * The sign-in routes (R-AUTH-1): password, status, skip, challenge, recovery code acknowledgement, sign-out. Every
 * attempt at the password, the challenge and the skip is recorded as sign-in activity (R-LOG-1).
 */
import { apiRoutes } from '../../../shared/api';
import { appendAudit } from '../audit/append-audit';
import { selfAuditEntry } from '../audit/self-entry';
import { signIn } from '../auth/sign-in-service';
import { currentNext, domainStep } from '../auth/sign-in-next';
import { finishSignIn, requireStage } from '../auth/sign-in-stage';
import { bearerToken, hashSessionToken } from '../auth/session-token';
import { sendSignInSms, verifySignInChallenge } from '../challenges/sign-in-challenge';
import { companyNow } from '../clock';
import { ApiError } from '../http/api-error';
import { registerRoute } from '../http/register-route';
import { issueRecoveryCode } from '../recovery/issue-recovery-code';
import { parseFlow, revokeSession } from '../repositories/sessions-repo';
import type { ServiceContext } from '../service-context';
import { attemptBy, callerContext, limited } from './route-helpers';
import { challengeOutcome, passwordStepOutcome } from '../activity/attempt-outcomes';

/** Registers the sign-in routes. */
export function registerSignInRoutes(ctx: ServiceContext): void {
  const { app, authenticator } = ctx;
  registerRoute(
    app,
    apiRoutes.signIn,
    authenticator,
    async ({ body, request }) =>
      ctx.signIns.around({ email: body.email, user: null, method: 'password', request }, () => signIn(ctx, body), passwordStepOutcome),
    limited(ctx, 'signIn'),
  );

  registerRoute(app, apiRoutes.signInStatus, authenticator, async ({ auth }) => {
    const { uc, session } = callerContext(auth);
    return { user: { id: uc.user.id, email: uc.user.email, name: uc.user.name }, next: currentNext(uc, session) };
  });

  registerRoute(app, apiRoutes.signOut, authenticator, async ({ request }) => {
    const token = bearerToken(request.headers.authorization);
    if (!token) return { signedOut: false };
    const row = await ctx.store.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .innerJoin('companies', 'companies.id', 'users.company_id')
      .select(['sessions.id', 'sessions.revoked_at', 'companies.clock_offset_ms'])
      .where('sessions.token_hash', '=', hashSessionToken(token))
      .executeTakeFirst();
    if (!row || row.revoked_at !== null) return { signedOut: false };
    const now = companyNow(ctx.clock, { clock_offset_ms: Number(row.clock_offset_ms) });
    await ctx.store.write((trx) => revokeSession(trx, row.id, now));
    return { signedOut: true };
  });

  registerRoute(app, apiRoutes.setupSkip, authenticator, async ({ auth, request }) => {
    const { uc, session } = callerContext(auth);
    requireStage(session, 'setup');
    const flow = parseFlow(session.flow);
    if (flow.accessCodeUsed === true || domainStep(uc, flow.adminConsole === true).step === 'setup_required') {
      throw new ApiError('forbidden', 'Two-factor authentication is required for your account now. Set up a method to continue.', {
        reason: 'setup_required',
      });
    }
    await ctx.store.write((trx) => finishSignIn(trx, uc, session.id, null));
    await ctx.signIns.record(attemptBy(uc, null, request), { outcome: 'setup_skipped', detail: 'Early enrollment: signed in without MFA until the deadline.' });
    return { step: 'signed_in' as const };
  });

  registerRoute(app, apiRoutes.recoveryCodeAcknowledge, authenticator, async ({ auth }) => {
    const { uc, session } = callerContext(auth);
    requireStage(session, 'recovery_ack');
    await ctx.store.write((trx) => finishSignIn(trx, uc, session.id, null));
    return { step: 'signed_in' as const };
  });

  registerRoute(app, apiRoutes.recoveryCodeReissue, authenticator, async ({ auth }) => {
    const { uc, session } = callerContext(auth);
    requireStage(session, 'recovery_ack');
    return ctx.store.write(async (trx) => {
      const issued = await issueRecoveryCode(trx, ctx.mfa.random, uc.user.id, uc.now);
      await appendAudit(trx, selfAuditEntry(uc.user, uc.moment, 'mfa.recovery_code_renewed', {
        evidence: { context: 'sign_in', reason: 'reissued_before_saving' },
      }));
      return issued;
    });
  });

  registerRoute(app, apiRoutes.challengeSmsSend, authenticator, async ({ auth }) => {
    const { uc, session } = callerContext(auth);
    return sendSignInSms(ctx, uc, session);
  }, limited(ctx, 'codes'));

  registerRoute(app, apiRoutes.challengeVerify, authenticator, async ({ auth, body, ip, request }) => {
    const { uc, session } = callerContext(auth);
    return ctx.signIns.around(
      attemptBy(uc, body.method, request),
      (recordIn) => verifySignInChallenge(ctx, uc, session, { method: body.method, code: body.code, ip }, recordIn),
      challengeOutcome,
    );
  }, limited(ctx, 'codes'));
}
