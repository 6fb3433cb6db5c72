/**
 * Set-up during sign-in (R-AUTH-1 "Set Up Now"): authenticator app or text message, then the recovery code. A
 * confirmed set-up, and every code typed for it, is recorded as sign-in activity (R-LOG-1).
 */
import { apiRoutes } from '../../../shared/api';
import { requireStage, toRecoveryAck } from '../auth/sign-in-stage';
import { assertSmsOffered, confirmSmsSetup, resendSmsSetup, startSmsSetup } from '../enrollment/sms-setup';
import { confirmTotpSetup, startTotpSetup } from '../enrollment/totp-setup';
import { registerRoute } from '../http/register-route';
import type { ServiceContext } from '../service-context';
import { setupConfirmedOutcome } from '../activity/attempt-outcomes';
import { attemptBy, callerContext, limited } from './route-helpers';

/** Registers the sign-in set-up routes (all need a session at the `setup` stage). */
export function registerSetupRoutes(ctx: ServiceContext): void {
  const { app, authenticator } = ctx;
  const inSetup = (auth: Parameters<typeof callerContext>[0]) => {
    const caller = callerContext(auth);
    requireStage(caller.session, 'setup');
    return caller;
  };

  registerRoute(app, apiRoutes.setupTotpStart, authenticator, async ({ auth }) => {
    const { uc } = inSetup(auth);
    return startTotpSetup(ctx, uc);
  });

  registerRoute(app, apiRoutes.setupTotpConfirm, authenticator, async ({ auth, body, request }) => {
    const { uc, session } = inSetup(auth);
    return ctx.signIns.around(
      attemptBy(uc, 'totp', request),
      () => confirmTotpSetup(ctx, uc, body.code, (trx) => toRecoveryAck(trx, session.id, uc.now)),
      () => setupConfirmedOutcome('totp'),
    );
  }, limited(ctx, 'codes'));

  registerRoute(app, apiRoutes.setupSmsStart, authenticator, async ({ auth, body }) => {
    const { uc } = inSetup(auth);
    return startSmsSetup(ctx, uc, body.phone);
  }, limited(ctx, 'codes'));

  registerRoute(app, apiRoutes.setupSmsResend, authenticator, async ({ auth }) => {
    const { uc } = inSetup(auth);
    assertSmsOffered(uc);
    return resendSmsSetup(ctx, uc);
  }, limited(ctx, 'codes'));

  registerRoute(app, apiRoutes.setupSmsConfirm, authenticator, async ({ auth, body, request }) => {
    const { uc, session } = inSetup(auth);
    return ctx.signIns.around(
      attemptBy(uc, 'sms', request),
      () => confirmSmsSetup(ctx, uc, body.code, (trx) => toRecoveryAck(trx, session.id, uc.now)),
      () => setupConfirmedOutcome('sms'),
    );
  }, limited(ctx, 'codes'));
}
