/**
 * Enrollment simulator channels (R-CON-2): a trainer plays a demo user's end-user screens against the real service.
 * Main holds the end user's tokens; the renderer only gets the screen the service's answer leads to.
 */
import { z } from 'zod';
import type { MethodOption } from '../../domain/methods';
import type { MethodKind } from '../../domain/model';
import type { DemoUser } from '../../api/routes/demo';
import type { ChallengeOption } from '../../domain/sign-in';
import { isValidEmail } from '../../domain/email';
import { channel } from '../define';

/** A demo user the trainer can pick, with what decides their flow (as the service's demo tools answer it). */
export type SimulatorUser = DemoUser;

/** The demo company's simulated clock (R-CON-2). */
export interface SimulatorClock {
  /** Company time now (epoch ms) = real time + offset. */
  now: number;
  offsetMs: number;
  /** When enforcement begins (epoch ms), or null when MFA is not required or has no deadline. */
  enforcementAt: number | null;
  /** Only the demo company has a simulated clock. */
  canShift: boolean;
  /** Why it may not leave real time now (the company holds people who are not demo people), or null. */
  shiftRefusal: string | null;
}

/** The people and clock of the simulator's start screen. */
export interface SimulatorDirectory {
  companyName: string;
  /** The documented password of every demo user, to fill the sign-in form; null outside the demo company. */
  demoPassword: string | null;
  users: SimulatorUser[];
  clock: SimulatorClock;
}

/** One text message of the service's outbox, as the simulated phone shows it. */
export interface SimulatorTextMessage {
  id: string;
  to: string;
  body: string;
  sentAt: number;
}

/**
 * One email of the demo outbox as the phone's Mail app shows it. The one-time link itself stays in main: the
 * body shows it shortened, and "open" sends the message id back.
 */
export interface SimulatorMail {
  id: string;
  subject: string;
  /** The plain-text part, with the link's token cut out. */
  text: string;
  sentAt: number;
  /** The button that opens the link in the simulated browser ("Set your password"), or null. */
  action: string | null;
}

/** A country on "Set Up SMS Verification": "Select Your Country Code". */
export interface SimulatorCountryCode {
  code: string;
  name: string;
  callingCode: string;
}

/** Why the user is being challenged: sign-in, or a payments touchpoint (R-PAY-2), or a self-service change. */
export type ChallengePurpose =
  | 'sign_in'
  | 'payments_entry'
  | 'payments_disbursement'
  | 'payments_bank_account'
  | 'payments_agreement'
  | 'payments_idle'
  | 'self_service';

/** A payments action that demands a fresh challenge (R-PAY-2). */
export const PAYMENTS_ACTIONS = ['disbursement', 'bank_account', 'agreement'] as const;
/** `disbursement | bank_account | agreement`. */
export type PaymentsAction = (typeof PAYMENTS_ACTIONS)[number];

/** What "Manage my MFA" (Password & Security) shows (R-AUTH-3). */
export interface SimulatorMfaSettings {
  methods: { kind: MethodKind; label: string; detail: string | null }[];
  /** Methods the user may add or change, with the reason others are missing. */
  options: MethodOption[];
  hasRecoveryCode: boolean;
  alwaysRequire: { kind: 'locked_on'; reason: string } | { kind: 'editable'; on: boolean } | { kind: 'not_applicable' };
}

/** The end-user screen to show, named as R-AUTH-1 names it. Every field comes from the service's answer. */
export type SimulatorScreen =
  | { kind: 'sign_in'; email: string; error: string | null }
  | { kind: 'sso'; message: string }
  | { kind: 'inactive'; message: string }
  | { kind: 'setup_required'; reason: string }
  | { kind: 'setup_optional'; enforcementAt: number }
  | { kind: 'select_method'; methods: MethodOption[] }
  | { kind: 'totp_setup'; qrImage: string; keyUri: string; secretGroups: string; error: string | null }
  | {
      kind: 'sms_setup';
      countries: SimulatorCountryCode[];
      country: string;
      phone: string;
      /** The number the code went to, once sent. */
      sentTo: string | null;
      expiresAt: number | null;
      error: string | null;
      notice: string | null;
    }
  | { kind: 'recovery_code'; code: string; context: 'enrollment' | 'after_recovery' | 'new_code' | 'method_change' }
  | {
      kind: 'challenge_choice';
      purpose: ChallengePurpose;
      options: ChallengeOption[];
      /** Who helps when none of the options works, as the screen says it ("Payments support can help."). */
      help: string;
      error: string | null;
    }
  | {
      kind: 'challenge_code';
      purpose: ChallengePurpose;
      method: ChallengeOption;
      options: ChallengeOption[];
      sentTo: string | null;
      error: string | null;
      notice: string | null;
    }
  | { kind: 'locked'; lockedUntil: number; message: string }
  | { kind: 'home'; name: string; paymentsUser: boolean; notice: string | null }
  | { kind: 'payments'; done: string | null; idleLimitMinutes: number }
  | { kind: 'manage_mfa'; settings: SimulatorMfaSettings; notice: string | null; error: string | null }
  /** "Enter your account's current password" before adding an app or a phone (the guide's Add steps). */
  | { kind: 'confirm_password'; email: string; then: 'totp' | 'sms'; error: string | null }
  | {
      kind: 'set_password';
      purpose: 'invitation' | 'password_reset';
      email: string;
      companyName: string;
      expiresAt: number;
      error: string | null;
    }
  | { kind: 'link_problem'; purpose: 'invitation' | 'password_reset'; message: string; canRenew: boolean; notice: string | null; error: string | null }
  | { kind: 'forgot_password'; email: string; sent: string | null; error: string | null };

