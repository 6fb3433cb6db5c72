/**
 * Inviting directory users (R-DIR-5): each gets an email with a one-time link to set their password, valid 7 days
 * unless the admin chose otherwise; a new invitation replaces the old link. SSO users get no link: the email sends
 * them to their identity provider. Users who already have a password, or are inactive, are skipped with the reason.
 */
import { accountLink } from '../../../shared/api/routes/accounts';
import type { InviteOutcome, MailDelivery } from '../../../shared/api/routes/admin-invitations';
import { AUDIT_ACTIONS } from '../../../shared/api/routes/admin-audit';
import { invitationExpiresAt, isInvitable } from '../../../shared/domain/account-access';
import { isSsoUser } from '../../../shared/domain/directory';
import { SCREEN_ACTIONS, quoted } from '../../../shared/domain/screen-labels';
import { appendAudit } from '../audit/append-audit';
import { loadCompanyContext } from '../admin/company-context';
import { requireDirectoryWrite, type Operator } from '../admin/operator';
import { findUserRow } from '../admin/user-detail';
import { ApiError } from '../http/api-error';
import { invitationMail, ssoNoticeMail } from '../mail/mail-content';
import { nextChangeSeq } from '../store/change-seq';
import type { ServiceContext } from '../service-context';
import { issueAccountToken, revokeAccountTokens } from './account-tokens';

type Pending = { index: number; messageId: string };

/**
 * Invites `userIds` (one transaction), then sends the emails — at once, or (`background`, for imports of many users)
 * by the mail queue's sender; answers one outcome per user, in order.
 */
export async function inviteUsers(
  ctx: ServiceContext,
  operator: Operator,
  userIds: readonly string[],
  validDays: number,
  options: { deliver?: 'now' | 'background' } = {},
): Promise<InviteOutcome[]> {
  requireDirectoryWrite(operator);
  const pending: Pending[] = [];
  const outcomes = await ctx.store.write(async (trx) => {
    pending.length = 0;
    const company = await loadCompanyContext(trx, ctx.clock, operator.companyId);
    const { now } = company;
    const inviter = await trx.selectFrom('users').select('name').where('id', '=', operator.id).executeTakeFirst();
    const results: InviteOutcome[] = [];
    for (const [index, userId] of userIds.entries()) {
      const user = await trx.selectFrom('users').selectAll().where('id', '=', userId).where('company_id', '=', operator.companyId).executeTakeFirst();
      const skip = (reason: 'not_found' | 'inactive' | 'has_password', message: string): InviteOutcome => ({
        userId, email: user?.email ?? null, outcome: 'skipped', reason, message, expiresAt: null, delivery: null,
      });
      if (!user) {
        results.push(skip('not_found', 'Not in your directory any more. Refresh the list.'));
        continue;
      }
      if (!isInvitable(user)) {
        results.push(skip('inactive', `${user.email} is inactive. Reactivate them first, then invite them.`));
        continue;
      }
      const audit = { companyId: user.company_id, when: company.moment, actorId: operator.id, actorEmail: operator.email, targetId: user.id, targetEmail: user.email };
      if (isSsoUser(user.email, company.company)) {
        const messageId = await ctx.mail.queue.enqueue(trx, {
          companyId: user.company_id, userId: user.id, kind: 'sso_notice', to: user.email,
          content: ssoNoticeMail({ companyName: company.company.name, userName: user.name, reason: 'invitation' }),
        });
        await appendAudit(trx, { ...audit, action: AUDIT_ACTIONS.userInvite, evidence: { sso: true, link: false } });
        pending.push({ index, messageId });
        results.push({
          userId, email: user.email, outcome: 'sso_notified', reason: null, expiresAt: null, delivery: null,
          message: `${user.email} signs in through your identity provider, so they were told to sign in there (no password from us).`,
        });
        continue;
      }
      if (user.password_hash !== null) {
        results.push(skip('has_password', `${user.email} already has a password. If they forgot it, they can use ${quoted(SCREEN_ACTIONS.forgotPassword)} on the sign-in screen.`));
        continue;
      }
      const expiresAt = invitationExpiresAt(now, validDays);
      const token = await issueAccountToken(trx, { userId: user.id, purpose: 'invitation', now, expiresAt, createdBy: operator.id, random: ctx.mfa.random });
      await trx
        .updateTable('users')
        .set({ invited_at: now, invitation_expires_at: expiresAt, updated_at: now, change_seq: await nextChangeSeq(trx) })
        .where('id', '=', user.id)
        .execute();
      await ctx.mail.queue.cancelPending(trx, user.id, 'invitation');
      const messageId = await ctx.mail.queue.enqueue(trx, {
        companyId: user.company_id, userId: user.id, kind: 'invitation', to: user.email,
        content: invitationMail({
          companyName: company.company.name, userName: user.name, invitedBy: inviter?.name ?? null,
          link: accountLink(ctx.mail.publicUrl(), 'invitation', token), expiresAt, timeZone: user.time_zone,
        }),
      });
      await appendAudit(trx, {
        ...audit,
        action: AUDIT_ACTIONS.userInvite,
        before: { invitedAt: user.invited_at === null ? null : Number(user.invited_at) },
        after: { invitedAt: now, expiresAt },
        evidence: { validDays, resent: user.invited_at !== null },
      });
      pending.push({ index, messageId });
      results.push({
        userId, email: user.email, outcome: 'invited', reason: null, expiresAt, delivery: null,
        message: `Invitation sent to ${user.email}.`,
      });
    }
    return results;
  });
  if (options.deliver === 'background') void ctx.mail.queue.runDue().catch(() => undefined);
  else await sendNow(ctx, pending, outcomes);
  return outcomes;
}

