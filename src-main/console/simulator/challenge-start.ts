/** Opens "How do you want to verify your identity?" for a sign-in, a payments touchpoint or a self-service change. */
import { assertNever } from '../../../shared/domain/assert-never';
import type { ChallengeOption } from '../../../shared/domain/sign-in';
import type { ChallengePurpose } from '../../../shared/ipc/channels/simulator';
import { challengeHelpWords, touchpointPurpose } from './screen-words';
import type { Pending, Simulation } from './simulation';

/** Why the user is asked, for the screen's words. */
export function purposeOf(pending: Pending): ChallengePurpose {
  switch (pending.kind) {
    case 'sign_in':
      return 'sign_in';
    case 'payments':
      return touchpointPurpose(pending.touchpoint, pending.idle);
    case 'self_service':
      return 'self_service';
    default:
      return assertNever(pending, 'pending step');
  }
}

/** Shows the method choice with the options the service gave. */
export function startChallenge(simulation: Simulation, pending: Pending, options: ChallengeOption[], phoneMasked: string | null): void {
  simulation.challenge = { pending, options, phoneMasked };
  simulation.screen = { kind: 'challenge_choice', purpose: purposeOf(pending), options, help: challengeHelpWords(simulation.user), error: null };
}
