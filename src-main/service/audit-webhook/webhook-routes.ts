/** Admin API routes of the audit webhook (R-AUD-2): read, set, remove, test and retry. */
import { apiRoutes } from '../../../shared/api';
import { operatorOf, requireAdminOnBoth } from '../admin/operator';
import { ApiError } from '../http/api-error';
import { registerRoute } from '../http/register-route';
import type { ServiceContext } from '../service-context';
import { removeWebhook, saveWebhook, webhookView } from './webhook-settings';

const NO_WEBHOOK = 'No audit webhook is set up yet: save an address and a signing secret first.';

/** Registers the audit webhook routes. */
export function registerAuditWebhookRoutes(ctx: ServiceContext): void {
  const { app, authenticator, store, auditWebhook } = ctx;

  registerRoute(app, apiRoutes.adminAuditWebhookGet, authenticator, async ({ auth }) => webhookView(store.db, operatorOf(auth).companyId));

  registerRoute(app, apiRoutes.adminAuditWebhookPut, authenticator, async ({ auth, body }) => {
    const operator = operatorOf(auth);
    await saveWebhook({ store, sealer: ctx.mfa.keys.sealer, clock: ctx.clock }, operator, body);
    void auditWebhook.kick(operator.companyId);
    return webhookView(store.db, operator.companyId);
  });

  registerRoute(app, apiRoutes.adminAuditWebhookDelete, authenticator, async ({ auth }) => {
    const operator = operatorOf(auth);
    await removeWebhook({ store, clock: ctx.clock }, operator);
    return webhookView(store.db, operator.companyId);
  });

  registerRoute(app, apiRoutes.adminAuditWebhookTest, authenticator, async ({ auth }) => {
    const operator = operatorOf(auth);
    requireAdminOnBoth(operator, 'Sending a test event to the audit webhook');
    const result = await auditWebhook.sendTest(operator.companyId);
    if (!result) throw new ApiError('not_found', NO_WEBHOOK);
    return result;
  });

  registerRoute(app, apiRoutes.adminAuditWebhookRetry, authenticator, async ({ auth }) => {
    const operator = operatorOf(auth);
    requireAdminOnBoth(operator, 'Retrying the audit webhook');
    if (!(await auditWebhook.retryNow(operator.companyId))) throw new ApiError('not_found', NO_WEBHOOK);
    return webhookView(store.db, operator.companyId);
  });
}
