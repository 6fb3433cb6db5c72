/**
 * Admin API route of the CSV import. The body is the file itself (`text/csv`, up to 64 MiB), read as text by a
 * content-type parser, then read record by record. With `invite=new`, the users an applied import created are invited
 * once it committed (their emails leave in the background).
 */
import { apiRoutes } from '../../../../shared/api';
import { IMPORT_BODY_LIMIT } from '../../../../shared/api/routes/admin-import';
import { INVITE_BATCH_MAX } from '../../../../shared/api/routes/admin-invitations';
import { INVITATION_VALID_DAYS } from '../../../../shared/domain/account-access';
import { inviteUsers } from '../../accounts/invitation-service';
import { registerRoute } from '../../http/register-route';
import type { ServiceContext } from '../../service-context';
import { operatorOf } from '../operator';
import { importUsers } from './import-service';

/** Registers the import route and the `text/csv` body parser. */
export function registerImportRoutes(ctx: ServiceContext): void {
  const { app, authenticator, store, clock } = ctx;
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT }, (_request, body, done) => done(null, body));
  registerRoute(
    app,
    apiRoutes.adminUsersImport,
    authenticator,
    async ({ auth, body, query }) => {
      const operator = operatorOf(auth);
      const { createdIds, ...result } = await importUsers({ store, clock }, operator, body, query);
      if (result.preview || query.invite !== 'new') return result;
      let invited = 0;
      for (let start = 0; start < createdIds.length; start += INVITE_BATCH_MAX) {
        const outcomes = await inviteUsers(ctx, operator, createdIds.slice(start, start + INVITE_BATCH_MAX), INVITATION_VALID_DAYS.default, { deliver: 'background' });
        invited += outcomes.filter((outcome) => outcome.outcome !== 'skipped').length;
      }
      return { ...result, invited };
    },
    { bodyLimit: IMPORT_BODY_LIMIT },
  );
}
