/**
 * Handlers of the invitation and email channels (R-DIR-5). Changes go to the service, then the cache catches up
 * before answering, so the Directory shows the new state at once. The mail server can be set only for the embedded
 * service; a remote service is configured where it runs (`--smtp-url`).
 */
import type { DirectoryUserDetail as ApiUserDetail } from '../../../shared/api/routes/admin-common';
import type { DirectoryUserDetail } from '../../../shared/ipc/channels/directory';
import type { MailServerSettings } from '../../../shared/ipc/channels/invitations';
import type { ConsoleCache } from '../../console/cache/console-cache';
import type { ConnectionManager } from '../../console/connection-manager';
import type { ConsoleRuntime } from '../../console/console-runtime';
import { parseSmtpUrl, smtpPasswordAccount } from '../../service/mail/smtp-url';
import type { SecretVault } from '../../service/secrets/secret-vault';
import { ConsoleError } from '../console-error';
import type { Handlers } from '../dispatch';
import { DEFAULT_STALE_DAYS, userDetailView } from './user-detail-view';

type InvitationChannels = Extract<keyof Handlers, `invitations:${string}` | `mail:${string}`>;

/** `invitations:*` and `mail:*` channels. */
export function createInvitationHandlers(
  runtime: ConsoleRuntime,
  cache: ConsoleCache,
  manager: Pick<ConnectionManager, 'stored' | 'setMailServer'> & { readonly runtime: { current(): { mode: 'embedded' | 'remote' } } },
  vault: SecretVault,
): Pick<Handlers, InvitationChannels> {
  async function fresh(user: ApiUserDetail): Promise<DirectoryUserDetail> {
    await cache.sync();
    return userDetailView(user, cache);
  }

  async function mailServer(): Promise<MailServerSettings> {
    if (manager.runtime.current().mode === 'remote') {
      return {
        editable: false,
        smtpUrl: null,
        hasPassword: false,
        remoteNote: 'This remote service sends email through the mail server it was started with (--smtp-url). Ask whoever runs it to change it.',
      };
    }
    const url = manager.stored().smtpUrl;
    if (!url) return { editable: true, smtpUrl: null, hasPassword: false, remoteNote: null };
    const { settings } = parseSmtpUrl(url);
    const hasPassword = settings.user !== null && (await vault.get(smtpPasswordAccount(settings))) !== null;
    return { editable: true, smtpUrl: url, hasPassword, remoteNote: null };
  }

  return {
    // One request either way: the service adds and invites together, so a lost connection cannot split them.
    'invitations:create-user': async ({ invite, validDays, ...fields }) => {
      if (!invite) return { user: await fresh(await runtime.client().call('adminUserCreate', { body: fields })), invitation: null };
      const { user, invitation } = await runtime.client().call('adminUserCreateInvite', { body: { ...fields, validDays } });
      return { user: await fresh(user), invitation };
    },

    'invitations:invite': async ({ ids, validDays }) => {
      try {
        return await runtime.client().call('adminUsersInvite', { body: { userIds: ids, validDays } });
      } finally {
        await cache.sync();
      }
    },

    'invitations:revoke': async ({ id }) => {
      await runtime.client().call('adminUserInvitationRevoke', { params: { id }, body: {} });
      return fresh(await runtime.client().call('adminUserGet', { params: { id } }));
    },

    'invitations:matching-ids': async (filter) => {
      await cache.whenReady();
      const ctx = { now: cache.now(), staleAfterDays: cache.policy?.staleAfterDays ?? DEFAULT_STALE_DAYS };
      const slots = cache.index.query(filter, 'name', 'asc', ctx);
      return { ids: cache.index.window(slots, 0, slots.length, ctx).map((row) => row.id) };
    },

    'invitations:user-mail': async ({ id }) => (await runtime.client().call('adminMail', { query: { userId: id, limit: 20 } })).messages,

    'mail:status': async () => {
      const log = await runtime.client().call('adminMail', { query: { problems: 'true', limit: 50 } });
      return { transport: log.transport, failed: log.failed, pending: log.pending, problems: log.messages };
    },

    'mail:retry': async ({ id }) => runtime.client().call('adminMailRetry', { params: { id }, body: {} }),

    'mail:test': async ({ to }) => runtime.client().call('adminMailTest', { body: { to } }),

    'mail:server': () => mailServer(),

    'mail:server-set': async ({ smtpUrl, password }) => {
      if (manager.runtime.current().mode === 'remote') {
        throw new ConsoleError('forbidden', 'A remote service uses the mail server it was started with (--smtp-url); it cannot be changed from here.');
      }
      await manager.setMailServer(smtpUrl === '' ? null : smtpUrl, password === '' ? null : password);
      return mailServer();
    },
  };
}
