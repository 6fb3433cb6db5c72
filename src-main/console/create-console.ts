/**
 * The console's composition root below the Electron glue: one place where the connection, the runtime, the caches
 * and every IPC handler are wired by hand. The desktop app and browser mode both call this.
 *
 * Offline (R-CON-4): the runtime's link says whether the service can be used. When it comes back the directory cache
 * catches up at once; the screens follow from `app:status`. Channels that need the service are refused while it
 * cannot be used (`gateOffline`), and what the screens show meanwhile comes from the caches.
 */
import type { ConnectionStatus } from '../../shared/ipc/channels/app';
import { createDispatcher, type Dispatcher, type Handlers } from '../ipc/dispatch';
import { createAppHandlers } from '../ipc/handlers/app-handlers';
import { createDashboardHandlers } from '../ipc/handlers/dashboard-handlers';
import { createPolicyHandlers } from '../ipc/handlers/policy-handlers';
import { createDirectoryHandlers } from '../ipc/handlers/directory-handlers';
import { createResetHandlers } from '../ipc/handlers/reset-handlers';
import { createActivityHandlers } from '../ipc/handlers/activity-handlers';
import { SIMULATOR_USER_AGENT } from '../../shared/domain/sign-in-activity';
import { createAuditHandlers } from '../ipc/handlers/audit-handlers';
import { createAuditWebhookHandlers } from '../ipc/handlers/audit-webhook-handlers';
import { ConsoleCache, consoleCacheFile } from './cache/console-cache';
import { ServiceCacheSource } from './cache/cache-source';
import { DirectoryImports } from './directory-import/directory-import';
import { createSimulatorHandlers } from '../ipc/handlers/simulator-handlers';
import { SimulatorSessions } from './simulator/simulator-sessions';
import { withUserAgent } from './service-client';
import type { ConnectionRuntime } from './console-runtime';
import { ConnectionManager } from './connection-manager';
import { RemoteSignIn } from './remote/remote-sign-in';
import { SettingsFile } from './settings-file';
import { lockDataFolder } from '../service/store/folder-lock';
import { makePrivateDir } from './private-dir';
import { createSettingsHandlers } from '../ipc/handlers/settings-handlers';
import { createInvitationHandlers } from '../ipc/handlers/invitation-handlers';
import { gateOffline } from './link/offline-gate';
import { OfflineCopy, offlineCopyFile } from './offline/offline-copy';
import { createRolloutHandlers } from '../ipc/handlers/rollout-handlers';
import { openVault } from '../service/secrets/open-vault';
import type { SecretVault } from '../service/secrets/secret-vault';

/** A running console backend. */
export interface ConsoleBackend {
  dispatch: Dispatcher;
  runtime: ConnectionRuntime;
  close(): Promise<void>;
}

/** Options: where data lives and who hosts the renderer. */
export interface ConsoleOptions {
  dataDir: string;
  host: ConnectionStatus['host'];
  /** The built worker file of the embedded service (the desktop app passes it); from source when omitted. */
  embeddedWorker?: string;
  /** Where the console keeps the remote session token; the OS keychain (or a 0600 file) when omitted. */
  vault?: SecretVault;
}

/** Connects (embedded by default, or the remembered remote service) and wires the handlers. */
export async function createConsole(options: ConsoleOptions): Promise<ConsoleBackend> {
  makePrivateDir(options.dataDir);
  const lock = lockDataFolder(options.dataDir, 'MFA Admin Console');
  let cache: ConsoleCache;
  let copy: OfflineCopy;
  let manager: ConnectionManager | undefined;
  let vault: SecretVault;
  try {
    vault = options.vault ?? (await openVault({ dir: options.dataDir }));
    cache = await ConsoleCache.open({ file: consoleCacheFile(options.dataDir) });
    copy = await OfflineCopy.open({ file: offlineCopyFile(options.dataDir), warn: (message) => manager?.runtime.warn(message) });
    manager = await ConnectionManager.start({
      copy,
      dataDir: options.dataDir,
      vault,
      settingsFile: new SettingsFile(options.dataDir),
      host: options.host,
      ...(options.embeddedWorker ? { embeddedWorker: options.embeddedWorker } : {}),
    });
  } catch (error) {
    lock.release();
    throw error;
  }
  const runtime = manager.runtime;
  copy.useSource(runtime.sourceKey());
  runtime.onConnectionChange(() => copy.useSource(runtime.sourceKey()));
  runtime.link.onChange((status) => {
    copy.rememberLink(status);
    if (status.state === 'online') void cache.sync();
  });
  cache.start(new ServiceCacheSource(runtime), (message) => runtime.warn(message));
  void runtime.start(copy.link);
  const remoteSignIn = new RemoteSignIn();
  const simulations = new SimulatorSessions({ client: () => withUserAgent(runtime.client(), SIMULATOR_USER_AGENT) });
  const handlers: Handlers = {
    ...createAppHandlers(runtime),
    ...createDashboardHandlers(runtime, cache, copy),
    ...createPolicyHandlers(runtime, cache, copy),
    ...createDirectoryHandlers(runtime, cache, new DirectoryImports(), copy),
    ...createResetHandlers(runtime, cache),
    ...createAuditHandlers(runtime, copy),
    ...createActivityHandlers(runtime),
    ...createAuditWebhookHandlers(runtime),
    ...createSettingsHandlers(manager, remoteSignIn),
    ...createSimulatorHandlers(simulations),
    ...createInvitationHandlers(runtime, cache, manager, vault),
    ...createRolloutHandlers(runtime, cache),
  };
  return {
    dispatch: createDispatcher(gateOffline(handlers, runtime.link)),
    runtime,
    close: async () => {
      await remoteSignIn.cancel();
      await simulations.endAll().catch(() => undefined);
      await cache.close();
      await copy.flush();
      await manager.close();
      lock.release();
    },
  };
}
