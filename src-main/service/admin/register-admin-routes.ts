/**
 * Registers every route of the Admin API (policy, directory, import, reset, temporary access codes, sign-in activity,
 * audit and its webhook, report, rollout) on the service.
 */
import { registerAuditWebhookRoutes } from '../audit-webhook/webhook-routes';
import type { ServiceContext } from '../service-context';
import { registerAccessCodeRoutes } from './access-code-routes';
import { registerActivityRoutes } from './activity-routes';
import { registerAuditRoutes } from './audit-routes';
import { registerDirectoryRoutes } from './directory-routes';
import { registerImportRoutes } from './import/import-routes';
import { registerPolicyRoutes } from './policy-routes';
import { registerReportRoutes } from './report-routes';
import { registerResetRoutes } from './reset-routes';
import { registerRolloutRoutes } from './rollout-routes';

/** Adds the Admin API to the app; every route is `auth: 'operator'` and checks permissions per action. */
export function registerAdminRoutes(ctx: ServiceContext): void {
  registerPolicyRoutes(ctx);
  registerDirectoryRoutes(ctx);
  registerImportRoutes(ctx);
  registerResetRoutes(ctx);
  registerAccessCodeRoutes(ctx);
  registerActivityRoutes(ctx);
  registerAuditRoutes(ctx);
  registerAuditWebhookRoutes(ctx);
  registerReportRoutes(ctx);
  registerRolloutRoutes(ctx);
}