/**
 * Sends the queued emails one by one. After the first send that failed for a passing reason (server down), the rest
 * wait for the retry round instead of each waiting out the same time-out.
 */
async function sendNow(ctx: ServiceContext, pending: readonly Pending[], outcomes: InviteOutcome[]): Promise<void> {
  let serverTrouble: MailDelivery | null = null;
  for (const { index, messageId } of pending) {
    const outcome = outcomes[index];
    if (!outcome) continue;
    const delivery: MailDelivery = serverTrouble
      ? { ...serverTrouble, messageId, attempts: 0 }
      : await ctx.mail.queue.deliver(messageId);
    if (delivery.status === 'pending' && delivery.attempts > 0) serverTrouble = delivery;
    outcome.delivery = delivery;
    if (delivery.status === 'failed') outcome.message = `The email to ${outcome.email ?? ''} could not be sent: ${delivery.error ?? 'unknown reason'}`;
    if (delivery.status === 'pending') outcome.message = `${outcome.message} The email did not leave yet (${delivery.error ?? 'waiting'}); it is retried automatically.`;
  }
}

/** Stops a user's invitation link from working; answers whether there was one. */
export async function revokeInvitation(ctx: ServiceContext, operator: Operator, userId: string): Promise<boolean> {
  requireDirectoryWrite(operator);
  return ctx.store.write(async (trx) => {
    const { now, moment } = await loadCompanyContext(trx, ctx.clock, operator.companyId);
    const user = await findUserRow(trx, operator.companyId, userId);
    const revoked = await revokeAccountTokens(trx, user.id, 'invitation', now);
    if (revoked === 0 && user.invitation_expires_at === null) {
      throw new ApiError('not_found', `${user.email} has no invitation to revoke.`);
    }
    await trx
      .updateTable('users')
      .set({ invitation_expires_at: null, updated_at: now, change_seq: await nextChangeSeq(trx) })
      .where('id', '=', user.id)
      .execute();
    await ctx.mail.queue.cancelPending(trx, user.id, 'invitation');
    await appendAudit(trx, {
      companyId: user.company_id, when: moment, actorId: operator.id, actorEmail: operator.email,
      action: AUDIT_ACTIONS.userInvitationRevoke, targetId: user.id, targetEmail: user.email,
      before: { invitationExpiresAt: user.invitation_expires_at === null ? null : Number(user.invitation_expires_at) },
      after: { invitationExpiresAt: null },
    });
    return revoked > 0;
  });
}
