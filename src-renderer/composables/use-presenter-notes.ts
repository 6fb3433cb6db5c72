/**
 * The presenter panel's words for each end-user screen: the screen's name as the guide names it, what the user is
 * told there, and a tip for the trainer. Copy only; which screen comes next is decided by the service's answers.
 */
import type { ChallengePurpose, ScreenOf, SimulatorAction, SimulatorScreen } from '../../shared/ipc/channels/simulator';
import { assertNever } from '../../shared/domain/assert-never';
import { isUntilAdminUnlocks } from '../../shared/domain/lockout';
import { CHALLENGE_OPTION_LABELS, SCREEN_ACTIONS, SCREEN_TITLES, SMS_FIELDS, quoted } from '../../shared/domain/screen-labels';

/** What the presenter panel shows for the current screen. */
export interface PresenterNote {
  /** The screen's name, e.g. "Two-Factor Authentication Required". */
  step: string;
  /** What the end user reads on that screen, in short. */
  told: string;
  /** What the trainer can do or point out next. */
  tip: string;
}

const PURPOSE_WORDS: Record<ChallengePurpose, string> = {
  sign_in: 'to finish signing in',
  payments_entry: 'to enter the Payments tool',
  payments_disbursement: 'to create the disbursement',
  payments_bank_account: 'to change the bank account',
  payments_agreement: 'to accept the payments agreement',
  payments_idle: 'again, after 30 minutes idle in the Payments tool',
  self_service: 'before changing your MFA settings',
};

/** Why the user is challenged, as a sentence ending. */
export function purposeWords(purpose: ChallengePurpose): string {
  return PURPOSE_WORDS[purpose];
}

/**
 * The trainer's tip on "How do you want to verify your identity?": a temporary access code, then the recovery code,
 * only where the screen offers them.
 */
function challengeChoiceTip(screen: ScreenOf<'challenge_choice'>): string {
  const choosing = screen.options.length > 1 ? 'Users with more than one way pick each time. ' : '';
  if (screen.options.includes('temporary_access_code')) {
    return `${choosing}A helpdesk issued this user a temporary access code: choose ${quoted(CHALLENGE_OPTION_LABELS.temporary_access_code)} and type the code the Reset screen showed. It works once and leads straight to setting up a new method.`;
  }
  if (screen.options.includes('recovery_code')) {
    return `${choosing}${quoted(CHALLENGE_OPTION_LABELS.recovery_code)} is the way in when the phone is lost; it works once and a new code is issued.`;
  }
  if (screen.purpose.startsWith('payments_')) {
    return `${choosing}Payments checks take a code from the app or phone only: no recovery code is offered here. ${screen.help}`;
  }
  return `${choosing}This user has no recovery code to fall back on. ${screen.help}`;
}

/** The title of the code screen for a way to verify. */
export function codeScreenTitle(method: ScreenOf<'challenge_code'>['method']): string {
  if (method === 'recovery_code') return SCREEN_TITLES.enterRecoveryCode;
  if (method === 'temporary_access_code') return SCREEN_TITLES.enterAccessCode;
  return SCREEN_TITLES.enterCode;
}

function codeScreenTold(screen: ScreenOf<'challenge_code'>): string {
  if (screen.method === 'recovery_code') return 'Type or paste your 32-character recovery code.';
  if (screen.method === 'temporary_access_code') return 'Type the 16-character code your helpdesk gave you. It works once; then you set up a new way to verify.';
  return `Enter the code ${purposeWords(screen.purpose)}.`;
}

