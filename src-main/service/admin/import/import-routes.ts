/**
 * Admin API route of the CSV import. The body is the file itself (`text/csv`, up to 64 MiB), read as text by a
 * content-type parser, then read record by record.
 */
import { apiRoutes } from '../../../../shared/api';
import { IMPORT_BODY_LIMIT } from '../../../../shared/api/routes/admin-import';
import { registerRoute } from '../../http/register-route';
import type { ServiceContext } from '../../service-context';
import { operatorOf } from '../operator';
import { importUsers } from './import-service';

/** Registers the import route and the `text/csv` body parser. */
export function registerImportRoutes(ctx: ServiceContext): void {
  const { app, authenticator, store, clock } = ctx;
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT }, (_request, body, done) => done(null, body));
  registerRoute(app, apiRoutes.adminUsersImport, authenticator, async ({ auth, body, query }) => importUsers({ store, clock }, operatorOf(auth), body, query), {
    bodyLimit: IMPORT_BODY_LIMIT,
  });
}
