/**
 * R-DIR-5 as the end user walks it in the simulator: open the invitation (or reset) email on the phone, set a
 * password in the simulated browser, then go on exactly where the service says — MFA set-up for a new user, the
 * usual challenge for an enrolled one. "Forgot password?" sends the reset email to the phone's Mail app.
 */
import { parseAccountLink } from '../../../shared/api/routes/accounts';
import type { SimulatorMail } from '../../../shared/ipc/channels/simulator';
import type { FlowContext } from './flow-context';
import { refusalOf } from './refusals';
import { applyNext } from './sign-in-flow';
import { signedOut, type Simulation } from './simulation';

const ACTIONS = { invitation: 'Set your password', password_reset: 'Choose a new password' } as const;

/** The played user's email, for the Mail app, with each link's token kept here. */
export async function readMail(ctx: FlowContext, simulation: Simulation): Promise<SimulatorMail[]> {
  const outbox = await ctx.client().call('demoMailOutbox', { query: { userId: simulation.user.id } });
  return outbox.messages.map((message) => {
    const link = message.link ? parseAccountLink(message.link) : null;
    if (message.link && link) simulation.mailLinks.set(message.id, message.link);
    const text = message.link ? message.text.split(message.link).join(message.link.replace(/token=[^\s]+/, 'token=…')) : message.text;
    return { id: message.id, subject: message.subject, text, sentAt: message.sentAt, action: link ? ACTIONS[link.purpose] : null };
  });
}

/** Opens an email's link in the simulated browser: the password page, or what is wrong with the link. */
export async function openMailLink(ctx: FlowContext, simulation: Simulation, messageId: string): Promise<void> {
  const parsed = parseAccountLink(simulation.mailLinks.get(messageId) ?? '');
  if (!parsed) {
    simulation.screen = { kind: 'sign_in', email: simulation.user.email, error: 'That email has no link to open. Open it from the Mail app again.' };
    return;
  }
  simulation.link = parsed;
  try {
    const info = await ctx.client().call('accountLink', { body: { token: parsed.token } });
    simulation.screen =
      info.state === 'valid'
        ? { kind: 'set_password', purpose: info.purpose, email: info.email, companyName: info.companyName, expiresAt: info.expiresAt, error: null }
        : { kind: 'link_problem', purpose: info.purpose, message: info.message ?? 'This link no longer works.', canRenew: info.canRenew, notice: null, error: null };
  } catch (error) {
    const refusal = refusalOf(error);
    simulation.screen = { kind: 'link_problem', purpose: parsed.purpose, message: refusal.message, canRenew: false, notice: null, error: null };
  }
}

/** "Set password" on the link's page; then the sign-in goes on as the service says. */
export async function setPassword(ctx: FlowContext, simulation: Simulation, password: string): Promise<void> {
  const link = simulation.link;
  if (!link || simulation.screen.kind !== 'set_password') return;
  try {
    const route = link.purpose === 'invitation' ? 'accountInvitationAccept' : 'accountPasswordReset';
    const result = await ctx.client().call(route, { body: { token: link.token, password } });
    simulation.link = null;
    if (!result.signIn) {
      signedOut(simulation, result.notice);
      return;
    }
    simulation.token = result.signIn.token;
    simulation.stage = result.signIn.token === null ? 'signed_out' : 'signing_in';
    applyNext(simulation, result.signIn.next);
  } catch (error) {
    const refusal = refusalOf(error);
    const state = refusal.details?.state;
    if (refusal.code === 'conflict' && typeof state === 'string') {
      simulation.screen = { kind: 'link_problem', purpose: link.purpose, message: refusal.message, canRenew: refusal.details?.canRenew === true, notice: null, error: null };
      return;
    }
    simulation.screen = { ...simulation.screen, error: refusal.message };
  }
}

/** "Forgot password?" on the sign-in screen. */
export function forgotPassword(simulation: Simulation): void {
  simulation.screen = { kind: 'forgot_password', email: simulation.user.email, sent: null, error: null };
}

/** "Send reset link": the service answers the same for every address; the email lands in the Mail app. */
export async function requestReset(ctx: FlowContext, simulation: Simulation): Promise<void> {
  try {
    const answer = await ctx.client().call('accountPasswordForgot', { body: { email: simulation.user.email } });
    simulation.screen = { kind: 'forgot_password', email: simulation.user.email, sent: answer.message, error: null };
  } catch (error) {
    simulation.screen = { kind: 'forgot_password', email: simulation.user.email, sent: null, error: refusalOf(error).message };
  }
}

/** "Send me a new link" on an expired link's page. */
export async function renewLink(ctx: FlowContext, simulation: Simulation): Promise<void> {
  const link = simulation.link;
  if (!link || simulation.screen.kind !== 'link_problem') return;
  try {
    const answer = await ctx.client().call('accountLinkRenew', { body: { token: link.token } });
    simulation.screen = { ...simulation.screen, canRenew: false, notice: answer.message };
  } catch (error) {
    simulation.screen = { ...simulation.screen, error: refusalOf(error).message };
  }
}
