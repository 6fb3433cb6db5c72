/**
 * Builds the MFA service as a Fastify instance (house style 5): routes orchestrate, SQL lives in repositories,
 * one error handler. Only `server.ts` listens; the console's embedded mode calls it through `inject`.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { SignInRecorder } from './activity/record-sign-in';
import { registerAdminRoutes } from './admin/register-admin-routes';
import { AuditWebhookDelivery } from './audit-webhook/webhook-delivery';
import { withAuditChain } from './audit/keyed-audit-store';
import { createSessionAuthenticator } from './auth/authenticator';
import { resolveMfaRuntime } from './auth/mfa-runtime';
import { throwawayServiceKeys } from './auth/service-keys';
import { installRateLimiting } from './auth/rate-limits';
import { createSessionTouch } from './auth/session-activity';
import { frameworkErrors, installErrorHandling } from './http/error-handler';
import { installResponseCheck } from './http/response-check';
import { createMailRuntime } from './mail/mail-runtime';
import { registerAccountRoutes } from './routes/account-routes';
import { registerCompanyRoutes } from './routes/company-routes';
import { registerEndUserRoutes } from './routes/end-user-routes';
import { registerSystemRoutes } from './routes/system-routes';
import type { ServiceContext, ServiceDeps } from './service-context';

/** Default request body limit: 1 MiB (CSV import routes raise it for themselves). */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Creates the service app with every route registered; call `ready()` (or inject) before use. */
export async function buildApp(deps: ServiceDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    // Ids are made here, never taken from a header: a client could otherwise pick another request's id.
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: deps.trustProxy ?? false,
    bodyLimit: DEFAULT_BODY_LIMIT,
    frameworkErrors,
    // While closing, new requests get the service's own 503 (installErrorHandling), not Fastify's.
    return503OnClosing: false,
  });
  installErrorHandling(app);
  if (deps.checkResponses) installResponseCheck(app);
  await installRateLimiting(app);
  const keys = deps.mfa?.keys ?? (await throwawayServiceKeys());
  const store = withAuditChain(deps.store, keys.audit);
  const mfa = await resolveMfaRuntime(store, { ...deps.mfa, keys });
  const touch = createSessionTouch(store);
  const authenticator = createSessionAuthenticator({ db: store.db, clock: deps.clock, touch });
  const mail = createMailRuntime({ store, clock: deps.clock, sealer: mfa.keys.sealer, demoTools: mfa.demoTools, options: deps.mail });
  app.decorate('mailQueue', mail.queue);
  app.addHook('onClose', () => mail.queue.stop());
  const signIns = new SignInRecorder({ store, clock: deps.clock });
  const auditWebhook = new AuditWebhookDelivery({ store, sealer: mfa.keys.sealer, chain: mfa.keys.audit, clock: deps.clock, version: deps.version, options: deps.auditWebhook });
  app.decorate('auditWebhook', auditWebhook);
  app.addHook('onClose', () => auditWebhook.stop());
  const ctx: ServiceContext = { ...deps, store, app, authenticator, mfa, mail, signIns, auditWebhook };
  registerSystemRoutes(ctx);
  registerCompanyRoutes(ctx);
  registerEndUserRoutes(ctx);
  registerAdminRoutes(ctx);
  registerAccountRoutes(ctx);
  await app.ready();
  auditWebhook.start();
  return app;
}
