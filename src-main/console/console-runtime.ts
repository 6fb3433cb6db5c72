/**
 * The console's live state in the main process: the current service connection, the link that says whether that
 * service can be used right now, and host facts. Handlers depend on this small interface, not on how the
 * connection was made.
 */
import type { ConnectionStatus } from '../../shared/ipc/channels/app';
import { IPC_ERROR } from '../../shared/ipc/errors';
import { ConsoleError } from '../ipc/console-error';
import { APP_VERSION } from '../version';
import type { ServiceConnection } from './connection';
import { linkedClient, sessionEndedMessage } from './link/linked-client';
import type { Scheduler } from './link/scheduler';
import { ServiceLink, type ProbeResult, type RememberedLink } from './link/service-link';
import type { ServiceClient } from './service-client';

/** What handlers may use. */
export interface ConsoleRuntime {
  /** The client of the current service; every call reports to `link`. */
  client(): ServiceClient;
  /** Where the console is connected and whether the service can be used, answered from memory. */
  status(): Promise<ConnectionStatus>;
  /** Whether the current service can be used right now, and since when not. */
  readonly link: ServiceLink;
  /** `mode:target`: names the service the console's copies belong to. */
  sourceKey(): string;
  /** Calls `listener` after the connection was replaced (embedded ↔ remote, or another operator). */
  onConnectionChange(listener: () => void): () => void;
}

/** Options of the runtime's link (tests pass a scheduler). */
export interface RuntimeOptions {
  scheduler?: Scheduler;
  heartbeatMs?: number;
}

/** Asks the connection's service who the console is: answered means reachable, "unauthorized" a session ended. */
async function probe(connection: ServiceConnection): Promise<ProbeResult> {
  try {
    await connection.client.call('me', {});
    return { kind: 'ok' };
  } catch (error) {
    if (error instanceof ConsoleError && error.code === IPC_ERROR.serviceUnavailable) return { kind: 'unreachable', message: error.message };
    if (error instanceof ConsoleError && error.code === 'unauthorized') return { kind: 'session_ended', message: sessionEndedMessage(connection.mode, connection.target) };
    return { kind: 'ok' };
  }
}

/** A runtime over a connection that can be swapped (embedded ↔ remote). */
export class ConnectionRuntime implements ConsoleRuntime {
  private readonly listeners = new Set<() => void>();
  readonly link: ServiceLink;
  private linked: ServiceClient;

  constructor(
    private connection: ServiceConnection,
    private readonly host: ConnectionStatus['host'],
    private readonly warnings: string[] = [],
    options: RuntimeOptions = {},
  ) {
    this.link = new ServiceLink({
      probe: () => probe(this.connection),
      ...(options.scheduler ? { scheduler: options.scheduler } : {}),
      ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
    });
    this.linked = this.wrap(connection);
  }

  /** Starts watching the service; `remembered` is what the last run knew of it. */
  start(remembered?: RememberedLink): Promise<unknown> {
    return this.link.start(remembered);
  }

  client(): ServiceClient {
    return this.linked;
  }

  sourceKey(): string {
    return `${this.connection.mode}:${this.connection.target}`;
  }

  async status(): Promise<ConnectionStatus> {
    const link = this.link.current;
    const state = link.state === 'online' ? 'connected' : link.state === 'unreachable' ? 'offline' : 'session_ended';
    return {
      mode: this.connection.mode,
      state,
      target: this.connection.target,
      warnings: [...this.warnings],
      host: this.host,
      version: APP_VERSION,
      since: link.since,
      lastContactAt: link.lastContactAt,
      nextRetryAt: link.nextRetryAt,
      problem: link.message,
    };
  }

  /** The connection in use. */
  current(): ServiceConnection {
    return this.connection;
  }

  onConnectionChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Replaces the connection, closing the old one unless told to keep it (same embedded service, other operator). */
  async replace(next: ServiceConnection, options: { closePrevious?: boolean } = {}): Promise<void> {
    const previous = this.connection;
    this.connection = next;
    this.linked = this.wrap(next);
    this.link.reset();
    if (options.closePrevious ?? true) await previous.close();
    for (const listener of this.listeners) listener();
  }

  /** Adds a warning the shell shows. */
  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  async close(): Promise<void> {
    this.link.stop();
    await this.connection.close();
  }

  private wrap(connection: ServiceConnection): ServiceClient {
    return linkedClient(connection.client, this.link, () => sessionEndedMessage(connection.mode, connection.target));
  }
}
