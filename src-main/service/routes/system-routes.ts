/** Health and OpenAPI routes. */
import { apiRoutes } from '../../../shared/api';
import { apiWebhooks } from '../../../shared/api/webhooks';
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
  registerRoute(ctx.app, apiRoutes.openapi, ctx.authenticator, async () => openapi);
}
