/**
 * R-DIR-5 routes: the end user's one-time links and "forgot password" (public, rate limited like sign-in), the
 * admin's invitations and mail log, and the demo company's email outbox.
 */
import { apiRoutes } from '../../../shared/api';
import { forgotPassword, linkInfo, renewLink, setPasswordFromLink } from '../accounts/link-service';
import { inviteUsers, revokeInvitation } from '../accounts/invitation-service';
import { callerCompanyContext, loadCompanyContext } from '../admin/company-context';
import { loadUserDetail } from '../admin/user-detail';
import { createUser } from '../admin/user-edit-service';
import { operatorOf, requireAdminOnBoth } from '../admin/operator';
import { requireDemoTools } from '../demo/demo-access';
import { ApiError } from '../http/api-error';
import { isDemoPersonEmail } from '../seed/demo-company';
import { registerRoute } from '../http/register-route';
import { testMail } from '../mail/mail-content';
import { demoOutbox, mailLog, transportView } from '../mail/mail-log';
import type { ServiceContext } from '../service-context';
import { registerAccountPages } from './account-pages';
import { callerContext, limited } from './route-helpers';

/** Registers the account, invitation, mail and mail-outbox routes, and the pages links open. */
export function registerAccountRoutes(ctx: ServiceContext): void {
  const { app, authenticator } = ctx;
  const publicLimit = limited(ctx, 'signIn');

  registerRoute(app, apiRoutes.accountLink, authenticator, async ({ body }) => linkInfo(ctx, body.token), publicLimit);
  registerRoute(app, apiRoutes.accountInvitationAccept, authenticator, async ({ body, request }) => setPasswordFromLink(ctx, body.token, 'invitation', body.password, { request }), publicLimit);
  registerRoute(app, apiRoutes.accountPasswordReset, authenticator, async ({ body, request }) => setPasswordFromLink(ctx, body.token, 'password_reset', body.password, { request }), publicLimit);
  registerRoute(app, apiRoutes.accountPasswordForgot, authenticator, async ({ body }) => forgotPassword(ctx, body.email), publicLimit);
  registerRoute(app, apiRoutes.accountLinkRenew, authenticator, async ({ body }) => renewLink(ctx, body.token), publicLimit);

  registerRoute(app, apiRoutes.adminUsersInvite, authenticator, async ({ auth, body }) => ({
    results: await inviteUsers(ctx, operatorOf(auth), body.userIds, body.validDays),
  }));
  registerRoute(app, apiRoutes.adminUserCreateInvite, authenticator, async ({ auth, body }) => {
    const operator = operatorOf(auth);
    const { validDays, ...fields } = body;
    // Both changes run here, in one request: a client whose connection breaks cannot stop the service between them.
    const created = await createUser({ store: ctx.store, clock: ctx.clock }, operator, fields);
    const [invitation] = await inviteUsers(ctx, operator, [created.id], validDays);
    if (!invitation) throw new Error('Inviting one user gave no outcome.');
    const { company, now } = await loadCompanyContext(ctx.store.db, ctx.clock, operator.companyId);
    return { user: await loadUserDetail(ctx.store.db, company, created.id, now), invitation };
  });
  registerRoute(app, apiRoutes.adminUserInvitationRevoke, authenticator, async ({ auth, params }) => ({
    revoked: await revokeInvitation(ctx, operatorOf(auth), params.id),
  }));

  registerRoute(app, apiRoutes.adminMail, authenticator, async ({ auth, query }) => {
    const operator = operatorOf(auth);
    const log = await mailLog(ctx.store.db, operator.companyId, { problems: query.problems === 'true', userId: query.userId, limit: query.limit });
    return { transport: transportView(ctx.mail.queue), ...log };
  });
  registerRoute(app, apiRoutes.adminMailRetry, authenticator, async ({ auth, params }) => {
    const operator = operatorOf(auth);
    const result = await ctx.mail.queue.retryNow(operator.companyId, params.id);
    if (result === 'not_found') throw new ApiError('not_found', 'That message is not in your company’s mail log.');
    if (result === 'done') throw new ApiError('conflict', 'That message was already sent or replaced by a newer one; nothing to retry.');
    return result;
  });
  registerRoute(app, apiRoutes.adminMailTest, authenticator, async ({ auth, body }) => {
    const operator = operatorOf(auth);
    requireAdminOnBoth(operator, 'Sending a test email');
    const context = callerCompanyContext(auth);
    const server = ctx.mail.queue.transport?.description ?? 'no mail server (nothing can leave)';
    const me = callerContext(auth).uc.user;
    const id = await ctx.store.write((trx) =>
      ctx.mail.queue.enqueue(trx, {
        companyId: operator.companyId, userId: null, kind: 'test', to: body.to,
        content: testMail({ companyName: context.company.name, server, at: context.now, timeZone: me.time_zone }),
      }),
    );
    return ctx.mail.queue.deliver(id);
  });

  registerRoute(app, apiRoutes.demoMailOutbox, authenticator, async ({ auth, query }) => {
    const { company } = await requireDemoTools(ctx, auth);
    const messages = await demoOutbox(ctx.store.db, ctx.mail.queue, company.id, query.afterSeq ?? 0, query.userId);
    return { messages: messages.filter((message) => isDemoPersonEmail(message.to)) };
  });

  registerAccountPages(ctx);
}
