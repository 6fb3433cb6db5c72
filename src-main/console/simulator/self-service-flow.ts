/**
 * "Manage my MFA" (Password & Security, R-AUTH-3): the user's methods, adding or changing the app or phone, a new
 * recovery code, and "Always require 2FA". Adding an app or a phone asks for the current password first; changes
 * of an enrolled account need a recent verification, and a phone change a code to the current number first
 * (R-SMS-2): the service says until when each is valid.
 */
import type { MySecurity } from '../../../shared/api/routes/self-service';
import type { SimulatorMfaSettings } from '../../../shared/ipc/channels/simulator';
import { startChallenge } from './challenge-start';
import type { FlowContext } from './flow-context';
import { showRefusal } from './refusals';
import { lockedOnWords } from './screen-words';
import { chooseMethod, smsSetupScreen } from './sign-in-flow';
import type { Simulation } from './simulation';

type Change = 'totp' | 'sms' | 'recovery_code';

function settingsOf(security: MySecurity): SimulatorMfaSettings {
  const always = security.alwaysRequire;
  return {
    methods: security.methods.map((m) => ({ kind: m.kind, label: m.label, detail: m.phoneMasked })),
    options: security.methodOptions,
    hasRecoveryCode: security.hasRecoveryCode,
    alwaysRequire: always.kind === 'locked_on' ? { kind: 'locked_on', reason: lockedOnWords(always.reason) } : always,
  };
}

async function security(ctx: FlowContext, simulation: Simulation): Promise<MySecurity> {
  return ctx.client().call('mySecurity', {}, { token: simulation.token ?? '' });
}

async function companyNow(ctx: FlowContext): Promise<number> {
  return (await ctx.client().call('demoClock', {})).companyNow;
}

/** Opens Password & Security. */
export async function openManage(ctx: FlowContext, simulation: Simulation, notice: string | null = null, error: string | null = null): Promise<void> {
  try {
    simulation.challenge = null;
    simulation.screen = { kind: 'manage_mfa', settings: settingsOf(await security(ctx, simulation)), notice, error };
  } catch (failure) {
    showRefusal(simulation, failure);
  }
}

/** Goes on with a change once verified. */
export async function continueSelfService(ctx: FlowContext, simulation: Simulation, change: Change): Promise<void> {
  try {
    if (change === 'totp') {
      await chooseMethod(ctx, simulation, 'totp');
    } else if (change === 'sms') {
      simulation.screen = smsSetupScreen(simulation);
    } else {
      const issued = await ctx.client().call('myRecoveryCodeRenew', { body: {} }, { token: simulation.token ?? '' });
      simulation.screen = { kind: 'recovery_code', code: issued.recoveryCode, context: 'new_code' };
    }
  } catch (error) {
    showRefusal(simulation, error);
  }
}

/**
 * Add or change a method, or get a new recovery code: the current password first when adding a method, then a
 * verification when the service's window has passed.
 */
export async function startChange(ctx: FlowContext, simulation: Simulation, change: Change): Promise<void> {
  try {
    const mine = await security(ctx, simulation);
    const now = await companyNow(ctx);
    const kinds = mine.methods.map((m) => m.kind);
    const fresh = (until: number | null) => until !== null && until > now;
    if (change !== 'recovery_code' && !kinds.includes(change) && !fresh(mine.passwordConfirmedUntil)) {
      simulation.challenge = null;
      simulation.screen = { kind: 'confirm_password', email: simulation.user.email, then: change, error: null };
      return;
    }
    if (change === 'sms' && kinds.includes('sms') && !fresh(mine.phoneVerifiedUntil)) {
      startChallenge(simulation, { kind: 'self_service', then: change }, ['sms'], simulation.user.phoneMasked);
      return;
    }
    if (kinds.length > 0 && !fresh(mine.verifiedUntil)) {
      startChallenge(simulation, { kind: 'self_service', then: change }, kinds, simulation.user.phoneMasked);
      return;
    }
  } catch (error) {
    showRefusal(simulation, error);
    return;
  }
  await continueSelfService(ctx, simulation, change);
}

/** The current password, typed on "Enter Your Current Password": then on with the addition. */
export async function confirmPasswordThenAdd(ctx: FlowContext, simulation: Simulation, password: string): Promise<void> {
  const screen = simulation.screen;
  if (screen.kind !== 'confirm_password') return;
  try {
    await ctx.client().call('myPasswordConfirm', { body: { password } }, { token: simulation.token ?? '' });
  } catch (error) {
    showRefusal(simulation, error);
    return;
  }
  await startChange(ctx, simulation, screen.then);
}

/** "Always require 2FA to log into my account". */
export async function setAlwaysRequire(ctx: FlowContext, simulation: Simulation, on: boolean): Promise<void> {
  try {
    await ctx.client().call('myAlwaysRequire', { body: { on } }, { token: simulation.token ?? '' });
    await openManage(ctx, simulation, on ? 'Two-factor authentication is now required for every sign-in.' : 'Two-factor authentication is now optional for you.');
  } catch (error) {
    if (simulation.screen.kind === 'manage_mfa') showRefusal(simulation, error);
    else throw error;
  }
}
