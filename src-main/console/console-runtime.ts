/**
 * The console's live state in the main process: the current service connection and host facts.
 * Handlers depend on this small interface, not on how the connection was made.
 */
import type { ConnectionStatus } from '../../shared/ipc/channels/app';
import type { ServiceClient } from './service-client';
import { connectionStatus, type ServiceConnection } from './connection';

/** What handlers may use. */
export interface ConsoleRuntime {
  client(): ServiceClient;
  status(): Promise<ConnectionStatus>;
  /** Calls `listener` after the connection was replaced (embedded ↔ remote, or another operator). */
  onConnectionChange(listener: () => void): () => void;
}

/** A runtime over a connection that can be swapped (embedded ↔ remote). */
export class ConnectionRuntime implements ConsoleRuntime {
  private readonly listeners = new Set<() => void>();

  constructor(
    private connection: ServiceConnection,
    private readonly host: ConnectionStatus['host'],
    private readonly warnings: string[] = [],
  ) {}

  client(): ServiceClient {
    return this.connection.client;
  }

  status(): Promise<ConnectionStatus> {
    return connectionStatus(this.connection, this.host, this.warnings);
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
    if (options.closePrevious ?? true) await previous.close();
    for (const listener of this.listeners) listener();
  }

  /** Adds a warning the shell shows. */
  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