/** Every screen kind. */
export type SimulatorScreenKind = SimulatorScreen['kind'];
/** One screen of the union, by kind. */
export type ScreenOf<K extends SimulatorScreenKind> = Extract<SimulatorScreen, { kind: K }>;

/** A running simulation: which user, on which screen, and where Back leads. */
export interface SimulatorState {
  simulationId: string;
  user: SimulatorUser;
  screen: SimulatorScreen;
  /** True when the presenter's Back may return to the previous screen without undoing anything at the service. */
  canGoBack: boolean;
}

/** A new simulation: its first state, and what the user's own phone already holds. */
export interface SimulatorStarted extends SimulatorState {
  /**
   * Key URIs of the authenticator account a pre-enrolled demo user already has on their phone (seeded users were
   * enrolled before the demo began). The phone adds them as if scanned long ago; it still computes every code.
   */
  phoneKeyUris: string[];
}

const simulationId = z.uuid({ error: 'Pick a demo user first.' });
const code = z.string().trim().min(1, { error: 'Enter the code.' }).max(64, { error: 'That code is too long.' });

/** Everything the trainer can do on the end-user screens. */
export const SimulatorAction = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('sign_in'), password: z.string().min(1, { error: 'Enter the password.' }).max(256) }),
  z.strictObject({ type: z.literal('set_up_now') }),
  z.strictObject({ type: z.literal('set_up_later') }),
  z.strictObject({ type: z.literal('choose_method'), method: z.enum(['totp', 'sms']) }),
  z.strictObject({ type: z.literal('confirm_totp'), code }),
  z.strictObject({
    type: z.literal('send_sms'),
    country: z.string().regex(/^[A-Z]{2}$/, { error: 'Select your country code.' }),
    phone: z.string().trim().min(1, { error: 'Enter your phone number.' }).max(32),
  }),
  z.strictObject({ type: z.literal('resend_sms') }),
  z.strictObject({ type: z.literal('confirm_sms'), code }),
  z.strictObject({ type: z.literal('recovery_saved') }),
  z.strictObject({ type: z.literal('choose_challenge'), option: z.enum(['totp', 'sms', 'recovery_code', 'temporary_access_code']) }),
  z.strictObject({ type: z.literal('answer_challenge'), code }),
  z.strictObject({ type: z.literal('resend_challenge') }),
  z.strictObject({ type: z.literal('open_payments') }),
  z.strictObject({ type: z.literal('payments_action'), action: z.enum(PAYMENTS_ACTIONS) }),
  z.strictObject({ type: z.literal('open_manage') }),
  z.strictObject({ type: z.literal('manage_method'), method: z.enum(['totp', 'sms']) }),
  z.strictObject({ type: z.literal('request_recovery_code') }),
  z.strictObject({
    type: z.literal('confirm_password'),
    password: z.string().min(1, { error: 'Type your current password.' }).max(1024, { error: 'That password is too long.' }),
  }),
  z.strictObject({ type: z.literal('always_require'), on: z.boolean() }),
  z.strictObject({ type: z.literal('go_home') }),
  z.strictObject({ type: z.literal('refresh') }),
  z.strictObject({ type: z.literal('back') }),
  z.strictObject({ type: z.literal('sign_out') }),
  z.strictObject({ type: z.literal('open_mail_link'), messageId: z.string().min(1).max(100) }),
  z.strictObject({ type: z.literal('set_password'), password: z.string().min(1, { error: 'Enter a password.' }).max(1024) }),
  z.strictObject({ type: z.literal('forgot_password') }),
  z.strictObject({ type: z.literal('request_reset') }),
  z.strictObject({ type: z.literal('renew_link') }),
]);
/** One trainer action. */
export type SimulatorAction = z.infer<typeof SimulatorAction>;

/** Where the presenter moves the demo company's clock. */
export const ClockMove = z.discriminatedUnion('to', [
  z.strictObject({ to: z.literal('before_deadline') }),
  z.strictObject({ to: z.literal('after_deadline') }),
  z.strictObject({ to: z.literal('real_time') }),
  z.strictObject({ to: z.literal('forward'), minutes: z.number().int().min(1).max(60 * 24 * 30) }),
]);
/** A clock move. */
export type ClockMove = z.infer<typeof ClockMove>;

export const simulatorChannels = {
  'simulator:directory': channel(z.strictObject({}))<SimulatorDirectory>(),
  'simulator:start': channel(z.strictObject({ email: z.string().refine(isValidEmail, { error: 'Pick a demo user.' }) }))<SimulatorStarted>(),
  'simulator:act': channel(z.strictObject({ simulationId, action: SimulatorAction }))<SimulatorState>(),
  'simulator:messages': channel(z.strictObject({ simulationId }))<SimulatorTextMessage[]>(),
  /** Email to the played user, oldest first: the phone's Mail app (R-DIR-5). */
  'simulator:mail': channel(z.strictObject({ simulationId }))<SimulatorMail[]>(),
  'simulator:reset-user': channel(z.strictObject({ simulationId }))<SimulatorState>(),
  'simulator:clock': channel(ClockMove)<SimulatorClock>(),
  'simulator:end': channel(z.strictObject({ simulationId }))<{ ended: boolean }>(),
};
