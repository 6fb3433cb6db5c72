/**
 * The console's composition root below the Electron glue: one place where the connection, the runtime and every
 * IPC handler are wired by hand. The desktop app and browser mode both call this.
 */
import type { ConnectionStatus } from '../../shared/ipc/channels/app';
import { createDispatcher, type Dispatcher, type Handlers } from '../ipc/dispatch';
import { createAppHandlers } from '../ipc/handlers/app-handlers';
import { createDashboardHandlers } from '../ipc/handlers/dashboard-handlers';
import { createPolicyHandlers } from '../ipc/handlers/policy-handlers';
import { createDirectoryHandlers } from '../ipc/handlers/directory-handlers';
import { createResetHandlers } from '../ipc/handlers/reset-handlers';
import { createAuditHandlers } from '../ipc/handlers/audit-handlers';
import { ConsoleCache, consoleCacheFile } from './cache/console-cache';
import { ServiceCacheSource } from './cache/cache-source';
import { DirectoryImports } from './directory-import/directory-import';
import type { Clock } from '../service/clock';
import { systemClock } from '../service/clock';
import { connectEmbedded } from './connection';
import { ConnectionRuntime } from './console-runtime';
import { DEFAULT_EMBEDDED_OPERATOR, startEmbeddedService } from './embedded-service';
import { createSimulatorHandlers } from '../ipc/handlers/simulator-handlers';
import { SimulatorSessions } from './simulator/simulator-sessions';

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
  clock?: Clock;
}

/** Starts the embedded service, connects to it, and wires the handlers. */
export async function createConsole(options: ConsoleOptions): Promise<ConsoleBackend> {
  const clock = options.clock ?? systemClock;
  const cache = await ConsoleCache.open({ file: consoleCacheFile(options.dataDir) });
  const service = await startEmbeddedService({ dataDir: options.dataDir, clock });
  const connection = await connectEmbedded(service, DEFAULT_EMBEDDED_OPERATOR);
  const runtime = new ConnectionRuntime(connection, options.host);
  cache.start(new ServiceCacheSource(runtime), (message) => runtime.warn(message));
  const handlers: Handlers = {
    ...createAppHandlers(runtime),
    ...createDashboardHandlers(runtime),
    ...createPolicyHandlers(runtime, cache),
    ...createDirectoryHandlers(runtime, cache, new DirectoryImports()),
    ...createResetHandlers(runtime, cache),
    ...createAuditHandlers(runtime),
    ...createSimulatorHandlers(new SimulatorSessions(runtime)),
  };
  return {
    dispatch: createDispatcher(handlers),
    runtime,
    close: async () => {
      await cache.close();
      await runtime.close();
    },
  };
}
