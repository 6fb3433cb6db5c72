/**
 * What a rollout message tells a reader to do (R-RPT-2), in the words of the screens they will see (screen-labels):
 * the methods they may set up (R-POL-6, R-PAY-1), the first-time set-up steps of the guide, the recovery code, and
 * whom they ask for help (`mfaContact`). One reader differs from another by account type and methods only.
 */
import { contactPhrase, mfaContact } from './contacts';
import type { AccountType, MethodKind } from './model';
import { quoted, SCREEN_ACTIONS, SCREEN_TITLES, SETUP_METHOD_LABELS, SMS_FIELDS } from './screen-labels';

/** What the steps depend on. */
export interface StepsReader {
  readonly accountType: AccountType;
  /** The methods this reader may set up, in product order (the app first). */
  readonly methods: readonly MethodKind[];
}

const METHOD_PHRASES: Readonly<Record<MethodKind, string>> = { totp: 'an authenticator app', sms: 'text messages (SMS)' };

/** "an authenticator app or text messages (SMS)". */
export function methodsPhrase(methods: readonly MethodKind[]): string {
  const phrases = methods.map((method) => METHOD_PHRASES[method]);
  const base = phrases.join(' or ');
  return methods.length === 1 && methods[0] === 'totp' ? `${base} (text messages are not offered to you)` : base;
}

/** The numbered first-time set-up steps for this reader; `smsCodeMinutes` is how long a texted code works. */
export function setupSteps(reader: StepsReader, smsCodeMinutes: number): string {
  const q = quoted;
  const choice = reader.methods.map((method) => q(SETUP_METHOD_LABELS[method])).join(' (recommended) or ');
  const steps = [
    'Sign in as usual with your email and password.',
    reader.accountType === 'standard'
      ? `Choose ${q(SCREEN_ACTIONS.setUpNow)}: on ${q(SCREEN_TITLES.setupOptional)} until the deadline (there you may also choose ${q(SCREEN_ACTIONS.remindMeLater)}), on ${q(SCREEN_TITLES.setupRequired)} from then on.`
      : `On ${q(SCREEN_TITLES.setupRequired)}, choose ${q(SCREEN_ACTIONS.setUpNow)}: payments accounts always need two-factor authentication.`,
    `On ${q(SCREEN_TITLES.selectMethod)}, choose ${choice}, then ${q(SCREEN_ACTIONS.continue)}.`,
  ];
  const intro = reader.methods.length > 1 ? (method: MethodKind) => `If you chose ${q(SETUP_METHOD_LABELS[method])}: ` : () => '';
  if (reader.methods.includes('totp')) {
    steps.push(
      `${intro('totp')}install an authenticator app such as Google Authenticator or Microsoft Authenticator on your phone. On ${q(SCREEN_TITLES.secureAccount)}, scan the QR code with the app's own scanner, not your phone's camera (on the phone itself, tap ${q(SCREEN_ACTIONS.troubleScanning)} and type the key instead). Enter the 6-digit code the app shows and choose ${q(SCREEN_ACTIONS.continue)}.`,
    );
  }
  if (reader.methods.includes('sms')) {
    steps.push(
      `${intro('sms')}on ${q(SCREEN_TITLES.smsSetup)}, pick your country in ${q(SMS_FIELDS.country)}, type your mobile number in ${q(SMS_FIELDS.phone)} and choose ${q(SCREEN_ACTIONS.sendTextMessage)}. Type the 6-digit code from the text message (it works for ${smsCodeMinutes} ${smsCodeMinutes === 1 ? 'minute' : 'minutes'}) and choose ${q(SCREEN_ACTIONS.continue)}.`,
    );
  }
  steps.push(
    `On ${q(SCREEN_TITLES.saveRecoveryCode)}, copy or download your recovery code, tick ${q(SCREEN_ACTIONS.savedRecoveryCode)} and choose ${q(SCREEN_ACTIONS.continue)}.`,
  );
  return steps.map((step, index) => `${index + 1}. ${step}`).join('\n');
}

/** The paragraph about the recovery code (R-REC-1, R-REC-2). */
export function recoveryParagraph(): string {
  return (
    'Your recovery code signs you in once if you lose your phone: keep it somewhere safe that you can reach from another device, ' +
    `such as a password manager. It works only once; after using it you are given a new one. To get a new code at any time, use ${quoted(SCREEN_ACTIONS.requestNewCode)} in ${quoted(SCREEN_TITLES.passwordSecurity)}.`
  );
}

/** Whom this reader asks for help, inside a sentence: "your company admin", "Payments support". */
export function readerContact(reader: Pick<StepsReader, 'accountType'>): string {
  return contactPhrase(mfaContact({ accountType: reader.accountType, sso: false }));
}
