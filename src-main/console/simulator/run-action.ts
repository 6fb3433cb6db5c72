/** One trainer action on the simulated screens, routed to the flow that asks the service. */
import { assertNever } from '../../../shared/domain/assert-never';
import type { SimulatorAction } from '../../../shared/ipc/channels/simulator';
import { forgotPassword, openMailLink, renewLink, requestReset, setPassword } from './account-flow';
import { answerChallenge, chooseChallenge, resendChallenge } from './challenge-flow';
import type { FlowContext } from './flow-context';
import { goHome } from './home';
import { goBack } from './navigation';
import { openPayments, paymentsAction, refreshPayments } from './payments-flow';
import { confirmPasswordThenAdd, openManage, setAlwaysRequire, startChange } from './self-service-flow';
import { chooseMethod, confirmSms, confirmTotp, recoverySaved, resendSms, sendSms, setUpLater, setUpNow, signIn } from './sign-in-flow';
import type { Simulation } from './simulation';
import { signOutAtService } from './sign-out';

/** Runs `action` on `simulation`, leaving its screen where the service's answer leads. */
export async function runAction(ctx: FlowContext, simulation: Simulation, action: SimulatorAction): Promise<void> {
  const manage = () => openManage(ctx, simulation);
  switch (action.type) {
    case 'sign_in':
      if (simulation.token !== null) await signOutAtService(ctx, simulation);
      return signIn(ctx, simulation, action.password);
    case 'set_up_now':
      return setUpNow(simulation);
    case 'set_up_later':
      return setUpLater(ctx, simulation);
    case 'choose_method':
      return chooseMethod(ctx, simulation, action.method);
    case 'confirm_totp':
      return confirmTotp(ctx, simulation, action.code);
    case 'send_sms':
      return sendSms(ctx, simulation, action.country, action.phone);
    case 'resend_sms':
      return resendSms(ctx, simulation);
    case 'confirm_sms':
      return confirmSms(ctx, simulation, action.code);
    case 'recovery_saved':
      return recoverySaved(ctx, simulation, manage);
    case 'choose_challenge':
      return chooseChallenge(ctx, simulation, action.option);
    case 'answer_challenge':
      return answerChallenge(ctx, simulation, action.code);
    case 'resend_challenge':
      return resendChallenge(ctx, simulation);
    case 'open_payments':
      return openPayments(ctx, simulation);
    case 'payments_action':
      return paymentsAction(ctx, simulation, action.action);
    case 'open_manage':
      return manage();
    case 'manage_method':
      return startChange(ctx, simulation, action.method);
    case 'request_recovery_code':
      return startChange(ctx, simulation, 'recovery_code');
    case 'confirm_password':
      return confirmPasswordThenAdd(ctx, simulation, action.password);
    case 'always_require':
      return setAlwaysRequire(ctx, simulation, action.on);
    case 'go_home':
      return simulation.stage === 'signed_in' ? goHome(simulation, null) : undefined;
    case 'refresh':
      return simulation.screen.kind === 'payments' ? refreshPayments(ctx, simulation) : undefined;
    case 'back':
      return goBack(ctx, simulation, manage);
    case 'sign_out':
      return signOutAtService(ctx, simulation);
    case 'open_mail_link':
      if (simulation.token !== null) await signOutAtService(ctx, simulation);
      return openMailLink(ctx, simulation, action.messageId);
    case 'set_password':
      return setPassword(ctx, simulation, action.password);
    case 'forgot_password':
      return forgotPassword(simulation);
    case 'request_reset':
      return requestReset(ctx, simulation);
    case 'renew_link':
      return renewLink(ctx, simulation);
    default:
      return assertNever(action, 'simulator action');
  }
}
