/**
 * Every route of the Admin API (policy, directory, import, reset, temporary access codes, sign-in activity, audit,
 * report, rollout), merged for `shared/api`.
 */
import { adminAccessCodeRoutes } from './admin-access-codes';
import { adminActivityRoutes } from './admin-activity';
import { adminAuditRoutes } from './admin-audit';
import { adminDirectoryRoutes } from './admin-directory';
import { adminImportRoutes } from './admin-import';
import { adminPolicyRoutes } from './admin-policy';
import { adminReportRoutes } from './admin-report';
import { adminResetRoutes } from './admin-reset';
import { adminRolloutRoutes } from './admin-rollout';

/** The Admin API, by route name. */
export const adminRoutes = {
  ...adminPolicyRoutes,
  ...adminDirectoryRoutes,
  ...adminImportRoutes,
  ...adminResetRoutes,
  ...adminAccessCodeRoutes,
  ...adminActivityRoutes,
  ...adminAuditRoutes,
  ...adminReportRoutes,
  ...adminRolloutRoutes,
} as const;
