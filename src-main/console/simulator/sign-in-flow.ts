/**
 * R-AUTH-1 as the end user walks it: password, then what the service says comes next — set-up (required or
 * optional), the challenge, or signed in — then set-up by app or text message, then "Save Your Recovery Code".
 * Every screen is built from the service's answer; nothing is decided here that the service did not say.
 */
import type { SignInNext } from '../../../shared/api/routes/auth';
import { smsCountriesFor, smsCountry } from '../../../shared/domain/sms-countries';
import { assertNever } from '../../../shared/domain/assert-never';
import type { ScreenOf } from '../../../shared/ipc/channels/simulator';
import { refusalOf, showRefusal } from './refusals';
import { RESENT_WORDS, invalidPhoneWords, setupReasonWords } from './screen-words';
import type { FlowContext } from './flow-context';
import { startChallenge } from './challenge-start';
import { goHome } from './home';
import type { Simulation } from './simulation';

/** Email and password: the service's answer decides the next screen. */
export async function signIn(ctx: FlowContext, simulation: Simulation, password: string): Promise<void> {
  try {
    const answer = await ctx.client().call('signIn', { body: { email: simulation.user.email, password } });
    simulation.token = answer.token;
    simulation.stage = answer.token === null ? 'signed_out' : 'signing_in';
    applyNext(simulation, answer.next);
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal.code === 'forbidden') simulation.screen = { kind: 'inactive', message: refusal.message };
    else if (refusal.code === 'mfa_locked') showRefusal(simulation, refusal);
    else simulation.screen = { kind: 'sign_in', email: simulation.user.email, error: refusal.message };
  }
}

/** The screen for the service's "what next" after the password. */
export function applyNext(simulation: Simulation, next: SignInNext): void {
  switch (next.step) {
    case 'sso':
      simulation.screen = { kind: 'sso', message: next.message };
      return;
    case 'challenge':
      startChallenge(simulation, { kind: 'sign_in' }, next.options, next.phoneMasked);
      return;
    case 'setup_required': {
      const entry: ScreenOf<'setup_required'> = { kind: 'setup_required', reason: setupReasonWords(next.reason) };
      simulation.setup = { entry, methods: next.methods };
      simulation.screen = entry;
      return;
    }
    case 'setup_optional': {
      const entry: ScreenOf<'setup_optional'> = { kind: 'setup_optional', enforcementAt: next.enforcementAt };
      simulation.setup = { entry, methods: next.methods };
      simulation.screen = entry;
      return;
    }
    case 'save_recovery_code':
      simulation.screen = {
        kind: 'sign_in',
        email: simulation.user.email,
        error: 'This sign-in stopped at "Save Your Recovery Code", which is shown only once. Sign in again.',
      };
      return;
    case 'signed_in':
      simulation.stage = 'signed_in';
      goHome(simulation, null);
      return;
    default:
      assertNever(next, 'sign-in step');
  }
}

/** "Set Up Now": the methods the service offered with the sign-in answer. */
export function setUpNow(simulation: Simulation): void {
  if (simulation.setup) simulation.screen = { kind: 'select_method', methods: simulation.setup.methods };
}

/** "Remind Me Later" (early enrollment only; the service refuses it otherwise). */
export async function setUpLater(ctx: FlowContext, simulation: Simulation): Promise<void> {
  try {
    await ctx.client().call('setupSkip', { body: {} }, { token: simulation.token ?? '' });
    simulation.stage = 'signed_in';
    goHome(simulation, 'You can set up two-factor authentication any time before the deadline in "Manage my MFA".');
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal.code === 'unauthorized' || refusal.code === 'mfa_locked') showRefusal(simulation, refusal);
    else simulation.screen = { kind: 'setup_required', reason: refusal.message };
  }
}

/** The "Set Up SMS Verification" screen before a code is sent: only the countries this user may text from. */
export function smsSetupScreen(simulation: Simulation): ScreenOf<'sms_setup'> {
  const countries = smsCountriesFor(simulation.user);
  const own = countries.find((c) => c.code === simulation.user.country) ?? countries[0];
  return {
    kind: 'sms_setup',
    countries: countries.map((c) => ({ code: c.code, name: c.name, callingCode: c.callingCode })),
    country: own?.code ?? 'US',
    phone: '',
    sentTo: null,
    expiresAt: null,
    error: null,
    notice: null,
  };
}

/** The typed number with the selected country's calling code, unless the user typed a full +… number. */
export function fullNumber(country: string, phone: string): string {
  const typed = phone.trim();
  if (typed.startsWith('+')) return typed;
  const calling = smsCountry(country)?.callingCode ?? '';
  return `+${calling} ${typed}`;
}

