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
}

/** A runtime over a connection that can be swapped (embedded ↔ remote). */
export class ConnectionRuntime implements ConsoleRuntime {
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

  /** Replaces the connection, closing the old one. */
  async replace(next: ServiceConnection): Promise<void> {
    const previous = this.connection;
    this.connection = next;
    await previous.close();
  }

  /** Adds a warning the shell shows. */
  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