/** The note for a screen. */
export function presenterNote(screen: SimulatorScreen): PresenterNote {
  switch (screen.kind) {
    case 'sign_in':
      return {
        step: SCREEN_TITLES.signIn,
        told: `Enter your email and password, then click ${quoted(SCREEN_ACTIONS.continue)}.`,
        tip: `Every demo user's password is on the start panel; invited users have none yet: open their invitation in the phone's Mail app.`,
      };
    case 'sso':
      return { step: 'Continue at your identity provider', told: screen.message, tip: 'SSO users never see our MFA: their IT department runs it.' };
    case 'inactive':
      return { step: 'Account inactive', told: screen.message, tip: 'Inactive users cannot sign in and are not asked to enroll.' };
    case 'setup_required':
      return { step: SCREEN_TITLES.setupRequired, told: screen.reason, tip: `Click ${quoted(SCREEN_ACTIONS.setUpNow)}: there is no way to skip.` };
    case 'setup_optional':
      return {
        step: 'Set up two-factor authentication now or later',
        told: 'Your company will require two-factor authentication soon. You can set it up now, or later until the deadline.',
        tip: 'This is the early enrollment period. Move the clock past the deadline to show that skipping is no longer offered.',
      };
    case 'select_method':
      return {
        step: SCREEN_TITLES.selectMethod,
        told: 'Choose how you will get your 6-digit codes. Only the methods you may use are offered.',
        tip: 'Methods that are missing say why (country, payments rules, company policy).',
      };
    case 'totp_setup':
      return {
        step: SCREEN_TITLES.secureAccount,
        told: 'Open your authenticator app, scan the QR code, then enter the 6-digit code it shows.',
        tip: 'On the phone, tap "Scan QR code". "Trouble scanning?" shows the key in groups of four.',
      };
    case 'sms_setup':
      return screen.sentTo === null
        ? {
            step: SCREEN_TITLES.smsSetup,
            told: `Complete ${quoted(SMS_FIELDS.country)} and ${quoted(SMS_FIELDS.phone)}, then click ${quoted(SCREEN_ACTIONS.sendTextMessage)}.`,
            tip: 'Only the countries this user may use are listed.',
          }
        : {
            step: `${SCREEN_TITLES.smsSetup}: enter the code`,
            told: `Enter the 6-digit code sent to ${screen.sentTo}. Click ${quoted(SCREEN_ACTIONS.resendNewCode)} for a new one.`,
            tip: "The text message arrives in the phone's Messages app.",
          };
    case 'recovery_code':
      return {
        step: SCREEN_TITLES.saveRecoveryCode,
        told: 'Copy or download this code and keep it safe. It is shown only once and works only once.',
        tip: `Tick ${quoted(SCREEN_ACTIONS.savedRecoveryCode)} to continue. Note the code: it signs in when the phone is lost.`,
      };
    case 'challenge_choice':
      return {
        step: SCREEN_TITLES.challengeChoice,
        told: `Choose a way to verify ${purposeWords(screen.purpose)}.`,
        tip: challengeChoiceTip(screen),
      };
    case 'challenge_code':
      return { step: codeScreenTitle(screen.method), told: codeScreenTold(screen), tip: 'Wrong codes get a clear error; each run of wrong codes locks verification, twice as long each time, and 100 in a row until an admin unlocks it.' };
    case 'locked':
      return {
        step: SCREEN_TITLES.locked,
        told: screen.message,
        tip: isUntilAdminUnlocks(screen.lockedUntil)
          ? `Until it is unlocked there is no way to verify, not even ${quoted(CHALLENGE_OPTION_LABELS.recovery_code)}, and moving the clock does not end this lock: show an admin unlocking it from the Reset screen ("Locked out?" → Unlock…).`
          : `Until the lock ends there is no way to verify, not even ${quoted(CHALLENGE_OPTION_LABELS.recovery_code)}. Move the clock past the lock, or show an admin unlocking from the Reset screen.`,
      };
    case 'home':
      return {
        step: 'Signed in',
        told: 'The user is in.',
        tip: screen.paymentsUser ? 'Open the Payments tool to show the step-up challenges.' : 'Open "Manage my MFA" to show self-service.',
      };
    case 'payments':
      return {
        step: 'Payments tool',
        told: 'Each sensitive action asks for a fresh code.',
        tip: `Create a disbursement, edit a bank account or accept the agreement. Move the clock ${screen.idleLimitMinutes}+ minutes forward to show the idle challenge.`,
      };
    case 'manage_mfa':
      return {
        step: `Manage my MFA (${SCREEN_TITLES.passwordSecurity})`,
        told: 'Add or change your authenticator app or phone, request a new recovery code.',
        tip: `Each change issues a new recovery code; ${quoted(SCREEN_ACTIONS.alwaysRequire)} is locked on when the company requires MFA.`,
      };
    case 'confirm_password':
      return {
        step: SCREEN_TITLES.confirmPassword,
        told: `Type your current password to add ${screen.then === 'totp' ? 'an authenticator app' : 'a phone number'}.`,
        tip: `The guide asks for the current password after ${quoted(screen.then === 'totp' ? SCREEN_ACTIONS.addAuthenticatorApp : SCREEN_ACTIONS.addPhoneNumber)}; the service refuses the addition without it.`,
      };
    case 'set_password':
      return screen.purpose === 'invitation'
        ? {
            step: 'Set your password (invitation)',
            told: `Choose the password for ${screen.email}: 12 to 128 characters, anything goes, but not a common password, the email or the company name.`,
            tip: 'Try "qwertyqwerty" to show a refused breached password. After this, the first-sign-in MFA set-up follows at once.',
          }
        : {
            step: `${SCREEN_TITLES.newPassword} (reset)`,
            told: 'Choose a new password. Your two-factor authentication stays as it is.',
            tip: 'After the new password the usual challenge follows: a reset never skips MFA, and every other session is signed out.',
          };
    case 'link_problem':
      return {
        step: screen.purpose === 'invitation' ? SCREEN_TITLES.invitationProblem : SCREEN_TITLES.linkProblem,
        told: screen.message,
        tip: screen.canRenew ? `Click ${quoted(SCREEN_ACTIONS.sendNewLink)}: the new email arrives in the Mail app.` : 'Used and withdrawn links cannot be renewed here.',
      };
    case 'forgot_password':
      return {
        step: SCREEN_TITLES.forgotPassword,
        told: 'Ask for a link to choose a new password. The answer is the same whether or not the email has an account.',
        tip: 'The reset email arrives in the phone\'s Mail app.',
      };
    default:
      return assertNever(screen, 'simulator screen');
  }
}

/** The presenter's Next: the screen's one input-free step forward, or null when the user must type or choose. */
export function presenterNext(screen: SimulatorScreen): SimulatorAction | null {
  switch (screen.kind) {
    case 'setup_required':
    case 'setup_optional':
      return { type: 'set_up_now' };
    case 'select_method': {
      const offered = screen.methods.filter((m) => m.available);
      const only = offered[0];
      return offered.length === 1 && only ? { type: 'choose_method', method: only.kind } : null;
    }
    case 'challenge_choice': {
      const only = screen.options[0];
      return screen.options.length === 1 && only ? { type: 'choose_challenge', option: only } : null;
    }
    default:
      return null;
  }
}
