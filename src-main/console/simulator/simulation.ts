/**
 * One running simulation: the demo user being played, their end-user token (kept here in main, never sent to the
 * renderer), the screen the service's last answer leads to, and what a passed challenge or a finished set-up
 * should lead to next.
 */
import type { DemoUser } from '../../../shared/api/routes/demo';
import type { MethodOption } from '../../../shared/api/routes/mfa-common';
import type { PaymentsTouchpoint } from '../../../shared/api/routes/payments';
import type { ChallengeOption } from '../../../shared/domain/sign-in';
import type { ScreenOf, SimulatorScreen, SimulatorTextMessage } from '../../../shared/ipc/channels/simulator';

/** Where the end user's token stands: none, an unfinished sign-in, or a signed-in session. */
export type SimulationStage = 'signed_out' | 'signing_in' | 'signed_in';

/** What comes after a passed challenge (or a finished set-up). */
export type Pending =
  | { kind: 'sign_in' }
  | { kind: 'payments'; touchpoint: PaymentsTouchpoint; idle: boolean }
  | { kind: 'self_service'; then: 'totp' | 'sms' | 'recovery_code' };

/** The challenge being answered. */
export interface ChallengeContext {
  pending: Pending;
  options: ChallengeOption[];
  phoneMasked: string | null;
}

/** The mutable state of one simulation. */
export interface Simulation {
  readonly id: string;
  user: DemoUser;
  token: string | null;
  stage: SimulationStage;
  screen: SimulatorScreen;
  /** The set-up entry screen and its methods, from the sign-in answer (for "Set Up Now" and Back). */
  setup: { entry: ScreenOf<'setup_required'> | ScreenOf<'setup_optional'>; methods: MethodOption[] } | null;
  challenge: ChallengeContext | null;
  /** Text messages to this user since the simulation started, and the outbox position read so far. */
  inbox: { afterSeq: number; messages: SimulatorTextMessage[] };
  /** One-time links of the emails the Mail app showed, by message id (they never go to the renderer). */
  mailLinks: Map<string, string>;
  /** The link opened in the simulated browser (invitation or reset), while its page is shown. */
  link: { purpose: 'invitation' | 'password_reset'; token: string } | null;
  lastUsed: number;
}

/** A fresh simulation on the sign-in screen. */
export function newSimulation(id: string, user: DemoUser, outboxSeq: number, now: number): Simulation {
  return {
    id,
    user,
    token: null,
    stage: 'signed_out',
    screen: { kind: 'sign_in', email: user.email, error: null },
    setup: null,
    challenge: null,
    inbox: { afterSeq: outboxSeq, messages: [] },
    mailLinks: new Map(),
    link: null,
    lastUsed: now,
  };
}

/** Back to the sign-in screen with no token (after sign-out, a reset, or an ended session). */
export function signedOut(simulation: Simulation, error: string | null = null): void {
  simulation.token = null;
  simulation.stage = 'signed_out';
  simulation.setup = null;
  simulation.challenge = null;
  simulation.screen = { kind: 'sign_in', email: simulation.user.email, error };
}
