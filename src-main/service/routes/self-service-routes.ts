/** Password & Security routes (R-AUTH-3): verify, replace the app, add or change the phone, renew the recovery code. */
import { apiRoutes } from '../../../shared/api';
import { confirmSmsSetup, resendSmsSetup, startSmsSetup } from '../enrollment/sms-setup';
import { confirmTotpSetup, startTotpSetup } from '../enrollment/totp-setup';
import { registerRoute } from '../http/register-route';
import { renewRecoveryCode, setAlwaysRequire } from '../self-service/account-changes';
import { mySecurity } from '../self-service/my-security';
import {
  confirmPassword,
  requireCurrentPhoneVerified,
  requirePasswordToAdd,
  requireRecentVerification,
  sendVerificationSms,
  verifyMe,
} from '../self-service/verification';
import type { ServiceContext } from '../service-context';
import { callerContext, limited } from './route-helpers';

const noMore = async (): Promise<void> => {};

/** Registers the self-service routes (signed-in users only). */
export function registerSelfServiceRoutes(ctx: ServiceContext): void {
  const { app, authenticator } = ctx;

  registerRoute(app, apiRoutes.mySecurity, authenticator, async ({ auth }) => {
    const { uc, session } = callerContext(auth);
    return mySecurity(uc, session);
  });

  registerRoute(app, apiRoutes.myVerifySms, authenticator, async ({ auth }) => {
    const { uc } = callerContext(auth);
    return sendVerificationSms(ctx, uc);
  }, limited(ctx, 'codes'));

  registerRoute(app, apiRoutes.myVerify, authenticator, async ({ auth, body, ip }) => {
    const { uc, session } = callerContext(auth);
    return verifyMe(ctx, uc, session, { method: body.method, code: body.code, ip });
  }, limited(ctx, 'codes'));

  registerRoute(app, apiRoutes.myPasswordConfirm, authenticator, async ({ auth, body }) => {
    const { uc, session } = callerContext(auth);
    return confirmPassword(ctx, uc, session, body.password);
  }, limited(ctx, 'signIn'));

  registerRoute(app, apiRoutes.myTotpStart, authenticator, async ({ auth }) => {
    const { uc, session } = callerContext(auth);
    requirePasswordToAdd(uc, session, 'totp');
    requireRecentVerification(uc, session);
    return startTotpSetup(ctx, uc);
  });

  registerRoute(app, apiRoutes.myTotpConfirm, authenticator, async ({ auth, body }) => {
    const { uc, session } = callerContext(auth);
    requireRecentVerification(uc, session);
    return confirmTotpSetup(ctx, uc, body.code, noMore);
  }, limited(ctx, 'codes'));

  registerRoute(app, apiRoutes.myPhoneStart, authenticator, async ({ auth, body }) => {
    const { uc, session } = callerContext(auth);
    requirePasswordToAdd(uc, session, 'sms');
    requireCurrentPhoneVerified(uc, session);
    return startSmsSetup(ctx, uc, body.phone);
  }, limited(ctx, 'codes'));

  registerRoute(app, apiRoutes.myPhoneResend, authenticator, async ({ auth }) => {
    const { uc } = callerContext(auth);
    return resendSmsSetup(ctx, uc);
  }, limited(ctx, 'codes'));

  registerRoute(app, apiRoutes.myPhoneConfirm, authenticator, async ({ auth, body }) => {
    const { uc, session } = callerContext(auth);
    requireCurrentPhoneVerified(uc, session);
    return confirmSmsSetup(ctx, uc, body.code, noMore);
  }, limited(ctx, 'codes'));

  registerRoute(app, apiRoutes.myRecoveryCodeRenew, authenticator, async ({ auth }) => {
    const { uc, session } = callerContext(auth);
    return renewRecoveryCode(ctx, uc, session);
  });

  registerRoute(app, apiRoutes.myAlwaysRequire, authenticator, async ({ auth, body }) => {
    const { uc } = callerContext(auth);
    return { alwaysRequire: await setAlwaysRequire(ctx, uc, body.on) };
  });
}
