/**
 * Demo tools for the enrollment simulator (R-CON-2): SMS outbox, simulated clock, demo users. Each needs Admin on
 * both tools in the demo company, and acts only on the seeded demo people.
 */
import { apiRoutes } from '../../../shared/api';
import { requireDemoTools } from '../demo/demo-access';
import { demoClockView, setDemoClock } from '../demo/demo-clock';
import { demoAuthenticatorUri, listDemoUsers, resetDemoUser } from '../demo/demo-users';
import { ApiError } from '../http/api-error';
import { registerRoute } from '../http/register-route';
import { isDemoPersonEmail } from '../seed/demo-company';
import type { ServiceContext } from '../service-context';

/** Registers the demo routes (admins of the demo company, in a service running demo tools). */
export function registerDemoRoutes(ctx: ServiceContext): void {
  const { app, authenticator } = ctx;

  registerRoute(app, apiRoutes.demoSmsOutbox, authenticator, async ({ auth, query }) => {
    const { company } = await requireDemoTools(ctx, auth);
    if (!ctx.mfa.outbox) throw new ApiError('forbidden', 'This service hands text messages to a real gateway, so there is no outbox to read.');
    const messages = (await ctx.mfa.outbox.list(company.id, query.afterSeq ?? 0))
      .filter((message) => isDemoPersonEmail(message.userEmail))
      .map(({ companyId: _companyId, ...message }) => message);
    return { messages };
  });

  registerRoute(app, apiRoutes.demoClock, authenticator, async ({ auth }) => {
    const { company } = await requireDemoTools(ctx, auth);
    return demoClockView(ctx, company);
  });

  registerRoute(app, apiRoutes.demoClockSet, authenticator, async ({ auth, body }) => setDemoClock(ctx, await requireDemoTools(ctx, auth), body.offsetMs));

  registerRoute(app, apiRoutes.demoUsers, authenticator, async ({ auth }) => {
    const { company } = await requireDemoTools(ctx, auth);
    return { users: await listDemoUsers(ctx, company) };
  });

  registerRoute(app, apiRoutes.demoUserReset, authenticator, async ({ auth, params }) => resetDemoUser(ctx, await requireDemoTools(ctx, auth), params.userId));

  registerRoute(app, apiRoutes.demoAuthenticator, authenticator, async ({ auth, params }) => ({
    keyUri: await demoAuthenticatorUri(ctx, await requireDemoTools(ctx, auth), params.userId),
  }));
}
