/**
 * The words of the end-user screens (R-AUTH-1, R-AUTH-3, R-REC-1, R-DIR-5), as the guide names them. The simulator's
 * screens, its presenter notes and every advice text (triage, refusals, hints) take them from here, so what the
 * console tells a helpdesk or a trainer is exactly what the user sees.
 */
import type { MethodKind } from './model';
import type { ChallengeOption } from './sign-in';

/** Screen titles. */
export const SCREEN_TITLES = {
  signIn: 'Sign in',
  setupRequired: 'Two-Factor Authentication Required',
  /** Before the deadline (early enrollment period), when set-up may wait. */
  setupOptional: 'Set up two-factor authentication',
  selectMethod: 'Select an Authentication Method',
  secureAccount: 'Secure your Account',
  smsSetup: 'Set Up SMS Verification',
  saveRecoveryCode: 'Save Your Recovery Code',
  challengeChoice: 'How do you want to verify your identity?',
  enterCode: 'Enter Your 6-digit Verification Code',
  enterRecoveryCode: 'Enter Recovery Code',
  enterAccessCode: 'Enter Your Temporary Access Code',
  locked: 'Verification locked',
  confirmPassword: 'Enter Your Current Password',
  passwordSecurity: 'Password & Security',
  forgotPassword: 'Forgot your password?',
  newPassword: 'Choose a new password',
  linkProblem: 'This link no longer works',
  invitationProblem: 'This invitation no longer works',
} as const;

/** The buttons of "How do you want to verify your identity?". */
export const CHALLENGE_OPTION_LABELS: Readonly<Record<ChallengeOption, string>> = {
  totp: 'Authenticator App',
  sms: 'Use a Phone Number',
  recovery_code: 'Enter Recovery Code',
  temporary_access_code: 'Use a Temporary Access Code',
};

/** The choices of "Select an Authentication Method". */
export const SETUP_METHOD_LABELS: Readonly<Record<MethodKind, string>> = {
  totp: 'Authenticator App',
  sms: 'SMS Verification',
};

/** Buttons, links and boxes the guide names. */
export const SCREEN_ACTIONS = {
  continue: 'Continue',
  setUpNow: 'Set Up Now',
  remindMeLater: 'Remind Me Later',
  sendTextMessage: 'Send Text Message',
  troubleScanning: 'Trouble scanning?',
  resendNewCode: 'Resend New Code',
  tryAnotherWay: 'Try another way',
  savedRecoveryCode: 'I have securely saved this code',
  addAuthenticatorApp: 'Add Authenticator App',
  changeAuthenticatorApp: 'Change Authenticator App',
  addPhoneNumber: 'Add Phone Number',
  changePhoneNumber: 'Change Phone Number',
  requestNewCode: 'Request New Code',
  alwaysRequire: 'Always require 2FA to log into my account',
  forgotPassword: 'Forgot password?',
  sendResetLink: 'Send reset link',
  setPassword: 'Set password',
  sendNewLink: 'Send me a new link',
  backToSignIn: 'Back to sign in',
} as const;

/** Form fields of the SMS set-up screen. */
export const SMS_FIELDS = {
  country: 'Select Your Country Code',
  phone: 'Enter Your Phone Number',
  /** The hint under the number: the country code comes from the select, so it is not typed. */
  phoneHint: 'Your mobile number, without the country code: it comes from "Select Your Country Code".',
  code: 'Enter the 6-Digit Verification Code',
} as const;

/** `"Label"` with typographic-free straight quotes, for sentences that name a button or screen. */
export function quoted(label: string): string {
  return `"${label}"`;
}
