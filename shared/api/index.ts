/** Every route of the MFA service, by name. Each area declares its routes in `routes/<area>.ts`. */
import { systemRoutes } from './routes/system';
import { companyRoutes } from './routes/company';
import { adminRoutes } from './routes/admin-routes';
import { authRoutes } from './routes/auth';
import { selfServiceRoutes } from './routes/self-service';
import { paymentsRoutes } from './routes/payments';
import { demoRoutes } from './routes/demo';
import { accountRoutes } from './routes/accounts';
import { adminInvitationRoutes } from './routes/admin-invitations';
import { demoMailRoutes } from './routes/demo-mail';
import { adminAuditWebhookRoutes } from './routes/admin-audit-webhook';

export const apiRoutes = {
  ...systemRoutes,
  ...companyRoutes,
  ...adminRoutes,
  ...authRoutes,
  ...selfServiceRoutes,
  ...paymentsRoutes,
  ...demoRoutes,
  ...accountRoutes,
  ...adminInvitationRoutes,
  ...demoMailRoutes,
  ...adminAuditWebhookRoutes,
} as const;

export type ApiRoutes = typeof apiRoutes;
export type RouteName = keyof ApiRoutes;
