/**
 * The Payments tool demo (R-PAY-2): entering it, creating a disbursement, editing a bank account and accepting an
 * agreement each demand a fresh challenge, and 30 minutes idle demands one again. The service says when; the
 * simulator only asks it.
 */
import type { PaymentsAction } from '../../../shared/ipc/channels/simulator';
import type { ConsoleError } from '../../ipc/console-error';
import { startChallenge } from './challenge-start';
import type { FlowContext } from './flow-context';
import { goHome } from './home';
import { refusalOf, showRefusal } from './refusals';
import { touchpointDone } from './screen-words';
import type { Pending, Simulation } from './simulation';

/** True for the service's "idle too long in the Payments tool: step up again". */
export function isPaymentsIdle(refusal: ConsoleError): boolean {
  return refusal.code === 'forbidden' && refusal.details?.reason === 'payments_idle';
}

async function status(ctx: FlowContext, simulation: Simulation) {
  return ctx.client().call('paymentsStatus', {}, { token: simulation.token ?? '' });
}

/** Asks for the challenge of a touchpoint, with the methods the service allows for step-ups. */
async function challengeFor(ctx: FlowContext, simulation: Simulation, pending: Extract<Pending, { kind: 'payments' }>): Promise<void> {
  const current = await status(ctx, simulation);
  if (!current.paymentsUser) {
    goHome(simulation, 'The Payments tool is only for payments accounts (payors and payee admins).');
    return;
  }
  startChallenge(simulation, pending, current.methods, simulation.user.phoneMasked);
}

/** "Payments" on the home page: entering the tool is a touchpoint. */
export async function openPayments(ctx: FlowContext, simulation: Simulation): Promise<void> {
  try {
    await challengeFor(ctx, simulation, { kind: 'payments', touchpoint: 'enter_payments', idle: false });
  } catch (error) {
    showRefusal(simulation, error);
  }
}

/** Idle too long: enter the tool again, with the idle words. */
export async function restartAfterIdle(ctx: FlowContext, simulation: Simulation): Promise<void> {
  await challengeFor(ctx, simulation, { kind: 'payments', touchpoint: 'enter_payments', idle: true });
}

/** A sensitive action: activity first (the service refuses it when idle too long), then its own challenge. */
export async function paymentsAction(ctx: FlowContext, simulation: Simulation, action: PaymentsAction): Promise<void> {
  try {
    await ctx.client().call('paymentsActivity', { body: {} }, { token: simulation.token ?? '' });
  } catch (error) {
    const refusal = refusalOf(error);
    if (isPaymentsIdle(refusal)) {
      await restartAfterIdle(ctx, simulation);
      return;
    }
    showRefusal(simulation, refusal);
    return;
  }
  await challengeFor(ctx, simulation, { kind: 'payments', touchpoint: action, idle: false });
}

/** After a passed step-up: back in the tool, saying what was done. */
export async function afterStepUp(ctx: FlowContext, simulation: Simulation, pending: Extract<Pending, { kind: 'payments' }>): Promise<void> {
  simulation.challenge = null;
  const current = await status(ctx, simulation);
  simulation.screen = { kind: 'payments', done: touchpointDone(pending.touchpoint, pending.idle), idleLimitMinutes: current.idleMinutes };
}

/** After the clock moved: if the tool is no longer open (idle too long), the user is asked again. */
export async function refreshPayments(ctx: FlowContext, simulation: Simulation): Promise<void> {
  const current = await status(ctx, simulation);
  if (!current.inTool) await restartAfterIdle(ctx, simulation);
}