/** "Continue" on "Select an Authentication Method". */
export async function chooseMethod(ctx: FlowContext, simulation: Simulation, method: 'totp' | 'sms'): Promise<void> {
  if (method === 'sms') {
    simulation.screen = smsSetupScreen(simulation);
    return;
  }
  try {
    const setup =
      simulation.stage === 'signing_in'
        ? await ctx.client().call('setupTotpStart', { body: {} }, { token: simulation.token ?? '' })
        : await ctx.client().call('myTotpStart', { body: {} }, { token: simulation.token ?? '' });
    simulation.screen = { kind: 'totp_setup', qrImage: setup.qrPng, keyUri: setup.keyUri, secretGroups: setup.secretGrouped, error: null };
  } catch (error) {
    showRefusal(simulation, error);
  }
}

/** "Continue" on "Secure your Account": the code from the app. */
export async function confirmTotp(ctx: FlowContext, simulation: Simulation, code: string): Promise<void> {
  try {
    const issued =
      simulation.stage === 'signing_in'
        ? await ctx.client().call('setupTotpConfirm', { body: { code } }, { token: simulation.token ?? '' })
        : await ctx.client().call('myTotpConfirm', { body: { code } }, { token: simulation.token ?? '' });
    simulation.screen = { kind: 'recovery_code', code: issued.recoveryCode, context: simulation.stage === 'signing_in' ? 'enrollment' : 'method_change' };
  } catch (error) {
    showRefusal(simulation, error);
  }
}

/** "Send Text Message". */
export async function sendSms(ctx: FlowContext, simulation: Simulation, country: string, phone: string): Promise<void> {
  const screen = simulation.screen.kind === 'sms_setup' ? simulation.screen : smsSetupScreen(simulation);
  simulation.screen = { ...screen, country, phone, error: null };
  try {
    const body = { phone: fullNumber(country, phone) };
    const sent =
      simulation.stage === 'signing_in'
        ? await ctx.client().call('setupSmsStart', { body }, { token: simulation.token ?? '' })
        : await ctx.client().call('myPhoneStart', { body }, { token: simulation.token ?? '' });
    simulation.screen = { ...simulation.screen, sentTo: sent.phoneMasked, expiresAt: sent.expiresAt, notice: null } as ScreenOf<'sms_setup'>;
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal.details?.reason === 'invalid_number' && !phone.trim().startsWith('+') && simulation.screen.kind === 'sms_setup') {
      simulation.screen = { ...simulation.screen, error: invalidPhoneWords(smsCountry(country)) };
      return;
    }
    showRefusal(simulation, refusal);
  }
}

/** "Resend New Code" on set-up. */
export async function resendSms(ctx: FlowContext, simulation: Simulation): Promise<void> {
  try {
    const sent =
      simulation.stage === 'signing_in'
        ? await ctx.client().call('setupSmsResend', { body: {} }, { token: simulation.token ?? '' })
        : await ctx.client().call('myPhoneResend', { body: {} }, { token: simulation.token ?? '' });
    if (simulation.screen.kind === 'sms_setup') {
      simulation.screen = { ...simulation.screen, sentTo: sent.phoneMasked, expiresAt: sent.expiresAt, notice: RESENT_WORDS, error: null };
    }
  } catch (error) {
    showRefusal(simulation, error);
  }
}

/** "Continue" with the texted code. */
export async function confirmSms(ctx: FlowContext, simulation: Simulation, code: string): Promise<void> {
  try {
    const issued =
      simulation.stage === 'signing_in'
        ? await ctx.client().call('setupSmsConfirm', { body: { code } }, { token: simulation.token ?? '' })
        : await ctx.client().call('myPhoneConfirm', { body: { code } }, { token: simulation.token ?? '' });
    simulation.screen = { kind: 'recovery_code', code: issued.recoveryCode, context: simulation.stage === 'signing_in' ? 'enrollment' : 'method_change' };
  } catch (error) {
    showRefusal(simulation, error);
  }
}

/** "I have securely saved this code" + Continue: finishes a sign-in, or returns to Password & Security. */
export async function recoverySaved(ctx: FlowContext, simulation: Simulation, openManage: () => Promise<void>): Promise<void> {
  if (simulation.stage !== 'signing_in') {
    await openManage();
    return;
  }
  try {
    await ctx.client().call('recoveryCodeAcknowledge', { body: { saved: true } }, { token: simulation.token ?? '' });
    simulation.stage = 'signed_in';
    goHome(simulation, null);
  } catch (error) {
    showRefusal(simulation, error);
  }
}
