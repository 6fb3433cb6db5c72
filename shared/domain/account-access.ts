/**
 * R-DIR-5: whether a directory user can sign in with a password, and where their invitation stands. The Directory,
 * the triage and the invitation service all read a user's state through `accountAccess`.
 */

/** How long an invitation link works unless the admin chooses otherwise, and the bounds of that choice. */
export const INVITATION_VALID_DAYS = { default: 7, min: 1, max: 30 } as const;
/** How long a "forgot password" link works (OWASP: short, since it arrives while the user waits for it). */
export const PASSWORD_RESET_VALID_MINUTES = 60;
/** Random bytes in an invitation or reset token: 256 bits (R-DIR-5 asks for at least 128). */
export const ACCOUNT_TOKEN_BYTES = 32;

/**
 * A user's access state:
 * `sso` — signs in at the company's identity provider (never gets a password from us);
 * `active` — has a password;
 * `invited` — an invitation link is waiting and still valid;
 * `invitation_expired` — the last invitation ran out unused;
 * `invitation_revoked` — an admin withdrew the last invitation;
 * `never_invited` — no password and never invited: the user cannot sign in yet.
 */
export type AccountAccess = 'sso' | 'active' | 'invited' | 'invitation_expired' | 'invitation_revoked' | 'never_invited';

/** Every access state, in the order filters list them. */
export const ACCOUNT_ACCESS_STATES: readonly AccountAccess[] = ['active', 'invited', 'invitation_expired', 'invitation_revoked', 'never_invited', 'sso'];

/** The facts the state is derived from (times in epoch ms; `invitationExpiresAt` null once used or revoked). */
export interface AccessFacts {
  readonly sso: boolean;
  readonly passwordSetAt: number | null;
  readonly invitedAt: number | null;
  readonly invitationExpiresAt: number | null;
}

/** The access state of a user at `now`. */
export function accountAccess(user: AccessFacts, now: number): AccountAccess {
  if (user.sso) return 'sso';
  if (user.passwordSetAt !== null) return 'active';
  if (user.invitedAt === null) return 'never_invited';
  if (user.invitationExpiresAt === null) return 'invitation_revoked';
  return user.invitationExpiresAt > now ? 'invited' : 'invitation_expired';
}

/** True when the user cannot sign in until someone (re)sends an invitation. */
export function needsInvitation(access: AccountAccess): boolean {
  return access === 'never_invited' || access === 'invitation_expired' || access === 'invitation_revoked';
}

/** Whether an invitation goes to a user: inactive users are reactivated first (SSO users get a note instead). */
export function isInvitable(user: { readonly status: string }): boolean {
  return user.status === 'active';
}

/** When an invitation sent at `now` for `days` days stops working. */
export function invitationExpiresAt(now: number, days: number = INVITATION_VALID_DAYS.default): number {
  return now + days * 86_400_000;
}

/** Where a one-time link stands when it is opened. */
export type LinkState = 'valid' | 'expired' | 'used' | 'revoked';

/** The state of a token row at `now`: used and revoked win over expiry (they say more). */
export function linkState(token: { usedAt: number | null; revokedAt: number | null; expiresAt: number }, now: number): LinkState {
  if (token.usedAt !== null) return 'used';
  if (token.revokedAt !== null) return 'revoked';
  return token.expiresAt > now ? 'valid' : 'expired';
}
