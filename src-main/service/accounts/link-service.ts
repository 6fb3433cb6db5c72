/**
 * What the one-time links do (R-DIR-5): say what they are for, set the password once, and then continue the sign-in
 * exactly as after the password step of R-AUTH-1 — so neither an invitation nor a reset ever skips MFA. "Forgot
 * password" and "send me a new link" give one answer whatever the email, and send mail in the background so the
 * answer's timing does not tell either.
 */
import type { FastifyRequest } from 'fastify';
import { accountLink, type LinkInfo, type PasswordSet } from '../../../shared/api/routes/accounts';
import { AUDIT_ACTIONS } from '../../../shared/api/routes/admin-audit';
import { PASSWORD_RESET_VALID_MINUTES, invitationExpiresAt, linkState } from '../../../shared/domain/account-access';
import { emailKey, isSsoUser } from '../../../shared/domain/directory';
import { appendAudit } from '../audit/append-audit';
import { companyMoment, type Moment } from '../clock';
import { ApiError } from '../http/api-error';
import { invitationMail, passwordChangedMail, passwordResetMail, ssoNoticeMail } from '../mail/mail-content';
import type { CompanyRow } from '../repositories/policy-rows';
import type { UserRow } from '../repositories/user-context';
import { nextChangeSeq } from '../store/change-seq';
import type { ServiceContext } from '../service-context';
import { findAccountToken, issueAccountToken, lastTokenAt, useAccountToken, type AccountTokenRow, type TokenPurpose } from './account-tokens';
import { continueSignIn } from './continue-sign-in';
import { hashAcceptablePassword, storePassword } from './password-change';
import { linkMessage } from './link-words';

/** The one answer of "forgot password". */
export function forgotAnswer(email: string): string {
  return `If ${email.trim()} belongs to an account, a link to choose a new password is on its way. Check your inbox (and spam folder); the link works for ${PASSWORD_RESET_VALID_MINUTES} minutes. Nothing arrived? Contact your company admin.`;
}
/** The one answer of "send me a new link". */
export const RENEW_ANSWER = 'If this account still needs a link, a new one is on its way to the same email address. Check your inbox (and spam folder), or contact your company admin.';
/** Self-service links a user can ask for at most this often. */
const SELF_SERVICE_GAP_MS = 60_000;

interface Resolved {
  token: AccountTokenRow;
  user: UserRow;
  company: CompanyRow;
  /** Company time. */
  now: number;
  /** Now on both clocks, for audit entries. */
  moment: Moment;
}

async function resolve(ctx: ServiceContext, token: string): Promise<Resolved> {
  const row = await findAccountToken(ctx.store.db, token);
  const user = row ? await ctx.store.db.selectFrom('users').selectAll().where('id', '=', row.user_id).executeTakeFirst() : undefined;
  const company = user ? await ctx.store.db.selectFrom('companies').selectAll().where('id', '=', user.company_id).executeTakeFirst() : undefined;
  if (!row || !user || !company) {
    throw new ApiError('not_found', 'This link is not valid. Open it again from the email (the whole address), or ask your company admin for a new one.');
  }
  const moment = companyMoment(ctx.clock, company);
  return { token: row, user, company, now: moment.company, moment };
}

/** True when "send me a new link" can help this link's account. */
function renewable(r: Resolved): boolean {
  const state = linkState({ usedAt: r.token.used_at, revokedAt: r.token.revoked_at, expiresAt: Number(r.token.expires_at) }, r.now);
  if (state !== 'expired' || r.user.status !== 'active') return false;
  return r.token.purpose === 'invitation' ? r.user.password_hash === null : r.user.password_hash !== null;
}

function infoOf(r: Resolved): LinkInfo {
  const expiresAt = Number(r.token.expires_at);
  const state = linkState({ usedAt: r.token.used_at, revokedAt: r.token.revoked_at, expiresAt }, r.now);
  return {
    purpose: r.token.purpose,
    state,
    message: state === 'valid' ? null : linkMessage(r.token.purpose, state, expiresAt, r.user.time_zone),
    email: r.user.email,
    name: r.user.name,
    companyName: r.company.name,
    expiresAt,
    canRenew: renewable(r),
  };
}

/** What a link is for; does not use it up (mail scanners that open links do no harm). */
export async function linkInfo(ctx: ServiceContext, token: string): Promise<LinkInfo> {
  return infoOf(await resolve(ctx, token));
}

/** Sets the password from a valid link of `purpose`, then continues the sign-in. */
export async function setPasswordFromLink(
  ctx: ServiceContext,
  token: string,
  purpose: TokenPurpose,
  password: string,
  options: { continueSignIn?: boolean; request?: FastifyRequest } = {},
): Promise<PasswordSet> {
  const r = await resolve(ctx, token);
  const info = infoOf(r);
  if (r.token.purpose !== purpose) {
    throw new ApiError('bad_request', purpose === 'invitation' ? 'This is a password reset link, not an invitation.' : 'This is an invitation link, not a password reset link.');
  }
  if (info.state !== 'valid') throw new ApiError('conflict', info.message ?? 'This link no longer works.', { state: info.state, canRenew: info.canRenew });
  if (r.user.status !== 'active') {
    throw new ApiError('forbidden', 'Your account is inactive, so it cannot sign in. Contact your company admin.', { reason: 'inactive' });
  }
  const hash = await hashAcceptablePassword(password, { email: r.user.email, companyName: r.company.name });
  const messageId = await ctx.store.write(async (trx) => {
    if (!(await useAccountToken(trx, r.token.id, r.now))) {
      throw new ApiError('conflict', linkMessage(purpose, 'used', Number(r.token.expires_at), r.user.time_zone), { state: 'used', canRenew: false });
    }
    const user = await trx.selectFrom('users').selectAll().where('id', '=', r.user.id).executeTakeFirstOrThrow();
    await storePassword(trx, { user, hash, when: r.moment, via: purpose });
    if (purpose !== 'password_reset') return null;
    return ctx.mail.queue.enqueue(trx, {
      companyId: user.company_id, userId: user.id, kind: 'password_changed', to: user.email,
      content: passwordChangedMail({ companyName: r.company.name, userName: user.name, at: r.now, timeZone: user.time_zone }),
    });
  });
  if (messageId) void ctx.mail.queue.deliver(messageId).catch(() => undefined);
  if (options.continueSignIn === false) return { signIn: null, notice: null };
  return continueSignIn(ctx, r.user.id, options.request ? { request: options.request, via: purpose } : undefined);
}

