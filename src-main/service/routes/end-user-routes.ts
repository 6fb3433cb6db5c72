/** Every end-user route of the MFA service: sign-in and set-up, self-service, payments step-up, demo tools. */
import type { ServiceContext } from '../service-context';
import { registerDemoRoutes } from './demo-routes';
import { registerPaymentsRoutes } from './payments-routes';
import { registerSelfServiceRoutes } from './self-service-routes';
import { registerSetupRoutes } from './setup-routes';
import { registerSignInRoutes } from './sign-in-routes';

/** Registers the end-user routes. */
export function registerEndUserRoutes(ctx: ServiceContext): void {
  registerSignInRoutes(ctx);
  registerSetupRoutes(ctx);
  registerSelfServiceRoutes(ctx);
  registerPaymentsRoutes(ctx);
  registerDemoRoutes(ctx);
}
