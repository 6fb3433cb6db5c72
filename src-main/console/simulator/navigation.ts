/**
 * The presenter's Back and the screens' own "Back" / "Try another way": only to screens the service already
 * answered for, so going back never undoes anything at the service. From the first screen after the password,
 * Back cancels the sign-in (the unfinished sign-in is ended at the service).
 */
import type { FlowContext } from './flow-context';
import { goHome } from './home';
import { challengeHelpWords } from './screen-words';
import { signedOut, type Simulation } from './simulation';
import { signOutAtService } from './sign-out';

/** The screen Back leads to, as an action to run; null when Back is not offered here. */
function backTarget(simulation: Simulation): ((ctx: FlowContext, openManage: () => Promise<void>) => Promise<void> | void) | null {
  const screen = simulation.screen;
  const setup = simulation.setup;
  const inSignIn = simulation.stage === 'signing_in';
  switch (screen.kind) {
    case 'setup_required':
    case 'setup_optional':
      return inSignIn ? (ctx) => signOutAtService(ctx, simulation) : null;
    case 'select_method':
      if (inSignIn && setup) {
        return () => {
          simulation.screen = setup.entry;
        };
      }
      return (_ctx, openManage) => openManage();
    case 'totp_setup':
    case 'sms_setup':
      if (inSignIn && setup) {
        return () => {
          simulation.screen = { kind: 'select_method', methods: setup.methods };
        };
      }
      return (_ctx, openManage) => openManage();
    case 'challenge_code': {
      const challenge = simulation.challenge;
      if (!challenge) return null;
      return () => {
        simulation.screen = { kind: 'challenge_choice', purpose: screen.purpose, options: challenge.options, help: challengeHelpWords(simulation.user), error: null };
      };
    }
    case 'challenge_choice': {
      const pending = simulation.challenge?.pending;
      if (pending?.kind === 'self_service') return (_ctx, openManage) => openManage();
      if (pending?.kind === 'payments') return () => goHome(simulation, null);
      return inSignIn ? (ctx) => signOutAtService(ctx, simulation) : null;
    }
    case 'confirm_password':
      return (_ctx, openManage) => openManage();
    case 'payments':
    case 'manage_mfa':
      return () => goHome(simulation, null);
    case 'sso':
    case 'inactive':
    case 'locked':
    case 'set_password':
    case 'link_problem':
    case 'forgot_password':
      return () => signedOut(simulation);
    default:
      return null;
  }
}

/** True when Back is offered on the current screen. */
export function canGoBack(simulation: Simulation): boolean {
  return backTarget(simulation) !== null;
}

/** Goes back one screen, if allowed. */
export async function goBack(ctx: FlowContext, simulation: Simulation, openManage: () => Promise<void>): Promise<void> {
  await backTarget(simulation)?.(ctx, openManage);
}
