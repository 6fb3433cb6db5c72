/**
 * Answering a challenge: pick a way ("How do you want to verify your identity?"), get an SMS code if that is the
 * way, then the code. Where the answer goes depends on why the user was asked: the sign-in, a payments touchpoint
 * (R-PAY-2) or a self-service change (R-AUTH-3).
 */
import { assertNever } from '../../../shared/domain/assert-never';
import type { ChallengeOption } from '../../../shared/domain/sign-in';
import { ConsoleError } from '../../ipc/console-error';
import { purposeOf } from './challenge-start';
import type { FlowContext } from './flow-context';
import { goHome } from './home';
import { afterStepUp, isPaymentsIdle, restartAfterIdle } from './payments-flow';
import { refusalOf, showRefusal } from './refusals';
import { RESENT_WORDS } from './screen-words';
import { continueSelfService } from './self-service-flow';
import { applyNext } from './sign-in-flow';
import type { ChallengeContext, Simulation } from './simulation';

function context(simulation: Simulation): ChallengeContext {
  if (!simulation.challenge) throw new ConsoleError('simulator_state', 'This screen has no challenge any more. Sign in again.');
  return simulation.challenge;
}

/** Sends an SMS code for the challenge being answered; answers the masked number it went to. */
async function sendCode(ctx: FlowContext, simulation: Simulation, challenge: ChallengeContext): Promise<string> {
  const token = { token: simulation.token ?? '' };
  const pending = challenge.pending;
  switch (pending.kind) {
    case 'sign_in':
      return (await ctx.client().call('challengeSmsSend', { body: {} }, token)).phoneMasked;
    case 'payments':
      return (await ctx.client().call('paymentsStepUpSms', { params: { touchpoint: pending.touchpoint }, body: {} }, token)).phoneMasked;
    case 'self_service':
      return (await ctx.client().call('myVerifySms', { body: {} }, token)).phoneMasked;
    default:
      return assertNever(pending, 'pending step');
  }
}

/** A way is picked: for SMS the code is sent now. */
export async function chooseChallenge(ctx: FlowContext, simulation: Simulation, option: ChallengeOption): Promise<void> {
  const challenge = context(simulation);
  const base = { kind: 'challenge_code', purpose: purposeOf(challenge.pending), method: option, options: challenge.options, error: null, notice: null } as const;
  if (option !== 'sms') {
    simulation.screen = { ...base, sentTo: null };
    return;
  }
  try {
    simulation.screen = { ...base, sentTo: await sendCode(ctx, simulation, challenge) };
  } catch (error) {
    showRefusal(simulation, error);
  }
}

/** "Resend New Code" on the challenge. */
export async function resendChallenge(ctx: FlowContext, simulation: Simulation): Promise<void> {
  const challenge = context(simulation);
  try {
    const sentTo = await sendCode(ctx, simulation, challenge);
    if (simulation.screen.kind === 'challenge_code') simulation.screen = { ...simulation.screen, sentTo, notice: RESENT_WORDS, error: null };
  } catch (error) {
    showRefusal(simulation, error);
  }
}

/** The typed code: the service checks it for the reason the user was asked. */
export async function answerChallenge(ctx: FlowContext, simulation: Simulation, code: string): Promise<void> {
  const challenge = context(simulation);
  if (simulation.screen.kind !== 'challenge_code') return;
  const method = simulation.screen.method;
  const token = { token: simulation.token ?? '' };
  const pending = challenge.pending;
  try {
    switch (pending.kind) {
      case 'sign_in': {
        const passed = await ctx.client().call('challengeVerify', { body: { method, code } }, token);
        if (passed.step === 'setup_required') {
          simulation.challenge = null;
          applyNext(simulation, passed);
        } else if (passed.step === 'save_recovery_code') {
          simulation.challenge = null;
          simulation.screen = { kind: 'recovery_code', code: passed.recoveryCode, context: 'after_recovery' };
        } else {
          simulation.stage = 'signed_in';
          goHome(simulation, null);
        }
        return;
      }
      case 'payments': {
        if (method === 'recovery_code' || method === 'temporary_access_code') throw new ConsoleError('unprocessable', 'Payments actions need a code from your app or phone.');
        await ctx.client().call('paymentsStepUp', { params: { touchpoint: pending.touchpoint }, body: { method, code } }, token);
        await afterStepUp(ctx, simulation, pending);
        return;
      }
      case 'self_service': {
        if (method === 'recovery_code' || method === 'temporary_access_code') throw new ConsoleError('unprocessable', 'Verify with your app or phone to change your settings.');
        await ctx.client().call('myVerify', { body: { method, code } }, token);
        simulation.challenge = null;
        await continueSelfService(ctx, simulation, pending.then);
        return;
      }
      default:
        assertNever(pending, 'pending step');
    }
  } catch (error) {
    if (pending.kind === 'payments' && isPaymentsIdle(refusalOf(error))) {
      await restartAfterIdle(ctx, simulation);
      return;
    }
    showRefusal(simulation, error);
  }
}
