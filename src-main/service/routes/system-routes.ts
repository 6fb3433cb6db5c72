/** Liveness, readiness and OpenAPI routes. */
import { apiRoutes } from '../../../shared/api';
import { apiWebhooks } from '../../../shared/api/webhooks';
import { ApiError } from '../http/api-error';
import { buildOpenApiDocument } from '../http/openapi';
import { registerRoute } from '../http/register-route';
import type { ServiceContext } from '../service-context';

/** Registers the system routes. */
export function registerSystemRoutes(ctx: ServiceContext): void {
  const openapi = buildOpenApiDocument(apiRoutes, { title: 'MFA service', version: ctx.version }, apiWebhooks);
  registerRoute(ctx.app, apiRoutes.health, ctx.authenticator, async () => ({
    status: 'ok' as const,
    version: ctx.version,
    storage: ctx.store.engine,
    time: new Date(ctx.clock.now()).toISOString(),
  }));
  registerRoute(ctx.app, apiRoutes.ready, ctx.authenticator, async ({ request }) => {
    try {
      await ctx.store.ping();
    } catch (error) {
      request.log.warn({ err: error }, 'not ready: the database does not answer');
      throw new ApiError('service_unavailable', 'This MFA service instance cannot reach its database, so it cannot serve requests now. Try again in a moment.');
    }
    return { status: 'ready' as const, storage: ctx.store.engine };
  });
  registerRoute(ctx.app, apiRoutes.openapi, ctx.authenticator, async () => openapi);
}
