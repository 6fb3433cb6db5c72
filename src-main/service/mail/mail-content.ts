/**
 * The words of every email the service sends (R-DIR-5): a plain-text and an HTML part saying the same, times in the
 * recipient's own time zone, and no secret but the one link (never a password, code or another person's data).
 */
import { DateTime } from 'luxon';
import { escapeHtml } from '../http/escape-html';

/** One message's words. */
export interface MailContent {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** "Tuesday 8 December 2026 at 17:00 (Europe/Paris)": a moment as the recipient reads it. */
export function localTime(at: number, timeZone: string): string {
  const local = DateTime.fromMillis(at, { zone: timeZone });
  const shown = local.isValid ? local : DateTime.fromMillis(at, { zone: 'UTC' });
  return `${shown.toFormat("cccc d LLLL yyyy 'at' HH:mm")} (${shown.zoneName})`;
}

/** A paragraph, or the call-to-action button when `link` is given. */
type Block = string | { link: string; label: string };

/** Builds both parts from the same blocks, so the text and HTML can never say different things. */
function compose(subject: string, greeting: string, blocks: readonly Block[], footer: string): MailContent {
  const text = [greeting, ...blocks.map((block) => (typeof block === 'string' ? block : `${block.label}:\n${block.link}`)), footer].join('\n\n');
  const body = blocks
    .map((block) =>
      typeof block === 'string'
        ? `<p style="margin:0 0 16px">${escapeHtml(block)}</p>`
        : `<p style="margin:0 0 16px"><a href="${escapeHtml(block.link)}" style="display:inline-block;padding:10px 18px;background:#1f5fbf;color:#ffffff;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(block.label)}</a></p>` +
          `<p style="margin:0 0 16px;font-size:13px;color:#555">If the button does not work, copy this address into your browser:<br>${escapeHtml(block.link)}</p>`,
    )
    .join('\n');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#1d1d1f;max-width:560px;margin:0 auto;padding:24px">
<p style="margin:0 0 16px">${escapeHtml(greeting)}</p>
${body}
<p style="margin:24px 0 0;font-size:13px;color:#555">${escapeHtml(footer)}</p>
</body></html>`;
  return { subject, text, html };
}

const NEVER_ASK = 'Nobody from your company or from us will ever ask you for your password or a verification code.';

/** The invitation: a link to set a password, then set up two-factor authentication. */
export function invitationMail(input: { companyName: string; userName: string; invitedBy: string | null; link: string; expiresAt: number; timeZone: string }): MailContent {
  const who = input.invitedBy ? `${input.invitedBy} invited you` : 'You are invited';
  return compose(
    `Your invitation to ${input.companyName}`,
    `Hello ${input.userName},`,
    [
      `${who} to sign in to ${input.companyName}. Open the link below to choose your password; you will then set up two-factor authentication with your phone.`,
      { link: input.link, label: 'Set your password' },
      `The link works once, until ${localTime(input.expiresAt, input.timeZone)}. If it has expired, open it anyway and ask for a new one, or contact your company admin.`,
    ],
    `If you did not expect this invitation, ignore this email. ${NEVER_ASK}`,
  );
}

/** For SSO users: no password from us; they sign in at the company's identity provider. */
export function ssoNoticeMail(input: { companyName: string; userName: string; reason: 'invitation' | 'password_reset' }): MailContent {
  const opening =
    input.reason === 'invitation'
      ? `You have been added to ${input.companyName}.`
      : `Someone asked to reset the password of this email address at ${input.companyName}.`;
  return compose(
    input.reason === 'invitation' ? `Sign in to ${input.companyName} with your company account` : `About your ${input.companyName} password`,
    `Hello ${input.userName},`,
    [
      `${opening} Your company signs you in through its identity provider (single sign-on), so you have no separate password here and nothing to set up.`,
      'Sign in with your usual company account. If you cannot, contact your IT department: they run your sign-in and two-factor authentication.',
    ],
    `If you did not expect this email, you can ignore it. ${NEVER_ASK}`,
  );
}

/** "Forgot password": a one-time link; signing in still asks for the user's two-factor verification. */
export function passwordResetMail(input: { companyName: string; userName: string; link: string; expiresAt: number; timeZone: string }): MailContent {
  return compose(
    `Reset your ${input.companyName} password`,
    `Hello ${input.userName},`,
    [
      `Someone, hopefully you, asked to reset your ${input.companyName} password. Open the link below to choose a new one.`,
      { link: input.link, label: 'Choose a new password' },
      `The link works once, until ${localTime(input.expiresAt, input.timeZone)}. Your two-factor authentication stays as it is: you will still verify your identity when you sign in.`,
    ],
    `If you did not ask for this, ignore this email: your password stays as it is. ${NEVER_ASK}`,
  );
}

/** Sent after any password change, so an unexpected one is noticed. */
export function passwordChangedMail(input: { companyName: string; userName: string; at: number; timeZone: string }): MailContent {
  return compose(
    `Your ${input.companyName} password was changed`,
    `Hello ${input.userName},`,
    [
      `Your ${input.companyName} password was changed on ${localTime(input.at, input.timeZone)}. Every other session of yours was signed out.`,
      'If you did not do this, contact your company admin at once.',
    ],
    NEVER_ASK,
  );
}

/** The settings screen's test message. */
export function testMail(input: { companyName: string; server: string; at: number; timeZone: string }): MailContent {
  return compose(
    `Test email from ${input.companyName}'s MFA service`,
    'Hello,',
    [`This test was sent through ${input.server} on ${localTime(input.at, input.timeZone)}. Invitations and password resets will reach people the same way.`],
    'You can delete this email.',
  );
}
