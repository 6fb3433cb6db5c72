/**
 * Registers every route of the Admin API (policy, directory, import, reset, temporary access codes, sign-in activity,
 * audit, report) on the service.
 */
import type { ServiceContext } from '../service-context';
import { registerAccessCodeRoutes } from './access-code-routes';
import { registerActivityRoutes } from './activity-routes';
import { registerAuditRoutes } from './audit-routes';
import { registerDirectoryRoutes } from './directory-routes';
import { registerImportRoutes } from './import/import-routes';
import { registerPolicyRoutes } from './policy-routes';
import { registerReportRoutes } from './report-routes';
import { registerResetRoutes } from './reset-routes';

/** Adds the Admin API to the app; every route is `auth: 'operator'` and checks permissions per action. */
export function registerAdminRoutes(ctx: ServiceContext): void {
  registerPolicyRoutes(ctx);
  registerDirectoryRoutes(ctx);
  registerImportRoutes(ctx);
  registerResetRoutes(ctx);
  registerAccessCodeRoutes(ctx);
  registerActivityRoutes(ctx);
  registerAuditRoutes(ctx);
  registerReportRoutes(ctx);
}
