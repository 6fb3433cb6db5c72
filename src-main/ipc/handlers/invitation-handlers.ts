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
import { isOutage } from '../../console/offline/service-or-copy';
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
    'invitations:create-user': async ({ invite, validDays, ...fields }) => {
      const created = await runtime.client().call('adminUserCreate', { body: fields });
      let invitation = null;
      try {
        if (invite) {
          const answer = await runtime.client().call('adminUsersInvite', { body: { userIds: [created.id], validDays } });
          invitation = answer.results[0] ?? null;
        }
        const user = await runtime.client().call('adminUserGet', { params: { id: created.id } });
        return { user: await fresh(user), invitation };
      } catch (error) {
        // The user was added before the service was lost: say so, so nobody adds them twice.
        if (!(error instanceof ConsoleError) || !isOutage(error)) throw error;
        const next = invite && invitation === null
          ? ' The invitation may not have been sent: once the console is back online, open them in the Directory and send it (a new one replaces any that went out).'
          : '';
        throw new ConsoleError(error.code, `${created.name} (${created.email}) was added, then the connection to the MFA service was lost.${next}`);
      }
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
