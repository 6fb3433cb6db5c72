/** Payments step-up routes (R-PAY-2): status, a challenge per touchpoint, activity in the tool. */
import { apiRoutes } from '../../../shared/api';
import { registerRoute } from '../http/register-route';
import { passStepUp, paymentsStatus, recordPaymentsActivity, sendStepUpSms } from '../payments/step-up';
import type { ServiceContext } from '../service-context';
import { callerContext, limited } from './route-helpers';

/** Registers the payments routes (signed-in users; payments accounts only beyond the status). */
export function registerPaymentsRoutes(ctx: ServiceContext): void {
  const { app, authenticator } = ctx;

  registerRoute(app, apiRoutes.paymentsStatus, authenticator, async ({ auth }) => {
    const { uc, session } = callerContext(auth);
    return paymentsStatus(uc, session);
  });

  registerRoute(app, apiRoutes.paymentsStepUpSms, authenticator, async ({ auth, params }) => {
    const { uc, session } = callerContext(auth);
    return sendStepUpSms(ctx, uc, session, params.touchpoint);
  }, limited(ctx, 'codes'));

  registerRoute(app, apiRoutes.paymentsStepUp, authenticator, async ({ auth, params, body, ip }) => {
    const { uc, session } = callerContext(auth);
    return passStepUp(ctx, uc, session, { touchpoint: params.touchpoint, method: body.method, code: body.code, ip });
  }, limited(ctx, 'codes'));

  registerRoute(app, apiRoutes.paymentsActivity, authenticator, async ({ auth }) => {
    const { uc, session } = callerContext(auth);
    return recordPaymentsActivity(ctx, uc, session);
  });
}
