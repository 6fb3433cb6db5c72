/** What an opened link says when it no longer works (R-DIR-5: expired or used links say so and what to do next). */
import type { LinkState } from '../../../shared/domain/account-access';
import { SCREEN_ACTIONS, quoted } from '../../../shared/domain/screen-labels';
import { localTime } from '../mail/mail-content';
import type { TokenPurpose } from './account-tokens';

/** Plain words for a link that is not `valid`. */
export function linkMessage(purpose: TokenPurpose, state: Exclude<LinkState, 'valid'> | LinkState, expiresAt: number, timeZone: string): string {
  const invitation = purpose === 'invitation';
  switch (state) {
    case 'expired':
      return invitation
        ? `This invitation expired on ${localTime(expiresAt, timeZone)}. Ask for a new one below, or contact your company admin.`
        : `This password reset link expired on ${localTime(expiresAt, timeZone)}. Ask for a new one below.`;
    case 'used':
      return invitation
        ? `This invitation was already used to set a password. Sign in with your email and password; if you forgot it, use ${quoted(SCREEN_ACTIONS.forgotPassword)}.`
        : 'This link was already used to change your password. Sign in with it; if that was not you, reset your password again and tell your company admin.';
    case 'revoked':
      return invitation
        ? 'This invitation was replaced by a newer one or withdrawn. Use the latest invitation email, or contact your company admin.'
        : `A newer password reset link was sent: use the latest email, or ask for a new link with ${quoted(SCREEN_ACTIONS.forgotPassword)}.`;
    case 'valid':
      return '';
  }
}