/** "Forgot password": emails whoever this address belongs to what helps them; the same answer for everyone. */
export async function forgotPassword(ctx: ServiceContext, email: string): Promise<{ message: string }> {
  const users = await ctx.store.db.selectFrom('users').selectAll().where('email_lower', '=', emailKey(email)).limit(5).execute();
  const queued: string[] = [];
  for (const user of users) {
    const company = await ctx.store.db.selectFrom('companies').selectAll().where('id', '=', user.company_id).executeTakeFirstOrThrow();
    const id = await sendHelpfulLink(ctx, user, company, user.password_hash === null ? 'invitation' : 'password_reset');
    if (id) queued.push(id);
  }
  for (const id of queued) void ctx.mail.queue.deliver(id).catch(() => undefined);
  return { message: forgotAnswer(email) };
}

/** "Send me a new link" for an expired one: the same kind of link again, when the account still needs it. */
export async function renewLink(ctx: ServiceContext, token: string): Promise<{ message: string }> {
  const row = await findAccountToken(ctx.store.db, token);
  if (!row) return { message: RENEW_ANSWER };
  const r = await resolve(ctx, token);
  if (renewable(r)) {
    const id = await sendHelpfulLink(ctx, r.user, r.company, r.token.purpose);
    if (id) void ctx.mail.queue.deliver(id).catch(() => undefined);
  }
  return { message: RENEW_ANSWER };
}

/**
 * Queues the email that helps this user: SSO users are sent to their identity provider; users without a password get
 * a new invitation only if they were invited before (an admin decides who is invited first); others a reset link.
 * Inactive users get nothing, and nobody gets more than one link a minute. Returns the queued message id.
 */
async function sendHelpfulLink(ctx: ServiceContext, user: UserRow, company: CompanyRow, purpose: TokenPurpose): Promise<string | null> {
  if (user.status !== 'active') return null;
  const moment = companyMoment(ctx.clock, company);
  const now = moment.company;
  const sso = isSsoUser(user.email, { ssoDomains: JSON.parse(company.sso_domains) as string[] });
  if (!sso && purpose === 'invitation' && (user.invited_at === null || user.invitation_expires_at === null)) return null;
  const last = await lastTokenAt(ctx.store.db, user.id, purpose);
  if (last !== null && now - last < SELF_SERVICE_GAP_MS) return null;
  return ctx.store.write(async (trx) => {
    const audit = { companyId: user.company_id, when: moment, actorId: user.id, actorEmail: user.email, targetId: user.id, targetEmail: user.email };
    if (sso) {
      return ctx.mail.queue.enqueue(trx, {
        companyId: user.company_id, userId: user.id, kind: 'sso_notice', to: user.email,
        content: ssoNoticeMail({ companyName: company.name, userName: user.name, reason: 'password_reset' }),
      });
    }
    if (purpose === 'invitation') {
      const expiresAt = invitationExpiresAt(now);
      const token = await issueAccountToken(trx, { userId: user.id, purpose, now, expiresAt, createdBy: null, random: ctx.mfa.random });
      await trx.updateTable('users').set({ invited_at: now, invitation_expires_at: expiresAt, updated_at: now, change_seq: await nextChangeSeq(trx) }).where('id', '=', user.id).execute();
      await ctx.mail.queue.cancelPending(trx, user.id, 'invitation');
      await appendAudit(trx, { ...audit, action: AUDIT_ACTIONS.userInvite, after: { invitedAt: now, expiresAt }, evidence: { requestedBy: 'user' } });
      return ctx.mail.queue.enqueue(trx, {
        companyId: user.company_id, userId: user.id, kind: 'invitation', to: user.email,
        content: invitationMail({ companyName: company.name, userName: user.name, invitedBy: null, link: accountLink(ctx.mail.publicUrl(), 'invitation', token), expiresAt, timeZone: user.time_zone }),
      });
    }
    const expiresAt = now + PASSWORD_RESET_VALID_MINUTES * 60_000;
    const token = await issueAccountToken(trx, { userId: user.id, purpose, now, expiresAt, createdBy: null, random: ctx.mfa.random });
    await ctx.mail.queue.cancelPending(trx, user.id, 'password_reset');
    await appendAudit(trx, { ...audit, action: AUDIT_ACTIONS.passwordResetRequested, evidence: { expiresAt } });
    return ctx.mail.queue.enqueue(trx, {
      companyId: user.company_id, userId: user.id, kind: 'password_reset', to: user.email,
      content: passwordResetMail({ companyName: company.name, userName: user.name, link: accountLink(ctx.mail.publicUrl(), 'password_reset', token), expiresAt, timeZone: user.time_zone }),
    });
  });
}
