/** Demo tools for the enrollment simulator (R-CON-2): SMS outbox, simulated clock, demo users. */
import { apiRoutes } from '../../../shared/api';
import { appendAudit } from '../audit/append-audit';
import { companyMoment, companyNow } from '../clock';
import { requireDemoCompany } from '../demo/demo-access';
import { demoAuthenticatorUri, listDemoUsers, resetDemoUser } from '../demo/demo-users';
import { ApiError } from '../http/api-error';
import { registerRoute } from '../http/register-route';
import type { ServiceContext } from '../service-context';

/** Registers the demo routes (operators of the demo company, in a service running demo tools). */
export function registerDemoRoutes(ctx: ServiceContext): void {
  const { app, authenticator } = ctx;
  const clockView = (offsetMs: number) => ({ offsetMs, companyNow: companyNow(ctx.clock, { clock_offset_ms: offsetMs }), realNow: ctx.clock.now() });

  registerRoute(app, apiRoutes.demoSmsOutbox, authenticator, async ({ auth, query }) => {
    const company = await requireDemoCompany(ctx, auth);
    if (!ctx.mfa.outbox) throw new ApiError('forbidden', 'This service hands text messages to a real gateway, so there is no outbox to read.');
    const messages = ctx.mfa.outbox.list(company.id, query.afterSeq ?? 0).map(({ companyId: _companyId, ...message }) => message);
    return { messages };
  });

  registerRoute(app, apiRoutes.demoClock, authenticator, async ({ auth }) => {
    const company = await requireDemoCompany(ctx, auth);
    return clockView(Number(company.clock_offset_ms));
  });

  registerRoute(app, apiRoutes.demoClockSet, authenticator, async ({ auth, body }) => {
    const company = await requireDemoCompany(ctx, auth);
    if (auth.kind === 'none') throw new ApiError('unauthorized', 'Sign in first.');
    const before = Number(company.clock_offset_ms);
    await ctx.store.write(async (trx) => {
      await trx.updateTable('companies').set({ clock_offset_ms: body.offsetMs }).where('id', '=', company.id).execute();
      await appendAudit(trx, {
        companyId: company.id,
        when: companyMoment(ctx.clock, company),
        actorId: auth.user.id,
        actorEmail: auth.user.email,
        action: 'demo.clock_shifted',
        targetId: null,
        targetEmail: null,
        before: { offsetMs: before },
        after: { offsetMs: body.offsetMs },
      });
    });
    return clockView(body.offsetMs);
  });

  registerRoute(app, apiRoutes.demoUsers, authenticator, async ({ auth }) => {
    const company = await requireDemoCompany(ctx, auth);
    return { users: await listDemoUsers(ctx, company) };
  });

  registerRoute(app, apiRoutes.demoUserReset, authenticator, async ({ auth, params }) => {
    const company = await requireDemoCompany(ctx, auth);
    if (auth.kind === 'none') throw new ApiError('unauthorized', 'Sign in first.');
    return resetDemoUser(ctx, company, params.userId, { id: auth.user.id, email: auth.user.email, sessionId: auth.session.id });
  });

  registerRoute(app, apiRoutes.demoAuthenticator, authenticator, async ({ auth, params }) => {
    const company = await requireDemoCompany(ctx, auth);
    return { keyUri: await demoAuthenticatorUri(ctx, company, params.userId) };
  });
}
