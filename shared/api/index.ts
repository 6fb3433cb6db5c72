/** Every route of the MFA service, by name. Each area declares its routes in `routes/<area>.ts`. */
import { systemRoutes } from './routes/system';
import { companyRoutes } from './routes/company';

export const apiRoutes = {
  ...systemRoutes,
  ...companyRoutes,
} as const;

export type ApiRoutes = typeof apiRoutes;
export type RouteName = keyof ApiRoutes;
