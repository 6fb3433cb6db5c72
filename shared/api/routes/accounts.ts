/**
 * R-DIR-5, the end user's side: one-time links from an invitation or a "forgot password" email. Opening the link
 * tells what it is for (or that it expired or was used); setting the password continues the sign-in exactly as after
 * the password step of R-AUTH-1 — set-up for a new user, the usual challenge for an enrolled one — so a link never
 * bypasses MFA. "Forgot password" and "send me a new link" answer the same whether or not the email exists.
 */
import { z } from 'zod';
import { defineRoute } from '../define';
import { SignInResponse } from './auth';

/** A token as it appears in the link (base64url, 43 characters for 256 bits). */
export const LinkToken = z
  .string({ error: 'The link is incomplete. Open it again from the email.' })
  .regex(/^[A-Za-z0-9_-]{22,200}$/, { error: 'The link is incomplete or damaged. Open it again from the email, or ask for a new one.' });

/** A new password as typed (its rules are checked by the service, which says why it refuses one). */
export const NewPassword = z
  .string({ error: 'Enter a password.' })
  .min(1, { error: 'Enter a password.' })
  .max(1024, { error: 'That password is far too long (at most 128 characters).' });

/** What a link is for, and whether it still works. */
export const LinkInfo = z.object({
  purpose: z.enum(['invitation', 'password_reset']),
  state: z.enum(['valid', 'expired', 'used', 'revoked']),
  /** Plain words for every state but `valid`, with what to do next. */
  message: z.string().nullable(),
  email: z.string(),
  name: z.string(),
  companyName: z.string(),
  expiresAt: z.number(),
  /** True when "send me a new link" can help (an expired or revoked link of an account that still needs one). */
  canRenew: z.boolean(),
});
export type LinkInfo = z.infer<typeof LinkInfo>;

/** After a password was set from a link: the sign-in continues, or (MFA locked) a notice says why it cannot yet. */
export const PasswordSet = z.object({
  signIn: SignInResponse.nullable(),
  notice: z.string().nullable(),
});
export type PasswordSet = z.infer<typeof PasswordSet>;

/** The one answer of "forgot password" and "send me a new link". */
export const LinkRequested = z.object({ message: z.string() });

const LINK_ERRORS = ['bad_request', 'not_found', 'conflict', 'unprocessable', 'rate_limited'] as const;

export const accountRoutes = {
  accountLink: defineRoute({
    method: 'POST',
    path: '/api/v1/account/link',
    summary: 'What a one-time link is for and whether it still works (does not use it up); 404 for an unknown token',
    tag: 'account',
    auth: 'none',
    body: z.strictObject({ token: LinkToken }),
    response: LinkInfo,
    errors: ['bad_request', 'not_found', 'rate_limited'],
  }),
  accountInvitationAccept: defineRoute({
    method: 'POST',
    path: '/api/v1/account/invitation/accept',
    summary: 'Sets the password from an invitation link (once), ends every session, then continues the sign-in (R-AUTH-1)',
    tag: 'account',
    auth: 'none',
    body: z.strictObject({ token: LinkToken, password: NewPassword }),
    response: PasswordSet,
    errors: [...LINK_ERRORS, 'forbidden'],
  }),
  accountPasswordForgot: defineRoute({
    method: 'POST',
    path: '/api/v1/account/password/forgot',
    summary: 'Emails a one-time reset link; the same answer whether or not the email is in a directory',
    tag: 'account',
    auth: 'none',
    body: z.strictObject({
      email: z.string({ error: 'Enter your email.' }).trim().min(1, { error: 'Enter your email.' }).max(320, { error: 'That email is too long.' }),
    }),
    response: LinkRequested,
    errors: ['bad_request', 'rate_limited'],
  }),
  accountPasswordReset: defineRoute({
    method: 'POST',
    path: '/api/v1/account/password/reset',
    summary: 'Sets a new password from a reset link (once), ends every session; signing in still needs the MFA challenge',
    tag: 'account',
    auth: 'none',
    body: z.strictObject({ token: LinkToken, password: NewPassword }),
    response: PasswordSet,
    errors: [...LINK_ERRORS, 'forbidden'],
  }),
  accountLinkRenew: defineRoute({
    method: 'POST',
    path: '/api/v1/account/link/renew',
    summary: 'An expired or revoked link: emails a fresh one when the account still needs it (throttled); same answer otherwise',
    tag: 'account',
    auth: 'none',
    body: z.strictObject({ token: LinkToken }),
    response: LinkRequested,
    errors: ['bad_request', 'rate_limited'],
  }),
};

/** The pages links open, under the service's public address (the service serves them; the simulator opens them). */
export const ACCOUNT_LINK_PATHS = { invitation: '/account/invitation', password_reset: '/account/reset-password' } as const;

/** The link an email carries: `BASE/account/invitation?token=…` or `BASE/account/reset-password?token=…`. */
export function accountLink(base: string, purpose: keyof typeof ACCOUNT_LINK_PATHS, token: string): string {
  return `${base.replace(/\/+$/, '')}${ACCOUNT_LINK_PATHS[purpose]}?token=${encodeURIComponent(token)}`;
}

/** The purpose and token of a link built by `accountLink`; null for any other address. */
export function parseAccountLink(link: string): { purpose: keyof typeof ACCOUNT_LINK_PATHS; token: string } | null {
  const match = /^https?:\/\/[^/?#]+(\/account\/(?:invitation|reset-password))\?token=([A-Za-z0-9_-]{22,200})$/.exec(link.trim());
  if (!match) return null;
  const purpose = match[1] === ACCOUNT_LINK_PATHS.invitation ? 'invitation' : 'password_reset';
  return { purpose, token: match[2] ?? '' };
}
